"""What a rule is, what it sees and what it yields.

A rule module registers itself with :func:`rule` and adds one check per scope it needs::

    RULE = rule("PC304", "error", law="行政许可法第四十二条")

    @RULE.check("power")
    def check(ctx: PowerCtx) -> Iterator[Finding]: ...

Checks get loaded models with their source maps; they never read or parse files. Their
messages, hints and docs (zh-CN, en) live in ``powercat/locales/*.yaml`` under the code.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Literal

from powercat.catalog.flow import Flow
from powercat.catalog.parse import DataPath, Duplicate, SourceMap, SyntaxFault
from powercat.catalog.model import Department, Power
from powercat.catalog.profile import Profile

Scope = Literal["parse", "power", "department", "catalog", "records"]
SCOPES: tuple[Scope, ...] = ("parse", "power", "department", "catalog", "records")


@dataclass(slots=True)
class Finding:
    """One problem at a data path of the file being checked."""

    path: DataPath
    args: dict[str, Any] = field(default_factory=dict)
    variant: str = "message"
    at: Literal["key", "value"] = "key"
    file: str | None = None  # only for catalog/records rules: which file (relative)
    line: int | None = None  # only where no data path exists (parse errors)
    column: int | None = None
    related: list[DataPath] = field(default_factory=list)  # the same mistake elsewhere in the file


@dataclass(slots=True)
class ParseCtx:
    """What reading and parsing one file found (catalog.loader.Document, as facts)."""

    file: str
    kind: str  # department | power | records
    problem: str  # why the file is no YAML text: missing | unreadable | too_large | binary | encoding | ""
    detail: str  # the system's words for an unreadable file
    syntax: SyntaxFault | None  # where the parser stopped
    duplicates: list[Duplicate]  # keys written twice
    schema_errors: list[dict[str, Any]]  # pydantic error dicts with "path" added
    data: Any
    expected: str = "mapping"  # the document's top-level shape: mapping, or list (records)


@dataclass(slots=True)
class PowerCtx:
    file: str
    stem: str
    power: Power
    source: SourceMap
    department: Department | None
    profile: Profile
    laws: Any = None  # the law library (powercat.laws.Library), None when none is configured
    as_of: dt.date = field(default_factory=dt.date.today)  # the reference date of the run
    memo: dict[str, Any] = field(default_factory=dict)  # what several rules derive once (citations)

    def flow(self, index: int) -> Flow:
        """The graph of procedure ``index``, built once for every rule that walks it (PC502,
        PC503, PC505 ...); its derived facts (reachability, loops) are computed once too."""
        key = f"flow:{index}"
        if key not in self.memo:
            self.memo[key] = Flow.of(self.power.procedures[index])
        return self.memo[key]

    def post_ids(self) -> set[str] | None:
        return None if self.department is None else {p.id for p in self.department.posts}


@dataclass(slots=True)
class DepartmentCtx:
    file: str
    folder: str
    department: Department
    source: SourceMap
    profile: Profile


@dataclass(slots=True)
class PowerFacts:
    """What cross-file rules need of a power file (kept in the cache)."""

    file: str
    code: str
    line: int
    column: int
    name: str = ""
    category: str = ""
    department: str = ""
    timing: str = ""
    within_days: int | None = None
    ignore: list[str] = field(default_factory=list)
    bases: int = 0  # how many legal bases it cites

    def to_dict(self) -> dict[str, Any]:
        """For the cache (dataclasses.asdict deep-copies and is slow on 10,000 files)."""
        return {"file": self.file, "code": self.code, "line": self.line, "column": self.column,
                "name": self.name, "category": self.category, "department": self.department,
                "timing": self.timing, "within_days": self.within_days, "ignore": list(self.ignore),
                "bases": self.bases}


@dataclass(slots=True)
class CatalogCtx:
    powers: list[PowerFacts]
    profile: Profile
    stray: list[tuple[str, str]] = field(default_factory=list)  # files not read: (path, reason)


@dataclass(slots=True)
class RecordsCtx:
    file: str
    department: str
    entries: list[Any]  # model.Record | model.Complaint, in file order
    source: SourceMap
    powers: dict[str, PowerFacts]
    profile: Profile
    as_of: dt.date
    broken: set[str] = field(default_factory=set)  # power codes (file names) whose own file has errors


Check = Callable[[Any], Iterable[Finding]]


@dataclass(slots=True)
class Rule:
    code: str
    severity: str  # default: error | warning | info
    law: str = ""  # the article the rule comes from, cited on its docs page
    statutory: bool = True  # False: no statute backs it (practice, policy): a warning by default
    module: str = ""
    checks: dict[str, Check] = field(default_factory=dict)
    details: Callable[[dict[str, Any]], str] | None = None  # more docs (Markdown) from the locale entry

    def check(self, scope: Scope) -> Callable[[Check], Check]:
        def register(fn: Check) -> Check:
            self.checks[scope] = fn
            return fn
        return register

    @property
    def family(self) -> str:
        return self.code[:3] + "xx"


REGISTRY: dict[str, Rule] = {}


def rule(code: str, severity: str, *, law: str = "", statutory: bool = True) -> Rule:
    """Register a rule. ``statutory=False`` marks a rule no statute backs: it must default to a
    warning (or info); a department raises it in powercat.toml, naming its local regulation."""
    if code in REGISTRY:
        raise ValueError(f"rule {code} registered twice")
    if not statutory and severity == "error":
        raise ValueError(f"rule {code} has no statutory basis: it cannot default to error")
    r = REGISTRY[code] = Rule(code, severity, law, statutory, module=f"powercat.lint.rules.{code.lower()}")
    return r


def walk_steps(power: Power) -> Iterator[tuple[int, int, Any]]:
    """(procedure index, step index, step) for every step of every procedure."""
    for pi, proc in enumerate(power.procedures):
        for si, step in enumerate(proc.steps):
            yield pi, si, step


def step_path(pi: int, si: int, *rest: Any) -> DataPath:
    return ("procedures", pi, "steps", si, *rest)
