"""A diagnostic: one finding of one rule, at a file, line and column; a Report: all of one run."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from enum import Enum
from typing import Any


class Severity(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


@dataclass(frozen=True, slots=True)
class Location:
    file: str  # relative to the catalog root, with forward slashes
    line: int
    column: int


@dataclass(slots=True)
class Diagnostic:
    code: str
    severity: Severity
    file: str
    line: int
    column: int
    args: dict[str, Any] = field(default_factory=dict)
    variant: str = "message"  # which message of the rule (most rules have one)
    related: list[Location] = field(default_factory=list)  # further places of the same mistake

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.code)

    def to_cache(self) -> dict[str, Any]:
        return {
            "code": self.code, "severity": self.severity.value, "file": self.file, "line": self.line,
            "column": self.column, "args": self.args, "variant": self.variant,
            "related": [[r.file, r.line, r.column] for r in self.related],
        }

    @classmethod
    def from_cache(cls, d: dict[str, Any]) -> "Diagnostic":
        return cls(d["code"], Severity(d["severity"]), d["file"], d["line"], d["column"], d["args"],
                   d["variant"], [Location(*r) for r in d["related"]])


@dataclass(slots=True)
class Report:
    """The findings of one lint run, and what was checked."""

    root: Path
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0
    powers: int = 0
    cached: int = 0
    checked: list[str] = field(default_factory=list)  # relative paths of the files checked
    baselined: int = 0  # findings hidden because the baseline already has them
    notes: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (ui key, args): said once, not findings
    docs_url: str = ""  # powercat.toml [lint] docs_url: where the reports link each rule ("" = the default)
    _errors: dict[str, int] | None = field(default=None, init=False, repr=False, compare=False)

    def errors_in(self, file: str) -> int:
        if self._errors is None:  # counted once: asked for every power of a large catalog
            self._errors = {}
            for d in self.diagnostics:
                if d.severity == Severity.error:
                    self._errors[d.file] = self._errors.get(d.file, 0) + 1
        return self._errors.get(file, 0)

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.diagnostics if d.severity == severity)

    def exit_code(self, strict: bool = False) -> int:
        worst = {d.severity for d in self.diagnostics}
        return 1 if Severity.error in worst or (strict and Severity.warning in worst) else 0

    def at_least(self, severity: Severity) -> "Report":
        kept = [d for d in self.diagnostics if d.severity.rank >= severity.rank]
        return dataclasses.replace(self, diagnostics=kept)
