"""`powercat publish` as a library call: the static disclosure site, built top to bottom.

    result = publish(Path("."), Path("build/site"), audience="public")

1. validate the catalogs as of the reference date (``as_of``, else the newest commit's date:
   see site_records); refuse a catalog with errors unless ``allow_errors``;
2. choose what the audience may see: a public build holds only powers whose disclosure scope is
   ``public`` (nothing else, anywhere: pages, sitemap, search index, data files); an internal
   build holds everything, marked 内部版 and never indexed by search engines;
3. read each power's last-changed date from git (one ``git log`` for the whole catalog);
4. draw the flowcharts (powercat.charts.render: reusing build/flowcharts when `powercat render` made it,
   else cached under .powercat/flowcharts) and copy the ones
   shown into the site; each is also inlined in its page (site.svg), beside its text equivalent
   (an ordered list of the steps);
5. render the pages with Jinja2 from ``templates/`` (a catalog repository overrides any
   template by putting a file of the same name in its own ``templates/`` folder);
6. write the search index, the open data files and the sitemap; index full text with Pagefind;
7. each department's 运行情况 and its records and complaints by month (site_records).

Everything is written into a fresh folder beside ``out`` and swapped in at the end
(``site.out``): a build that fails or is killed leaves the old site whole, and only files the
last build listed are replaced; the user's own files in the folder (a CNAME, .git) are kept.
Every URL in the pages is relative, so the site works under any path. The output is
deterministic: no build times, everything sorted, fixed dates inside the XLSX.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2


from powercat.site import data as site_data
from powercat.site import out as site_out
from powercat.site import records as site_records
from powercat.site import fulltext as site_fulltext
from powercat.site import incremental
from powercat.site import search as site_search
from powercat.catalog.cache import file_hash
from powercat.site.state import SiteState, stamp
from powercat.site.pages import Pages, PublishError, static_assets, write_sitemap, base_url_of
from powercat.site.words import environment
from powercat.site.words import filters as environment_filters
from powercat.i18n import Message, pick_lang
from powercat.site.laws import law_texts
from powercat.site.svg import ChartFile, InlineChart, inlined
from powercat.site.views import PowerView, is_public
from powercat.lint.diagnostics import Severity
from powercat.catalog.git import is_shallow
from powercat.catalog.parallel import Forked, fewer_collections
from powercat.catalog.loader import Catalog, load_catalog
from powercat.lint.diagnostics import Report
from powercat.lint.engine import lint

AUDIENCES = ("public", "internal")
# notes that say the site lacks what was asked for: `publish` fails on them in CI
GAPS = ("publish.no_renderer", "publish.charts_failed", "publish.no_pagefind", "publish.pagefind_failed")
FLOWCHART_CACHE = ".powercat/flowcharts"
COPIERS = 4  # threads copying the charts into the site
RENDER_OUT = "build/flowcharts"  # `powercat render`'s default output: reused when it is there


class PublishRefused(Message):
    """The catalog has errors and ``allow_errors`` was not given: exit 1."""

    def __init__(self, errors: int) -> None:
        super().__init__("publish.refused", errors=errors)
        self.errors = errors


@dataclass(slots=True)
class PublishResult:
    out: Path
    audience: str
    powers: int = 0
    pages: int = 0
    kept: int = 0  # power pages kept as the last build left them (their inputs did not change)
    notes: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)  # time per phase

    @property
    def gaps(self) -> list[Message]:
        """The notes that say the flowcharts or the full-text search could not be built."""
        return [n for n in self.notes if isinstance(n, Message) and n.key in GAPS]


_UNSAFE_IN_URL = re.compile(r"[\s\"'<>`\\\x00-\x1f\x7f]")


def valid_base_url(url: object) -> bool:
    """An absolute http(s) address with a host, holding nothing that could leave an attribute or
    run as script (``javascript:``, quotes, spaces, angle brackets)."""
    if not isinstance(url, str) or _UNSAFE_IN_URL.search(url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("https", "http") and bool(parts.hostname)


def check_options(audience: str, base_url: str | None, configured: object = "") -> None:
    """Usage errors before anything is built: the audience, --base-url, else powercat.toml's
    ``[site] base_url`` (the same check: it reaches the same pages)."""
    if audience not in AUDIENCES:
        raise PublishError("publish.audience", value=audience)
    if base_url and not valid_base_url(base_url):
        raise PublishError("publish.base_url", value=base_url)
    if base_url is None and configured and not valid_base_url(configured):
        raise PublishError("publish.base_url_config", value=configured)


def publish(root: Path, out: Path, *, as_of: dt.date | None = None, audience: str = "public",
            **options: Any) -> PublishResult:
    """`powercat publish` as a library call: load the catalog under ``root``, lint it as of the
    reference date (``as_of``, else the newest commit's date) and build the site into ``out``
    (in ``lang``, else powercat.toml's ``[site] lang``, else POWERCAT_LANG, else zh-CN)."""
    check_options(audience, options.get("base_url"))
    clock = _Clock()
    catalog = load_catalog(root, keep_models=True)
    ref = site_records.reference_date(catalog, as_of)
    catalog.as_of = ref.day
    report = lint(catalog)
    clock.lap("validate")
    return build(catalog, report, out, ref, audience=audience, clock=clock, **options)


def build(catalog: Catalog, report: Report, out: Path, ref: site_records.Reference, *, audience: str = "public",
          base_url: str | None = None, allow_errors: bool = False, flowcharts: bool = True,
          fulltext: bool = True, progress: bool = False, clock: "_Clock | None" = None,
          lang: str | None = None) -> PublishResult:
    """Build the site of ``catalog`` into ``out``; ``report`` holds its findings as of ``ref``."""
    check_options(audience, base_url, catalog.config.base_url)
    clock = clock or _Clock()
    lang = pick_lang(lang or catalog.config.site_lang or None)
    errors = report.count(Severity.error)
    if errors and not allow_errors:
        raise PublishRefused(errors)
    result = PublishResult(Path(out), audience)
    internal = audience == "internal"
    dates = catalog.dates()
    if dates and catalog.revision is None and is_shallow(catalog.root):  # CI's checkout at depth 1
        result.notes.append(Message("publish.shallow"))
    departments = catalog.departments
    views = [PowerView(lp, departments.get(lp.department), dates.get(lp.file))
             for lp in sorted(catalog.powers(), key=lambda lp: lp.power.code) if internal or is_public(lp.power)]
    for v in views:
        v.law_texts = law_texts(v.power, catalog.laws, ref.day)
    runs, notes = site_records.collect(catalog, report, views, internal=internal)
    result.notes += notes
    staged = site_out.open_site(result.out, catalog.root, PublishError)  # the old site stays whole until the end
    clock.lap("select")
    try:
        with fewer_collections():
            made = _write(staged, catalog, report, views, runs, ref, dates, result, clock, audience=audience,
                          base_url=base_url, flowcharts=flowcharts, fulltext=fulltext, progress=progress, lang=lang)
        staged.finish()
        _remember(catalog.root, staged, made)
        clock.lap("swap")
    except BaseException:
        staged.abandon()
        raise
    result.notes += [Message("publish.user_file_replaced", file=rel) for rel in staged.replaced]
    result.seconds = clock.laps
    return result


@dataclass(slots=True)
class _Made:
    """What the next build needs to know of this one (``site.state``)."""

    digests: dict[str, str] = field(default_factory=dict)  # page file -> digest of its bytes
    pages: dict[str, str] = field(default_factory=dict)  # power page URL -> key of its inputs
    shards: dict[str, str] = field(default_factory=dict)  # full-text bundle -> key of its pages


def _write(staged: Any, catalog: Catalog, report: Report, views: list[PowerView], runs: Any, ref: Any,
           dates: dict[str, str], result: PublishResult, clock: "_Clock", *, audience: str, base_url: str | None,
           flowcharts: bool, fulltext: bool, progress: bool, lang: str) -> _Made:
    """Every file of the site that is made again, into ``staged.path``; the power pages (with
    their charts) and the search bundles whose inputs did not change are kept as they are."""
    dest, config, internal, departments = staged.path, catalog.config, audience == "internal", catalog.departments
    newest = max((v.changed for v in views if v.changed), default=None)
    site = {
        "title": config.title, "jurisdiction": config.jurisdiction, "internal": internal,
        "updated": newest, "base_url": base_url_of(base_url if base_url is not None else config.base_url),
        "fulltext": fulltext and site_fulltext.available(), "as_of": ref, "lang": lang,
        "data_license": config.data_license,
    }
    env = environment(catalog.root, lang)
    meta = {"title": config.title, "jurisdiction": config.jurisdiction, "audience": audience,
            **({"last_changed": newest} if newest else {})}

    def data() -> list[site_data.DataFile]:  # downloads and search index: they need no chart
        downloads = site_data.write_data(dest, views, internal=internal, meta=meta,
                                         stamp=dt.datetime.fromisoformat(newest or "2000-01-01"), runs=runs,
                                         base_url=site["base_url"], license=config.data_license,
                                         columns=config.data_columns, lang=lang)
        _search_index(dest, views, departments, runs, lang)
        return downloads

    with Forked(data, fork=flowcharts) as written:  # made on the core Graphviz leaves idle
        rendered = _draw(catalog, report, result, internal, progress, lang) if flowcharts else None
        if not flowcharts:
            result.notes.append(Message("publish.no_flowcharts"))
        try:
            base = incremental.environment_key(env, catalog, site, (catalog.root / "templates").is_dir())
        except jinja2.TemplateError as exc:  # a template of templates/ that is a link out of the repository
            raise PublishError("publish.template", where="templates/", detail=exc) from None
        made = _Made(pages=incremental.page_keys(views, base, rendered.hashes if rendered else {}, internal))
        kept = _keep_pages(staged, views, made.pages, rendered, internal)
        result.kept = len(kept)
        categories = _place_charts(rendered, views, kept, dest, internal) if rendered else {}
        clock.lap("flowcharts")
        downloads = written.result()
    clock.lap("data")

    pages = Pages(env, dest, site, profile=catalog.profile)
    pages.render_all(views, departments, categories, downloads, runs, kept=kept)
    result.pages, result.powers = len(pages.written), len(views)
    try:
        static_assets(env, dest)
    except jinja2.TemplateError as exc:  # a CSS or JS of templates/ that is a link out of the repository
        raise PublishError("publish.template", where="templates/", detail=exc) from None
    changed = {v.url: v.changed for v in views} | site_records.month_changed(runs, dates)
    write_sitemap(env, dest, site, pages.written, changed)
    if not site["base_url"]:
        result.notes.append(Message("publish.no_base_url"))
    made.digests = pages.digests
    clock.lap("pages")

    if fulltext:
        note = _fulltext(staged, views, made)
        if note:
            result.notes.append(note)
    clock.lap("fulltext")
    return made


def _remember(root: Path, staged: Any, made: _Made) -> None:
    """The record of what the site folder now holds, for the next build (``site.state``)."""
    if isinstance(staged, site_out.InPlace):
        files = staged.files
    else:
        files = {rel: stamp(staged.out / rel, made.digests.get(rel) or _digest_of_remade(staged.out, rel))
                 for rel in staged.written}
    SiteState(staged.out, files, made.pages, made.shards).save(root)


def _digest_of_remade(out: Path, rel: str) -> str | None:
    """The digest of a file every build makes again (data, search, lists), so that the next one
    leaves it alone when its bytes are the same; None for the charts and search bundles of power
    pages, which are kept or made again by their keys."""
    if rel.startswith("powers/") or site_fulltext.bundle_of(rel) is not None:
        return None
    return file_hash((out / rel).read_bytes())


def _keep_pages(staged: Any, views: list[PowerView], keys: dict[str, str], rendered: Any, internal: bool) -> set[str]:
    """The power pages whose inputs are the last build's and whose files are as it left them."""
    state = getattr(staged, "state", None)
    if state is None:
        return set()
    drawn = rendered.hashes if rendered else {}
    kept = set()
    for v in views:
        if state.pages.get(v.url) != keys[v.url]:
            continue
        files = [incremental.page_file(v.url)]
        files += [f for k, f in incremental.chart_files(v, internal).items() if k in drawn]
        if all(state.intact(f) for f in files):
            kept.add(v.url)
            staged.kept.update(files)
    return kept


def _fulltext(staged: Any, views: list[PowerView], made: _Made) -> Message | None:
    """Pagefind's bundles, one per department; those whose pages did not change are kept."""
    if not site_fulltext.available():
        return Message("publish.no_pagefind")
    state = getattr(staged, "state", None)
    shards: dict[str, list[str]] = {}
    for v in views:
        shards.setdefault(v.dept_id, []).append(incremental.page_file(v.url))
    names = sorted(shards)
    digests = {rel: made.digests.get(rel) or (state.digest(rel) if state else None)
               for pages in shards.values() for rel in pages}
    made.shards = {n: site_fulltext.shard_key(shards[n], digests, i == 0) for i, n in enumerate(names)}
    old: dict[str, list[str]] = {}
    for rel in state.files if state else ():
        bundle = site_fulltext.bundle_of(rel)
        if bundle is not None:
            old.setdefault(bundle, []).append(rel)
    todo = {}
    for n in names:
        if state and state.shards.get(n) == made.shards[n] and old.get(n) and all(state.intact(f) for f in old[n]):
            staged.kept.update(old[n])
        else:
            todo[n] = shards[n]
    sources = [staged.path] + ([staged.out] if state else [])
    note = site_fulltext.index_shards(todo, sources, staged.path, names[0] if names else "")
    if note is not None:  # a bundle that failed is never recorded as done: the next build indexes it again
        made.shards = {n: k for n, k in made.shards.items() if n not in todo}
    site_fulltext.write_bundles(staged.path, names)
    return note


def _search_index(out: Path, views: list[PowerView], departments: dict[str, Any], runs: dict[str, Any],
                  lang: str) -> None:
    """search/index.json (powers, departments, months) and search/text.json (their text by URL)."""
    month = environment_filters(lang)["month"]
    rows, texts = site_search.page_rows(departments, runs, views, month, lang)
    (out / site_search.INDEX_PATH).parent.mkdir(parents=True, exist_ok=True)
    (out / site_search.INDEX_PATH).write_text(site_search.index_json(site_search.index_rows(views, lang) + rows),
                                              encoding="utf-8")
    texts.update(site_search.power_texts(views, lang))
    (out / site_search.TEXT_PATH).write_text(site_search.index_json(texts), encoding="utf-8")


# --- flowcharts --------------------------------------------------------------------------

def _draw(catalog: Catalog, report: Report, result: PublishResult, internal: bool, progress: bool, lang: str) -> Any:
    """The flowcharts, drawn (or brought up to date) where `powercat render` keeps them; None
    when they cannot be drawn (a note says why)."""
    try:
        from powercat.charts.render import MANIFEST, RenderError, render_catalog
    except ImportError:
        result.notes.append(Message("publish.no_renderer"))
        return None
    try:
        # after `powercat render`, its charts are brought up to date and reused, not drawn again
        root = catalog.root
        reuse = (root / RENDER_OUT / MANIFEST).exists()
        target = root / (RENDER_OUT if reuse else FLOWCHART_CACHE)
        return render_catalog(catalog, report, out=target, fmt="svg", progress=progress,
                              internal=internal or reuse, lang=lang)
    except RenderError as exc:
        result.notes.append(Message("publish.charts_failed", reason=exc))
        return None


def _place_charts(rendered: Any, views: list[PowerView], kept: set[str], site: Path,
                  internal: bool) -> dict[str, InlineChart]:
    """Copy the flowcharts of the shown powers into the site (a kept page's are there already);
    {category: chart} of the category charts."""

    copies: list[tuple[Path, Path]] = []

    def copy(key: str, dest: str) -> ChartFile | None:
        """The chart's file, to be copied into the site (opened alone); inlined in its page when rendered."""
        src = rendered.paths.get(key)
        if src is None or not src.exists():
            return None
        copies.append((src, site / dest))
        return ChartFile(src, dest)

    for v in views:
        if v.url in kept:
            continue
        code, charts = v.power.code, incremental.chart_files(v, internal)
        v.flowcharts = [copy(f"{code}/external-{i}", charts[f"{code}/external-{i}"])
                        for i in range(len(v.power.procedures))]
        if internal and v.power.internal:
            v.internal_flowchart = copy(f"{code}/internal", charts[f"{code}/internal"])
    shown = {v.power.category for v in views}
    made = {c.value: inlined(copy(f"category/{c.value}", f"categories/{c.value}/flowchart.svg")) for c in shown}
    with ThreadPoolExecutor(COPIERS) as pool:  # a copy is a few system calls: they overlap (5 s -> 2 s at 10,000)
        list(pool.map(_copy, copies))
    return {k: p for k, p in made.items() if p}


def _copy(pair: tuple[Path, Path]) -> None:
    src, dest = pair
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dest)


class _Clock:
    def __init__(self) -> None:
        self.last, self.laps = time.perf_counter(), {}

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name], self.last = round(now - self.last, 3), now
