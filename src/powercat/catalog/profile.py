"""Profiles: statutory knowledge as data (FORMAT.md section 5).

A profile is a YAML file; the default ``prc`` ships with powercat. Rules ask the profile, never
hard-code the law.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from powercat.catalog.enums import Category, Level, RightType
from powercat.catalog.model import Days, Step, TimeLimit
from powercat.i18n import Message


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
    required: bool = False  # a standard step PC501 looks for (matched by name)


class StandardProcedure(_P):
    source: str
    steps: list[TemplateStep]

    def required_names(self) -> list[str]:
        return [s.name for s in self.steps if s.required]


class CategoryProfile(_P):
    max_statutory: Days | None = None
    max_with_extension: Days | None = None
    max_source: str | None = None
    required_rights: list[RequiredRight] = Field(default_factory=list)
    creating_levels: list[Level] = Field(default_factory=list)
    creating_source: str | None = None
    uncounted_steps: list[str] = Field(default_factory=list)  # step names whose time is not counted
    uncounted_source: str | None = None
    fee_levels: list[Level] = Field(default_factory=list)
    fee_source: str | None = None
    procedures: dict[str, StandardProcedure] = Field(default_factory=dict)


class Adverse(_P):
    categories: list[Category]
    step_keywords: list[str]
    source: str


class Term(_P):
    old: str
    new: str
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
    categories: dict[Category, CategoryProfile]
    digest: str = ""
    _laws: frozenset[str] = PrivateAttr(default=frozenset())

    def category(self, cat: Category) -> CategoryProfile:
        return self.categories.get(cat) or CategoryProfile()

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


class ProfileError(Message):
    """A profile file that cannot be read or does not match the profile shape."""


def is_profile_file(name_or_path: str) -> bool:
    """A profile named by a file of the repository (else a built-in profile's name)."""
    return name_or_path.endswith((".yaml", ".yml"))


@lru_cache(maxsize=8)
def load_profile(name_or_path: str = "prc", root: str | None = None) -> Profile:
    """The built-in profile by name, or a profile file (relative to ``root``)."""
    if is_profile_file(name_or_path):
        path = Path(root or ".") / name_or_path
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise ProfileError("config.profile_unreadable", path=path, reason=exc.strerror) from exc
    else:
        try:
            raw = (resources.files("powercat") / "profiles" / f"{name_or_path}.yaml").read_bytes()
        except FileNotFoundError as exc:
            raise ProfileError("config.profile_unknown", name=name_or_path) from exc
    return profile_from_bytes(raw, name_or_path)


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
