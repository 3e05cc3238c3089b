"""Run the rules of one file: a parsed Document in, located diagnostics out.

Everything here works per file and returns picklable results, so files can be checked in
worker processes and their results cached by content hash. Reading and parsing are the
catalog's (``catalog.document(rel)``); a rule never parses YAML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from powercat.catalog.config import Config
from powercat.catalog.loader import Catalog, Document
from powercat.catalog.parse import SourceMap
from powercat.lint.diagnostics import Diagnostic, Location, Severity
from powercat.lint.rules import all_rules, checks_for
from powercat.lint.rules.base import DepartmentCtx, Finding, ParseCtx, PowerCtx, PowerFacts, RecordsCtx


@dataclass(slots=True)
class FileResult:
    file: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    facts: PowerFacts | None = None
    model: Any = None  # the validated model, sent back from a worker only when the catalog keeps models


class FileChecker:
    """Turns findings of rules into located diagnostics for one file."""

    def __init__(self, config: Config, rel: str, source: SourceMap) -> None:
        self.config, self.rel, self.source = config, rel, source
        self.rules = all_rules()
        self.out: list[Diagnostic] = []

    def run(self, scope: str, ctx: Any) -> None:
        for code, fn in self.checks(scope):  # a rule switched off is not run at all
            self.add(code, fn(ctx))

    def checks(self, scope: str) -> list[tuple[str, Any]]:
        """(code, check) of the rules of ``scope`` that are on for this file."""
        if not self.config.overrides:  # the same for every file: worked out once per configuration
            return _on_everywhere(self.config, scope)
        return [(code, fn) for code, fn in checks_for(scope) if not self.off(code)]

    def off(self, code: str) -> bool:
        """Whether ``code`` is off for this file (for the cross-file scope: off everywhere)."""
        default = self.rules[code].severity
        if self.rel:
            return self.config.level_for(code, self.rel, default) == "off"
        return self.config.rules.get(code, default) == "off" and not any(code in o.rules for o in self.config.overrides)

    def add(self, code: str, findings: Iterable[Finding]) -> None:
        default = self.rules[code].severity
        for f in findings:
            rel = f.file or self.rel
            level = self.config.level_for(code, rel, default)
            if level == "off":
                continue
            if f.line is not None:
                line, col = f.line, f.column or 1
            else:
                line, col = self.source.key(f.path) if f.at == "key" else self.source.value(f.path)
            related = [Location(rel, *self.source.key(p)) for p in f.related]
            self.out.append(Diagnostic(code, Severity(level), rel, line, col, f.args, f.variant, related))


_ON: dict[tuple[int, str], tuple[Config, list[tuple[str, Any]]]] = {}


def _on_everywhere(config: Config, scope: str) -> list[tuple[str, Any]]:
    """The checks of ``scope`` that ``config`` (one without overrides) leaves on, memoised for
    this configuration."""
    known = _ON.get((id(config), scope))
    if known is None or known[0] is not config:
        rules = all_rules()
        on = [(c, fn) for c, fn in checks_for(scope) if config.rules.get(c, rules[c].severity) != "off"]
        if len(_ON) > 64:
            _ON.clear()
        known = _ON[(id(config), scope)] = (config, on)
    return known[1]


def parse_ctx(doc: Document) -> ParseCtx:
    f = doc.file
    return ParseCtx(f.rel, f.kind, f.problem, f.detail, doc.syntax, doc.duplicates, doc.schema_errors,
                    doc.data, doc.expected)


def _checked(catalog: Catalog, rel: str, keep: bool = True) -> tuple[FileChecker, Document]:
    """The file's document with its parse-scope rules run."""
    doc = catalog.document(rel, keep)
    checker = FileChecker(catalog.config, rel, doc.source)
    checker.run("parse", parse_ctx(doc))
    return checker, doc


def check_department(catalog: Catalog, rel: str, folder: str) -> list[Diagnostic]:
    checker, doc = _checked(catalog, rel)
    if doc.model is not None:
        checker.run("department", DepartmentCtx(rel, folder, doc.model, doc.source, catalog.profile))
    return checker.out


def facts_of(doc: Document, folder: str) -> PowerFacts:
    """What the cross-file rules need of a power (kept in the cache)."""
    power = doc.model
    line, col = doc.source.value(("code",))
    disclosure = power.disclosure
    return PowerFacts(
        doc.file.rel, power.code, line, col, power.name, power.category.value, folder,
        disclosure.timing.value if disclosure else "", disclosure.within_days if disclosure else None,
        list(power.lint.ignore) if power.lint else [], len(power.legal_basis),
    )


def check_power(catalog: Catalog, rel: str, folder: str) -> FileResult:
    """A power's findings and facts; its document is kept only when the catalog keeps models
    (a validation alone need not hold 10,000 source maps)."""
    checker, doc = _checked(catalog, rel, catalog.keep_models)
    if doc.model is None:
        return FileResult(rel, checker.out)
    ctx = PowerCtx(rel, doc.file.stem, doc.model, doc.source, catalog.department(folder), catalog.profile,
                   catalog.laws, catalog.as_of)
    checker.run("power", ctx)
    facts = facts_of(doc, folder)
    diags = [d for d in checker.out if d.code not in facts.ignore or d.code == "PC101"]
    return FileResult(rel, diags, facts, doc.model)


def check_records(catalog: Catalog, rel: str, folder: str, powers: dict[str, PowerFacts],
                  broken: set[str]) -> list[Diagnostic]:
    checker, doc = _checked(catalog, rel)
    if doc.model is not None:
        checker.run("records", RecordsCtx(rel, folder, doc.model.entries, doc.source, powers,
                                          catalog.profile, catalog.as_of, broken))
    return checker.out
