"""`powercat validate` as a library call: discover, check each file (cached), cross-file rules.

    report = validate(Path("."))
    report.exit_code(strict=False)
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from powercat.catalog.cache import Cache, file_hash
from powercat.lint.checker import Env, FileChecker, FileResult, check_department, check_records
from powercat.lint.parallel import check_many, default_jobs, paused_gc
from powercat.catalog.config import Config, load_config
from powercat.lint.diagnostics import Diagnostic, Severity
from powercat.lint.baseline import apply_baseline
from powercat.catalog.layout import Layout, discover
from powercat.catalog.parse import ParseIssue, SourceMap
from powercat.catalog.model import Department, Power
from powercat.catalog.profile import load_profile
from powercat.lint.rules.base import CatalogCtx, ParseCtx, PowerFacts, RecordsCtx


@dataclass(slots=True)
class LoadedPower:
    """A power that passed the schema, with where it came from."""

    file: str  # relative to the root
    department: str  # the department folder
    power: Power
    source: SourceMap | None = None  # positions, when the file was parsed in this process
    digest: str = ""  # the file's content hash with its department's: unchanged input, same digest


# progress(total) -> tick(n): called once with the number of files to check, then per batch done
Progress = Callable[[int], Callable[[int], None]]


class UsageError(Exception):
    """A bad argument or unreadable input: exit code 2."""


@dataclass(slots=True)
class Report:
    root: Path
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0
    powers: int = 0
    cached: int = 0
    checked: list[str] = field(default_factory=list)  # relative paths of the files checked
    baselined: int = 0  # findings hidden because the baseline already has them
    # with validate(keep_models=True): the loaded models, for render, publish, export, report
    departments: dict[str, Department | None] = field(default_factory=dict)
    loaded: list[LoadedPower] = field(default_factory=list)

    def errors_in(self, file: str) -> int:
        return sum(1 for d in self.diagnostics if d.file == file and d.severity == Severity.error)

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.diagnostics if d.severity == severity)

    def exit_code(self, strict: bool = False) -> int:
        worst = {d.severity for d in self.diagnostics}
        return 1 if Severity.error in worst or (strict and Severity.warning in worst) else 0

    def at_least(self, severity: Severity) -> "Report":
        kept = [d for d in self.diagnostics if d.severity.rank >= severity.rank]
        return dataclasses.replace(self, diagnostics=kept)


def _department_results(env: Env, layout: Layout, cache: Cache, needed: set[str]) -> list[Diagnostic]:
    """Every department's diagnostics; the models of the ``needed`` folders go into ``env``."""
    out: list[Diagnostic] = []
    for folder, path in layout.departments.items():
        rel = layout.rel(path)
        if not path.exists():
            checker = FileChecker(env, rel, SourceMap())
            checker.run("parse", _missing_department(rel))
            out += checker.out
            env.departments[folder] = None
            continue

        def check(folder: str = folder, path: Path = path, rel: str = rel) -> list[Diagnostic]:
            res = check_department(env, path, rel, folder)
            env.departments[folder] = res.model
            return res.diagnostics

        out += _cached(cache, rel, path, "", check, force=folder in needed)
    return out


def _cached(cache: Cache, rel: str, path: Path, extra: str, compute: Callable[[], list[Diagnostic]],
            force: bool = False) -> list[Diagnostic]:
    """Diagnostics of one file from the cache when its content (and ``extra``) is unchanged."""
    hit, stamp, digest = (None, _stamp(path, extra), "") if force else _lookup(cache, rel, path, extra)
    if hit is not None:
        return [Diagnostic.from_cache(d) for d in hit["diagnostics"]]
    diags = compute()
    if stamp:
        cache.put(rel, stamp, digest or _digest(path) + extra, {"diagnostics": [d.to_cache() for d in diags], "facts": None})
    return diags


def _lookup(cache: Cache, rel: str, path: Path, extra: str, st: os.stat_result | None = None
            ) -> tuple[dict | None, list, str]:
    """(cached result or None, stat stamp, content digest or "") of one file.

    The stamp (mtime, size, ``extra``) answers without reading; a file touched but perhaps not
    changed is read and hashed, and only when the cache has an entry to compare with.
    """
    stamp = _stamp(path, extra, st)
    hit = cache.get(rel, stamp) if stamp else None
    digest = ""
    if hit is None and stamp and rel in cache.entries:
        digest = _digest(path) + extra
        hit = cache.get(rel, stamp, digest)
    return hit, stamp, digest


def _missing_department(rel: str) -> ParseCtx:
    issue = ParseIssue("PC101", 1, 1, {"file": rel}, "missing_department")
    return ParseCtx(rel, [issue], [], None)


Todo = tuple[int, str, Path, str, list, str]  # index, folder, path, rel, stamp, department key


def _lookup_powers(layout: Layout, cache: Cache, dept_keys: dict[str, str],
                   models: Cache | None = None) -> tuple[list[FileResult | None], list[Todo]]:
    """Cached results of unchanged power files (with their models when ``models`` is given),
    and the files still to check."""
    results: list[FileResult | None] = [None] * len(layout.powers)
    todo: list[Todo] = []
    for idx, (folder, path) in enumerate(layout.powers):
        rel = layout.rel(path)
        cached, stamp, digest = _lookup(cache, rel, path, dept_keys.get(folder, ""), layout.stats.get(path))
        model = _cached_model(models, rel, stamp, digest or cache.fresh.get(rel, {}).get("digest"), cached)
        if cached is not None and (models is None or model is not None):
            facts = PowerFacts(**cached["facts"]) if cached["facts"] else None
            results[idx] = FileResult(rel, [Diagnostic.from_cache(d) for d in cached["diagnostics"]], facts, model)
        else:
            todo.append((idx, folder, path, rel, stamp, dept_keys.get(folder, "")))
    return results, todo


def _cached_model(models: Cache | None, rel: str, stamp: list, digest: str | None, cached: object) -> Power | None:
    """The power's model from the models cache (only files that passed the schema are there)."""
    if models is None or cached is None or not stamp:
        return None
    dump = models.get(rel, stamp, digest)
    try:
        return Power.model_validate_json(dump) if isinstance(dump, str) else None
    except ValueError:  # written by another version of the model: check the file again
        return None


def _check_powers(env: Env, cache: Cache, results: list[FileResult | None], todo: list[Todo],
                  models: Cache | None, jobs: int, progress: Progress | None) -> list[FileResult]:
    """Check the files in ``todo`` (in parallel when many), cache and merge their results."""
    tick = progress(len(todo)) if progress is not None and todo else None
    checked = check_many(env, [t[1:4] for t in todo], models is not None, jobs, tick)
    for (idx, _, _, rel, stamp, dept_key), res in zip(todo, checked):
        digest = res.digest + dept_key  # hashed by the worker that read the file
        if stamp and res.digest:
            cache.put(rel, stamp, digest, {
                "diagnostics": [d.to_cache() for d in res.diagnostics],
                "facts": res.facts.to_dict() if res.facts else None,
            })
            if models is not None and res.model is not None:
                models.put(rel, stamp, digest, res.model.model_dump_json(exclude_defaults=True))
        results[idx] = res
    return [r for r in results if r is not None]


def _stamp(path: Path, extra: str, st: os.stat_result | None = None) -> list:
    """What tells a file unchanged without reading it: modification time, size, dependencies."""
    if st is None:
        try:
            st = path.stat()
        except OSError:
            return []
    return [st.st_mtime_ns, st.st_size, extra]


def _catalog_results(env: Env, facts: list[PowerFacts], stray: list[tuple[str, str]]) -> list[Diagnostic]:
    checker = FileChecker(env, "", SourceMap())
    checker.run("catalog", CatalogCtx(facts, env.profile, stray))
    ignored = {(f.file, c) for f in facts for c in f.ignore}
    return [d for d in checker.out if (d.file, d.code) not in ignored]


def _records_results(env: Env, layout: Layout, cache: Cache, facts: list[PowerFacts]) -> list[Diagnostic]:
    """Records files: cached by content, the reference date and the powers they may name."""
    by_code = {f.code: f for f in facts}
    key = hashlib.blake2b(repr((env.as_of, sorted((f.code, f.timing, f.within_days) for f in facts))).encode(),
                          digest_size=8).hexdigest()
    out: list[Diagnostic] = []
    for folder, path in layout.records:

        def check(folder: str = folder, path: Path = path) -> list[Diagnostic]:
            res = check_records(env, path, layout.rel(path))
            diags = list(res.diagnostics)
            if res.model is not None and res.source is not None:
                checker = FileChecker(env, res.file, res.source)
                checker.run("records", RecordsCtx(res.file, folder, res.model.entries, res.source, by_code,
                                                  env.profile, env.as_of))
                diags += checker.out
            return diags

        out += _cached(cache, layout.rel(path), path, key, check)
    # a power whose own file has errors is still there: its file's findings say what to fix, and a
    # PC804 ("does not exist, change it to ...") on every record naming it would send staff astray
    broken = {p.stem for _, p in layout.powers} - by_code.keys()
    return [d for d in out if not (d.code == "PC804" and d.args.get("power") in broken)]


def _select(layout: Layout, paths: Sequence[Path]) -> set[str] | None:
    """The relative files that PATHS name (None: all)."""
    if not paths:
        return None
    chosen: set[str] = set()
    everything = [*layout.departments.values(), *(p for _, p in layout.powers), *(p for _, p in layout.records)]
    for given in paths:
        given = given.resolve()
        if not given.exists():
            raise UsageError(f"{given}: 没有这个文件或文件夹 (no such file or folder)")
        chosen |= {layout.rel(p) for p in everything if p.resolve() == given or given in p.resolve().parents}
    return chosen


def validate(
    root: Path = Path("."),
    paths: Sequence[Path] = (),
    *,
    as_of: dt.date | None = None,
    use_cache: bool = True,
    config: Config | None = None,
    keep_models: bool = False,
    use_baseline: bool = True,
    jobs: int | None = None,
    progress: Progress | None = None,
) -> Report:
    """Load and lint the catalogs under ``root`` (all, or the files and folders in ``paths``).

    With ``keep_models`` the report also holds every loaded department and power (unchanged
    powers come from the models cache).
    """
    with paused_gc():  # tens of thousands of kept objects: a collector pass costs more than it frees
        return _validate(root, paths, as_of, use_cache, config, keep_models, use_baseline, jobs, progress)


def _validate(root: Path, paths: Sequence[Path], as_of: dt.date | None, use_cache: bool, config: Config | None,
              keep_models: bool, use_baseline: bool, jobs: int | None, progress: Progress | None) -> Report:
    config = config or load_config(root)
    profile = load_profile(config.profile, str(config.root))
    env = Env(config, profile, as_of=as_of or dt.date.today())
    layout = discover(config)
    selected = _select(layout, paths)
    dept_keys = {f: _digest(p) for f, p in layout.departments.items()}
    key = f"{profile.digest}:{config.digest}"
    cache = Cache(layout.root, key, enabled=use_cache)
    models = Cache(layout.root, key, enabled=use_cache, name="models") if keep_models else None
    found, todo = _lookup_powers(layout, cache, dept_keys, models)
    needed = set(layout.departments) if keep_models else {t[1] for t in todo}
    diags = _department_results(env, layout, cache, needed)
    powers = _check_powers(env, cache, found, todo, models, jobs or default_jobs(), progress)
    hits = len(layout.powers) - len(todo)
    facts = [r.facts for r in powers if r.facts is not None]
    for res in powers:
        diags += res.diagnostics
    diags += _catalog_results(env, facts, layout.stray)
    diags += _records_results(env, layout, cache, facts)
    cache.save()
    if models is not None:
        models.save()
    if selected is not None:
        diags = [d for d in diags if d.file in selected]
    diags.sort(key=Diagnostic.sort_key)
    every = layout.rel_files()
    checked = sorted(r for r in every if selected is None or r in selected)
    report = Report(layout.root, diags, len(every), len(layout.powers), hits, checked)
    if use_baseline:
        report = apply_baseline(report, config)
    if keep_models:
        report.departments = dict(env.departments)
        folder_of = {layout.rel(p): f for f, p in layout.powers}
        digests = {rel: e.get("digest", "") for rel, e in cache.fresh.items()}
        report.loaded = [LoadedPower(r.file, folder_of[r.file], r.model, r.source, digests.get(r.file, ""))
                         for r in powers if r.model is not None]
    return report


def _digest(path: Path) -> str:
    try:
        return file_hash(path.read_bytes())
    except OSError:
        return "missing"

