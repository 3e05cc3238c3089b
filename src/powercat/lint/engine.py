"""Lint a loaded catalog: every file's rules (cached by content hash, on every core), then the
cross-file rules and the records.

    catalog = load_catalog(Path("."))
    report = lint(catalog)            # findings only
    report.exit_code(strict=False)

``validate(root, paths)`` is the same for the command line: load, lint, apply the baseline.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
import datetime as dt
import difflib
import hashlib
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Sequence

from powercat.catalog.cache import Cache
from powercat.catalog.config import Config, ConfigError
from powercat.catalog.loader import Catalog, load_catalog
from powercat.catalog.parallel import map_files, paused_gc
from powercat.lint.baseline import apply_baseline
from powercat.lint.diagnostics import Diagnostic, Report
from powercat.lint.memo import RunMemo

if TYPE_CHECKING:  # the rules (and the models they use) are imported when a file is checked:
    from powercat.lint.checker import FileResult  # a run answered by the memo needs none of them
    from powercat.lint.rules.base import PowerFacts

# progress(total) -> tick(n): called once with the number of files to check, then per batch done
Progress = Callable[[int], Callable[[int], None]]


class UsageError(Exception):
    """A bad argument or unreadable input: exit code 2."""


def _cached(cache: Cache, rel: str, digest: str, compute: Callable[[], list[Diagnostic]]) -> list[Diagnostic]:
    """Diagnostics of one file from the cache when what it depends on (``digest``) is unchanged."""
    hit = _decoded(cache.get(rel, digest))
    if hit is not None:
        return hit[0]
    diags = compute()
    cache.put(rel, digest, {"diagnostics": [d.to_cache() for d in diags], "facts": None})
    return diags


def _decoded(hit: Any) -> tuple[list[Diagnostic], PowerFacts | None] | None:
    """A cache entry as findings and facts; None (computed afresh) for one of another shape."""
    if hit is None:
        return None
    from powercat.lint.rules.base import PowerFacts

    try:
        facts = PowerFacts(**hit["facts"]) if hit["facts"] else None
        return [Diagnostic.from_cache(d) for d in hit["diagnostics"]], facts
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def _departments(catalog: Catalog, cache: Cache) -> list[Diagnostic]:
    from powercat.lint.checker import check_department

    out: list[Diagnostic] = []
    for folder, rel in catalog.layout.departments.items():
        digest = catalog.department_digest(folder)
        out += _cached(cache, rel, digest, lambda rel=rel, folder=folder: check_department(catalog, rel, folder))
    return out


def _power_key(catalog: Catalog, rel: str, folder: str) -> str:
    """What a power's findings depend on: its bytes and its department's."""
    return catalog.files[rel].digest + ":" + catalog.department_digest(folder)


_CATALOG: Catalog | None = None  # the catalog being linted, inherited by forked workers


def _check_in_worker(item: tuple[str, str]) -> FileResult:
    from powercat.lint.checker import check_power

    assert _CATALOG is not None
    res = check_power(_CATALOG, *item)
    if not _CATALOG.keep_models:
        res.model = None  # send back diagnostics and facts only
    return res


def _powers(catalog: Catalog, cache: Cache, jobs: int | None, progress: Progress | None
            ) -> tuple[list[FileResult], int]:
    """Every power's results (cached ones first looked up), and how many came from the cache."""
    global _CATALOG
    from powercat.lint.checker import FileResult

    results: dict[str, FileResult] = {}
    todo: list[tuple[str, str]] = []
    for folder, rel in catalog.layout.powers:
        hit = _decoded(cache.get(rel, _power_key(catalog, rel, folder)))
        if hit is None:
            todo.append((rel, folder))
            continue
        results[rel] = FileResult(rel, *hit)
    for folder in {f for _, f in todo}:
        catalog.department(folder)  # parsed once here, inherited by the workers
    tick = progress(len(todo)) if progress is not None and todo else None
    _CATALOG = catalog
    try:
        checked = map_files(_check_in_worker, todo, jobs, tick)
    finally:
        _CATALOG = None
    for (rel, folder), res in zip(todo, checked):
        catalog.remember(rel, res.model)
        cache.put(rel, _power_key(catalog, rel, folder), {
            "diagnostics": [d.to_cache() for d in res.diagnostics],
            "facts": res.facts.to_dict() if res.facts else None,
        })
        results[rel] = res
    return [results[rel] for _, rel in catalog.layout.powers], len(catalog.layout.powers) - len(todo)


def cross_file(catalog: Catalog, facts: list[PowerFacts]) -> list[Diagnostic]:
    """The catalog-scope rules (PC104, PC109) over the facts of every power, in catalog order."""
    from powercat.catalog.parse import SourceMap
    from powercat.lint.checker import FileChecker
    from powercat.lint.rules.base import CatalogCtx

    checker = FileChecker(catalog.config, "", SourceMap())
    checker.run("catalog", CatalogCtx(facts, catalog.profile, catalog.layout.stray))
    ignored = {(f.file, c) for f in facts for c in f.ignore}
    return [d for d in checker.out if (d.file, d.code) not in ignored]


def records_inputs(catalog: Catalog, facts: list[PowerFacts]) -> tuple[dict[str, PowerFacts], set[str]]:
    """What a records file is checked against: the powers by code, and the power files that
    could not be loaded (named by their stem)."""
    by_code = {f.code: f for f in facts}
    return by_code, {catalog.files[rel].stem for _, rel in catalog.layout.powers} - by_code.keys()


def _records(catalog: Catalog, cache: Cache, facts: list[PowerFacts]) -> list[Diagnostic]:
    """Records files: cached by content, the reference date and the powers they may name."""
    from powercat.lint.checker import check_records

    by_code, broken = records_inputs(catalog, facts)
    key = hashlib.blake2b(repr((catalog.as_of, sorted(broken), sorted((f.code, f.department, f.timing, f.within_days)
                                                                      for f in facts))).encode(), digest_size=8).hexdigest()
    out: list[Diagnostic] = []
    for folder, rel in catalog.layout.records:
        compute = lambda rel=rel, folder=folder: check_records(catalog, rel, folder, by_code, broken)  # noqa: E731
        out += _cached(cache, rel, catalog.files[rel].digest + ":" + key, compute)
    return out


@lru_cache(maxsize=1)
def rules_digest() -> str:
    """What the findings are computed by: the package's code (the rules and everything they use)
    and its data (the profiles), so a changed or added rule never reuses old findings."""
    root = Path(str(resources.files("powercat")))
    h = hashlib.blake2b(digest_size=8)
    for path in sorted([*root.rglob("*.py"), *root.glob("profiles/*.yaml")]):
        h.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def check_rule_codes(config: Config) -> None:
    """A ConfigError for a rule code in powercat.toml that names no rule, with the closest one,
    and for a rule without a statutory basis raised to error without naming the local
    regulation that makes it one (``PC803 = {level = "error", basis = "…条例第…条"}``)."""
    from powercat.lint.rules import CODES, all_rules

    for where, code in config.rule_codes():
        if code not in CODES:
            close = difflib.get_close_matches(code, CODES, n=1)
            if close:
                raise ConfigError("config.no_rule_suggest", where=where, code=code, suggestion=close[0])
            raise ConfigError("config.no_rule", where=where, code=code)
    rules = all_rules()
    for where, code, level, basis in config.rule_settings():
        if level == "error" and not rules[code].statutory and not basis:
            raise ConfigError("config.rule_needs_basis", where=where, code=code)


def cache_key(catalog: Catalog) -> str:
    """What every cached finding depends on besides its files: the profile, powercat.toml,
    powercat's code and the law library (opened here, before any worker is forked)."""
    laws = catalog.laws
    return f"{catalog.profile_digest}:{catalog.config.digest}:{rules_digest()}:{laws.key if laws else ''}"


@dataclass(slots=True)
class Linted:
    """Every file's findings as the stages gave them (unsorted, before the baseline), with each
    power's result and facts: what an editor keeps and updates one file at a time."""

    departments: list[Diagnostic]
    powers: list[FileResult]  # in catalog order
    cross_file: list[Diagnostic]
    records: list[Diagnostic]
    cached: int  # powers whose results came from the cache

    def diagnostics(self) -> list[Diagnostic]:
        return [*self.departments, *(d for r in self.powers for d in r.diagnostics), *self.cross_file, *self.records]


def lint_files(catalog: Catalog, *, jobs: int | None = None, progress: Progress | None = None) -> Linted:
    """Every file's findings and every power's facts (cached by content hash, on every core)."""
    check_rule_codes(catalog.config)
    with paused_gc():  # tens of thousands of kept objects: a collector pass costs more than it frees
        cache = Cache(catalog.root, cache_key(catalog), enabled=catalog.use_cache)
        departments = _departments(catalog, cache)
        powers, hits = _powers(catalog, cache, jobs, progress)
        facts = [r.facts for r in powers if r.facts is not None]
        linted = Linted(departments, powers, cross_file(catalog, facts), _records(catalog, cache, facts), hits)
        cache.save()
    return linted


def lint(catalog: Catalog, *, use_baseline: bool = True, jobs: int | None = None,
         progress: Progress | None = None) -> Report:
    """Every finding of the catalog's files, sorted by file and position (less those the
    repository's baseline accepted, unless ``use_baseline`` is False)."""
    diags, bases, cached = _findings(catalog, jobs, progress)
    every = [rel for rel, f in catalog.files.items() if f.problem != "missing"]
    report = Report(catalog.root, diags, len(every), len(catalog.layout.powers), cached, sorted(every),
                    docs_url=catalog.config.docs_url)
    if bases and not catalog.law_paths:  # said once: PC207–PC211 need the laws' texts
        report.notes.append(("no_law_library", {"bases": bases}))
    return apply_baseline(report, catalog.config) if use_baseline else report


def _findings(catalog: Catalog, jobs: int | None, progress: Progress | None) -> tuple[list[Diagnostic], int, int]:
    """(every finding sorted, the legal bases cited, the powers answered from the cache): the
    last run's when none of its inputs changed (``lint.memo``), else linted file by file."""
    memo = RunMemo(catalog, cache_key(catalog))
    kept = memo.get()
    if kept is not None:
        return kept[0], kept[1], len(catalog.layout.powers)
    linted = lint_files(catalog, jobs=jobs, progress=progress)
    diags = sorted(linted.diagnostics(), key=Diagnostic.sort_key)
    bases = sum(r.facts.bases for r in linted.powers if r.facts is not None)
    memo.put(diags, bases)
    return diags, bases, linted.cached


def select(catalog: Catalog, paths: Sequence[Path]) -> set[str] | None:
    """The relative files that PATHS name (None: all)."""
    if not paths:
        return None
    chosen: set[str] = set()
    for given in paths:
        given = given.resolve()
        if not given.exists():
            raise UsageError(f"{given}: 没有这个文件或文件夹 (no such file or folder)")
        for rel in catalog.files:
            path = (catalog.root / rel).resolve()
            if path == given or given in path.parents:
                chosen.add(rel)
    return chosen


def only(report: Report, files: set[str] | None) -> Report:
    """The report narrowed to ``files`` (None: unchanged)."""
    if files is None:
        return report
    kept = [d for d in report.diagnostics if d.file in files]
    return dataclasses.replace(report, diagnostics=kept, checked=[f for f in report.checked if f in files])


def validate(root: Path = Path("."), paths: Sequence[Path] = (), *, as_of: dt.date | None = None,
             use_cache: bool = True, use_baseline: bool = True, jobs: int | None = None,
             progress: Progress | None = None, laws: list[Path] | None = None) -> Report:
    """`powercat validate`: load the catalog under ``root``, lint it, report on the files and
    folders in ``paths`` (all when empty), hiding what the baseline already has; ``laws``: the
    law library's folders (else POWERCAT_LAWS, else ``[laws] library``)."""
    catalog = load_catalog(root, as_of=as_of, use_cache=use_cache, laws=laws, keep_bytes=False)
    selected = select(catalog, paths)
    return only(lint(catalog, use_baseline=use_baseline, jobs=jobs, progress=progress), selected)
