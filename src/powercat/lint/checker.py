"""Check one file: read, parse with positions, validate the model, run the file's rules.

Everything here is per file and picklable, so files can be checked in worker processes and
their results cached by content hash.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from pydantic import BaseModel, ValidationError

from powercat.catalog.cache import file_hash
from powercat.catalog.config import Config
from powercat.lint.diagnostics import Diagnostic, Location, Severity
from powercat.catalog.parse import ParseIssue, Parsed, SourceMap, parse_yaml
from powercat.catalog.model import UNION_TAGS, Department, Power, RecordsFile
from powercat.catalog.profile import Profile
from powercat.lint.rules import all_rules, checks_for
from powercat.lint.rules.base import DepartmentCtx, Finding, ParseCtx, PowerCtx, PowerFacts

MAX_BYTES = 5 * 1024 * 1024  # a power file is a few KB; 5 MB is surely a mistake
_PROBLEMS = ("too_large", "binary", "encoding")


@dataclass(slots=True)
class FileResult:
    file: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    facts: PowerFacts | None = None
    model: Any = None  # the validated model (not cached)
    source: SourceMap | None = None
    digest: str = ""  # content hash of the file as read (powers only)


@dataclass(slots=True)
class Env:
    """What checking needs besides the file: settings, profile, the departments."""

    config: Config
    profile: Profile
    departments: dict[str, Department | None] = field(default_factory=dict)
    as_of: dt.date = field(default_factory=dt.date.today)


def read_text(path: Path) -> tuple[bytes, str | None, str]:
    """(the file's bytes, its text or None, why it cannot be read as YAML text)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return b"", None, exc.strerror or str(exc)
    if len(raw) > MAX_BYTES:
        return raw, None, "too_large"
    if b"\x00" in raw:
        return raw, None, "binary"
    try:
        return raw, raw.decode("utf-8-sig"), ""
    except UnicodeDecodeError:
        return raw, None, "encoding"


def data_path(data: Any, loc: tuple[Any, ...]) -> tuple[tuple[Any, ...], str | None]:
    """Map a pydantic error location to a data path; the second item names a missing key."""
    path: list[Any] = []
    for part in loc:
        if isinstance(part, str) and part in UNION_TAGS:
            continue
        if isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return tuple(path), str(part)
        path.append(part)
    return tuple(path), None


def schema_errors(model: type[BaseModel], data: Any) -> tuple[Any, list[dict[str, Any]]]:
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        errors = []
        for err in exc.errors(include_url=False):
            path, missing = data_path(data, tuple(err["loc"]))
            errors.append({**err, "path": path, "missing": missing})
        return None, errors


class FileChecker:
    """Turns findings of rules into located diagnostics for one file."""

    def __init__(self, env: Env, rel: str, source: SourceMap) -> None:
        self.env, self.rel, self.source = env, rel, source
        self.rules = all_rules()
        self.out: list[Diagnostic] = []

    def run(self, scope: str, ctx: Any) -> None:
        for code, fn in checks_for(scope):
            self.add(code, fn(ctx))

    def add(self, code: str, findings: Iterable[Finding]) -> None:
        default = self.rules[code].severity
        for f in findings:
            rel = f.file or self.rel
            level = self.env.config.level_for(code, rel, default)
            if level == "off":
                continue
            if f.line is not None:
                line, col = f.line, f.column or 1
            else:
                line, col = self.source.key(f.path) if f.at == "key" else self.source.value(f.path)
            related = [Location(rel, *self.source.key(p)) for p in f.related]
            self.out.append(Diagnostic(code, Severity(level), rel, line, col, f.args, f.variant, related))


def _parse(env: Env, path: Path, rel: str, model: type[BaseModel]
           ) -> tuple[FileChecker, Any, Parsed | None, bytes]:
    raw, text, problem = read_text(path)
    if text is None:
        checker = FileChecker(env, rel, SourceMap())
        issue = ParseIssue("PC100", 1, 1, {"problem": problem}, problem if problem in _PROBLEMS else "unreadable")
        checker.run("parse", ParseCtx(rel, [issue], [], None))
        return checker, None, None, raw
    parsed = parse_yaml(text)
    checker = FileChecker(env, rel, parsed.source)
    obj, errors = (None, [])
    if not any(i.code == "PC100" for i in parsed.issues):
        obj, errors = schema_errors(model, {"entries": parsed.data} if model is RecordsFile else parsed.data)
        if model is RecordsFile:
            for e in errors:
                e["path"] = e["path"][1:]
    expected = "list" if model is RecordsFile else "mapping"
    checker.run("parse", ParseCtx(rel, parsed.issues, errors, parsed.data, expected))
    return checker, obj, parsed, raw


def check_department(env: Env, path: Path, rel: str, folder: str) -> FileResult:
    checker, dept, parsed, _ = _parse(env, path, rel, Department)
    if dept is not None and parsed is not None:
        checker.run("department", DepartmentCtx(rel, folder, dept, parsed.source, env.profile))
    return FileResult(rel, checker.out, None, dept, parsed.source if parsed else None)


def check_power(env: Env, path: Path, rel: str, folder: str) -> FileResult:
    checker, power, parsed, raw = _parse(env, path, rel, Power)
    digest = file_hash(raw) if raw else ""
    if power is None or parsed is None:
        return FileResult(rel, checker.out, digest=digest)
    ctx = PowerCtx(rel, path.stem, power, parsed.source, env.departments.get(folder), env.profile)
    checker.run("power", ctx)
    line, col = parsed.source.value(("code",))
    disclosure = power.disclosure
    facts = PowerFacts(
        rel, power.code, line, col, power.name, power.category.value, folder,
        disclosure.timing.value if disclosure else "", disclosure.within_days if disclosure else None,
        list(power.lint.ignore) if power.lint else [],
    )
    diags = [d for d in checker.out if d.code not in facts.ignore or d.code == "PC101"]
    return FileResult(rel, diags, facts, power, parsed.source, digest)


def check_records(env: Env, path: Path, rel: str) -> FileResult:
    checker, records, parsed, _ = _parse(env, path, rel, RecordsFile)
    return FileResult(rel, checker.out, None, records, parsed.source if parsed else None)
