"""Profiles: statutory knowledge as data (FORMAT.md section 5).

A profile is a YAML file; the default ``prc`` ships with powercat. Rules ask the profile, never
hard-code the law.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from functools import lru_cache
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from powercat.catalog.enums import Category, CoercionKind, IssuerLevel, Level, ProcedureKind, RightType
from powercat.catalog.model import Days, Step, TimeLimit
from powercat.catalog.profile_file import ProfileError, is_profile_file, profile_bytes  # noqa: F401 (re-exported)


class _P(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DayCounting(_P):
    law: str
    mode: Literal["all_working", "working_for", "working_up_to"]
    days: list[int] = Field(default_factory=list)
    source: str

    def unit_for(self, days: int) -> str:
        """The unit this law counts a period of ``days`` in."""
        if self.mode == "all_working":
            return "working"
        if self.mode == "working_for":
            return "working" if days in self.days else "natural"
        return "working" if days <= max(self.days) else "natural"


class RequiredRight(_P):
    type: RightType
    source: str


class TemplateStep(Step):
    required: bool = False  # a standard step PC501 (statutory) or PC510 (practice) looks for
    statutory: bool | None = None  # whether a statute requires it (None: the procedure's ``statutory``)
    aliases: list[str] = Field(default_factory=list)  # other names of the step (matching without ``role``)
    for_types: list[CoercionKind] = Field(default_factory=list)  # only for powers of these coercion types


class StandardProcedure(_P):
    source: str
    name: str | None = None  # the statute's name for the procedure (行政处罚法: 普通程序)
    statutory: bool = True  # False: the steps come from practice or a policy document (PC510, a warning)
    steps: list[TemplateStep]

    def required_steps(self, statutory: bool) -> list[TemplateStep]:
        """The required steps that a statute (or, with ``statutory=False``, only practice) asks for."""
        return [s for s in self.steps if s.required and self.step_statutory(s) == statutory]

    def step_statutory(self, step: TemplateStep) -> bool:
        return self.statutory if step.statutory is None else step.statutory


class CreatingLevel(_P):
    """A level that may create a category only when its issuer is of these levels
    (许可法第十五条: a 省级人民政府规章, a temporary licence)."""
    level: Level
    issuers: list[IssuerLevel]
    note: str = ""


class TypeCreating(_P):
    """Who may create one kind of coercion (行政强制法第十条、第十三条)."""
    levels: list[Level]
    source: str


class Clock(_P):
    """Where the statutory period starts (after the step with role ``after``) and which steps'
    time it never includes (``outside``: 送达 after the decision)."""
    after: list[str] = Field(default_factory=list)
    outside: list[str] = Field(default_factory=list)
    source: str


class Joint(_P):
    """The longer limits of licences handled jointly (许可法第四十二条第二款)."""
    max_statutory: Days
    max_with_extension: Days
    source: str


class DisclosureDuty(_P):
    """What 政府信息公开条例第二十条 asks to disclose of a category: its item, and whether every
    result (``all``: timing must be timely), only significant ones, or none must be disclosed."""
    item: str
    results: Literal["all", "significant", "none"]
    source: str


class ReviewFirst(_P):
    """Procedures whose decisions must first go to administrative reconsideration (复议前置)."""
    procedures: list[ProcedureKind]
    direct_suit: list[str]  # regular expressions: a note telling the party it may sue directly
    told_first: list[str]  # words showing the note already says reconsideration comes first
    source: str


class CategoryProfile(_P):
    max_statutory: Days | None = None
    max_with_extension: Days | None = None
    max_source: str | None = None
    required_rights: list[RequiredRight] = Field(default_factory=list)
    extension_source: str | None = None  # why no extension is granted (max_statutory without max_with_extension)
    joint: Joint | None = None
    clock: Clock | None = None
    creating_levels: list[Level | CreatingLevel] = Field(default_factory=list)
    creating_source: str | None = None
    creating_by_type: dict[CoercionKind, TypeCreating] = Field(default_factory=dict)
    uncounted_steps: list[str] = Field(default_factory=list)  # periods the law does not count: a hint only
    uncounted_source: str | None = None
    disclosure: DisclosureDuty | None = None
    review_first: ReviewFirst | None = None
    fee_levels: list[Level] = Field(default_factory=list)
    fee_source: str | None = None
    procedures: dict[str, StandardProcedure] = Field(default_factory=dict)


class Adverse(_P):
    categories: list[Category]
    step_keywords: list[str]
    source: str


class Term(_P):
    old: str  # the words, or how the message names them when ``pattern`` is given
    new: str
    source: str
    pattern: str | None = None  # a regular expression to find instead of ``old``
    except_vertical: bool = False  # right for the bodies of 行政复议法第二十七条 (Department.vertical)


class ProcedureLaws(_P):
    """Laws that set how powers are exercised and create none (PC205 never counts them)."""
    laws: list[str]
    source: str


class Superseded(_P):
    in_force_from: dt.date
    terms: list[Term]


class Period(_P):
    days: int
    unit: Literal["working", "natural"]
    source: str


class ServiceGuide(_P):
    categories: list[Category] = Field(default_factory=list)  # the powers a person applies for
    source: str = ""


class Profile(_P):
    id: str
    name: str
    version: str | float
    natural_days_per_working_day: float
    conversion_note: str
    day_counting: list[DayCounting]
    complaint_reply: Period
    record_within: Period
    adverse: Adverse
    superseded_wording: Superseded
    service_guide: ServiceGuide = Field(default_factory=ServiceGuide)
    laws_in_force: list[str]
    procedure_laws: ProcedureLaws
    categories: dict[Category, CategoryProfile]
    digest: str = ""
    _laws: frozenset[str] = PrivateAttr(default=frozenset())

    def category(self, cat: Category) -> CategoryProfile:
        return self.categories.get(cat) or CategoryProfile()

    def procedure_law(self, title: str) -> bool:
        """Whether ``title`` is a procedure law (its edition note, e.g. (2021修订), ignored)."""
        name = normalize_law(title.split("（")[0].split("(")[0])
        return name in {normalize_law(t) for t in self.procedure_laws.laws}

    def law_in_force(self, title: str) -> bool:
        if not self._laws:
            self._laws = frozenset(normalize_law(t) for t in self.laws_in_force)
        return normalize_law(title) in self._laws

    def to_working_days(self, limit: TimeLimit) -> float:
        """A limit in working days (natural days converted by the profile's ratio)."""
        if limit == "on_the_spot":
            return 0.0
        if limit.unit == "working":
            return float(limit.days)
        return limit.days / self.natural_days_per_working_day

    def counting_for(self, law: str) -> DayCounting | None:
        key = normalize_law(law)
        return next((c for c in self.day_counting if normalize_law(c.law) == key), None)


def normalize_law(title: str) -> str:
    t = title.strip().strip("《》").replace(" ", "")
    return t.removeprefix("中华人民共和国")


@lru_cache(maxsize=8)
def load_profile(name_or_path: str = "prc", root: str | None = None) -> Profile:
    """The built-in profile by name, or a profile file (relative to ``root``)."""
    return profile_from_bytes(profile_bytes(name_or_path, root), name_or_path)


@lru_cache(maxsize=8)
def profile_from_bytes(raw: bytes, name: str) -> Profile:
    """The profile in ``raw`` (a profile file as read from disk or a git revision)."""
    try:
        data: Any = yaml.load(raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        profile = Profile.model_validate(data)
    except (yaml.YAMLError, ValueError) as exc:
        raise ProfileError("config.profile_invalid", name=name, detail=exc) from exc
    profile.digest = hashlib.sha256(raw).hexdigest()
    return profile
