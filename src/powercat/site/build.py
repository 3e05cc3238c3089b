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
   shown into the site, each beside its text equivalent (an ordered list of the steps);
5. render the pages with Jinja2 from ``templates/`` (a catalog repository overrides any
   template by putting a file of the same name in its own ``templates/`` folder);
6. write the search index, the open data files and the sitemap; index full text with Pagefind;
7. each department's 运行情况 and its records and complaints by month (site_records).

Every URL in the pages is relative, so the site works under any path. The output is
deterministic: no build times, everything sorted, fixed dates inside the XLSX.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from powercat.site import data as site_data
from powercat.site import out as site_out
from powercat.site import records as site_records
from powercat.site import search as site_search
from powercat.site.words import environment
from powercat.catalog.config import load_config
from powercat.lint.diagnostics import Severity
from powercat.catalog.enums import Category, Scope
from powercat.lint.engine import LoadedPower, Report, validate
from powercat.catalog.model import Channel, Department, Power
from powercat.catalog.profile import load_profile
from powercat.i18n import Message, pick_lang

AUDIENCES = ("public", "internal")
STATIC = ("style.css", "settings.js", "search.js", "fulltext.js")
FLOWCHART_CACHE = ".powercat/flowcharts"
RENDER_OUT = "build/flowcharts"  # `powercat render`'s default output: reused when it is there


class PublishError(Message):
    """The site cannot be built (bad option, unsafe output folder, broken template): exit 2."""


class PublishRefused(Message):
    """The catalog has errors and ``allow_errors`` was not given: exit 1."""

    def __init__(self, errors: int) -> None:
        super().__init__("publish.refused", errors=errors)
        self.errors = errors


@dataclass(slots=True)
class PowerView:
    """A power as its page shows it."""

    lp: LoadedPower
    dept: Department | None
    changed: str | None  # YYYY-MM-DD of the last commit touching its file, None outside git
    flowcharts: list[str | None] = field(default_factory=list)  # per procedure: its SVG's site path
    internal_flowchart: str | None = None

    @property
    def power(self) -> Power:
        return self.lp.power

    @property
    def dept_id(self) -> str:
        return self.lp.department

    @property
    def dept_name(self) -> str:
        return self.dept.name if self.dept else self.lp.department

    @property
    def url(self) -> str:
        return f"powers/{self.lp.power.code}/"

    def channels(self, key: str) -> list[Channel]:
        """The power's own channels of a kind (supervision, complaints, consultation), then its department's."""
        return [*getattr(self.power, key, []), *(getattr(self.dept, key) if self.dept else [])]


@dataclass(slots=True)
class PublishResult:
    out: Path
    audience: str
    powers: int = 0
    pages: int = 0
    notes: list[Message] = field(default_factory=list)  # said in the command's language
    seconds: dict[str, float] = field(default_factory=dict)  # time per phase


def publish(root: Path, out: Path, *, audience: str = "public", base_url: str | None = None,
            allow_errors: bool = False, flowcharts: bool = True, fulltext: bool = True,
            progress: bool = False, report: Report | None = None, as_of: dt.date | None = None,
            lang: str | None = None) -> PublishResult:
    """Build the site of the catalog under ``root`` into ``out`` (``report``: a validation with
    ``keep_models`` as of the same reference date) in ``lang``, else powercat.toml's
    ``[site] lang``, else POWERCAT_LANG, else zh-CN."""
    if audience not in AUDIENCES:
        raise PublishError("publish.audience", value=audience)
    if base_url and not base_url.startswith(("https://", "http://")):
        raise PublishError("publish.base_url", value=base_url)
    clock = _Clock()
    root = Path(root).resolve()
    config = load_config(root)
    lang = pick_lang(lang or config.site_lang or None)
    ref = site_records.reference_date(root, config, as_of)
    report = report or validate(root, as_of=ref.day, keep_models=True)
    errors = report.count(Severity.error)
    if errors and not allow_errors:
        raise PublishRefused(errors)
    clock.lap("validate")

    result = PublishResult(Path(out), audience)
    internal = audience == "internal"
    dates = last_changed(root, config.catalogs_dir)
    views = [PowerView(lp, report.departments.get(lp.department), dates.get(lp.file))
             for lp in sorted(report.loaded, key=lambda lp: lp.power.code) if internal or is_public(lp.power)]
    runs, notes = site_records.collect(report, config, ref, views, internal=internal)
    result.notes += notes
    started = site_out.prepare(result.out, PublishError)
    clock.lap("select")

    categories = _flowcharts(root, report, views, result, internal, progress, lang) if flowcharts else {}
    if not flowcharts:
        result.notes.append(Message("publish.no_flowcharts"))
    clock.lap("flowcharts")

    newest = max((v.changed for v in views if v.changed), default=None)
    site = {
        "title": config.title, "jurisdiction": config.jurisdiction, "internal": internal,
        "updated": newest, "base_url": _base(base_url if base_url is not None else config.base_url),
        "fulltext": fulltext and site_search.pagefind_available(), "as_of": ref, "lang": lang,
    }
    env = environment(root, lang)
    meta = {"title": config.title, "jurisdiction": config.jurisdiction, "audience": audience,
            **({"last_changed": newest} if newest else {})}
    stamp = dt.datetime.fromisoformat(newest or "2000-01-01")
    downloads = site_data.write_data(result.out, views, internal=internal, meta=meta, stamp=stamp)
    (result.out / site_search.INDEX_PATH).parent.mkdir(parents=True, exist_ok=True)
    (result.out / site_search.INDEX_PATH).write_text(site_search.index_json(site_search.index_rows(views, lang)),
                                                     encoding="utf-8")
    clock.lap("data")

    pages = Pages(env, result.out, site, profile=load_profile(config.profile, str(config.root)))
    pages.render_all(views, report.departments, categories, downloads, runs)
    result.pages, result.powers = len(pages.written), len(views)
    _static(env, result.out)
    changed = {v.url: v.changed for v in views} | site_records.month_changed(runs, last_changed(root, config.records_dir))
    _sitemap(env, result.out, site, pages.written, changed)
    if not site["base_url"]:
        result.notes.append(Message("publish.no_base_url"))
    clock.lap("pages")

    site_out.remove_stale(result.out, started)
    if fulltext:
        note = site_search.run_pagefind(result.out)
        if note:
            result.notes.append(note)
    clock.lap("fulltext")
    result.seconds = clock.laps
    return result


def is_public(power: Power) -> bool:
    """Only a power whose disclosure scope says so is public: a missing disclosure is not."""
    return power.disclosure is not None and power.disclosure.scope == Scope.public


# --- git dates ---------------------------------------------------------------------------

def last_changed(root: Path, catalogs_dir: str) -> dict[str, str]:
    """{file relative to root: date of the newest commit that touched it} for the files under
    ``catalogs_dir`` (or any folder: the records too); {} outside git."""
    cmd = ["git", "-c", "core.quotePath=false", "-C", str(root), "log", "--format=%x00%cs",
           "--name-only", "--relative", "--", catalogs_dir]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", check=False)
    except OSError:
        return {}
    if done.returncode != 0:
        return {}
    dates: dict[str, str] = {}
    current = ""
    for line in done.stdout.splitlines():
        if line.startswith("\0"):
            current = line[1:]
        elif line:
            dates.setdefault(line, current)
    return dates


# --- flowcharts --------------------------------------------------------------------------

def _flowcharts(root: Path, report: Report, views: list[PowerView], result: PublishResult,
                internal: bool, progress: bool, lang: str) -> dict[str, str]:
    """Copy the flowcharts of the shown powers into the site; {category: site path} of category charts."""
    try:
        from powercat.charts.render import MANIFEST, RenderError, render_catalog
    except ImportError:
        result.notes.append(Message("publish.no_renderer"))
        return {}
    try:
        # after `powercat render`, its charts are brought up to date and reused, not drawn again
        reuse = (root / RENDER_OUT / MANIFEST).exists()
        target = root / (RENDER_OUT if reuse else FLOWCHART_CACHE)
        rendered = render_catalog(root, out=target, fmt="svg", report=report, progress=progress,
                                  internal=internal or reuse, lang=lang)
    except RenderError as exc:
        result.notes.append(Message("publish.charts_failed", reason=exc))
        return {}

    def copy(key: str, dest: str) -> str | None:
        src = rendered.paths.get(key)
        if src is None or not src.exists():
            return None
        (result.out / dest).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, result.out / dest)
        return dest

    for v in views:
        code = v.power.code
        v.flowcharts = [copy(f"{code}/external-{i}", f"powers/{code}/external-{i}.svg")
                        for i in range(len(v.power.procedures))]
        if internal and v.power.internal:
            v.internal_flowchart = copy(f"{code}/internal", f"powers/{code}/internal.svg")
    shown = {v.power.category for v in views}
    made = {c.value: copy(f"category/{c.value}", f"categories/{c.value}/flowchart.svg") for c in shown}
    return {k: p for k, p in made.items() if p}


# --- templates ---------------------------------------------------------------------------

class Pages:
    """Renders the site's pages; remembers what it wrote (for the sitemap and the page count)."""

    def __init__(self, env: jinja2.Environment, out: Path, site: dict[str, Any], profile: Any) -> None:
        self.env, self.out, self.site, self.profile = env, out, site, profile
        self.written: list[str] = []

    def page(self, template: str, url: str, **ctx: Any) -> None:
        """Render ``template`` to the page at ``url`` ("" home, "powers/X/" a folder, "404.html")."""
        depth = url.count("/")
        path = self.out / (url + "index.html" if url == "" or url.endswith("/") else url)
        root = "../" * depth if url != "404.html" else (self.site["base_url"] or "/")
        canonical = self.site["base_url"] + url if self.site["base_url"] and url != "404.html" else None
        try:
            html = self.env.get_template(template).render(site=self.site, root=root, url=url,
                                                          canonical=canonical, **ctx)
        except jinja2.TemplateError as exc:
            where = f"{getattr(exc, 'filename', None) or template}:{getattr(exc, 'lineno', '') or ''}"
            raise PublishError("publish.template", where=where, detail=exc) from None
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(html)
        if url != "404.html":
            self.written.append(url)

    def render_all(self, views: list[PowerView], departments: dict[str, Department | None],
                   category_charts: dict[str, str], downloads: list[site_data.DataFile],
                   runs: dict[str, site_records.DeptRecords] | None = None) -> None:
        runs = runs or {}
        by_dept = {d: [v for v in views if v.dept_id == d] for d in sorted(departments)}
        cats = [c for c in Category if any(v.power.category == c for v in views)]
        by_cat = {c: [v for v in views if v.power.category == c] for c in cats}
        dept_list = [(d, departments[d], by_dept[d]) for d in by_dept]
        self.page("home.html", "", departments=dept_list, categories=by_cat, total=len(views))
        for d, dept, items in dept_list:
            self.page("department.html", f"departments/{d}/", dept_id=d, dept=dept, powers=items,
                      by_category={c: [v for v in items if v.power.category == c] for c in cats}, runs=runs.get(d))
        site_records.write_month_pages(self, runs, views, {d: dept.name if dept else d for d, dept, _ in dept_list})
        for c, items in by_cat.items():
            std = self.profile.category(c).procedures.get("general")
            self.page("category.html", f"categories/{c.value}/", category=c, powers=items,
                      flowchart=category_charts.get(c.value), standard=std)
        for v in views:
            self.page("power.html", v.url, v=v, p=v.power, posts=_posts(v.dept))
        self.page("search.html", "search/")
        self.page("data.html", "data/", downloads=downloads, total=len(views))
        self.page("404.html", "404.html")


def _posts(dept: Department | None) -> dict[str, str]:
    return {p.id: p.name for p in dept.posts} if dept else {}


def _static(env: jinja2.Environment, out: Path) -> None:
    """The CSS and JS, from the repository's templates/ when it overrides them."""
    (out / "assets").mkdir(parents=True, exist_ok=True)
    for name in STATIC:
        source, _, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
        with open(out / "assets" / name, "w", encoding="utf-8", newline="\n") as f:
            f.write(source)


def _sitemap(env: jinja2.Environment, out: Path, site: dict[str, Any], urls: list[str],
             changed: dict[str, str | None]) -> None:
    robots = env.get_template("robots.txt").render(site=site)
    (out / "robots.txt").write_text(robots, encoding="utf-8")
    if not site["base_url"]:
        return  # a sitemap needs absolute URLs
    entries = [(site["base_url"] + u, changed.get(u)) for u in sorted(urls)]
    xml = env.get_template("sitemap.xml").render(site=site, entries=entries)
    (out / "sitemap.xml").write_text(xml, encoding="utf-8")


def _base(url: str | None) -> str:
    url = (url or "").strip()
    return url if not url or url.endswith("/") else url + "/"


class _Clock:
    def __init__(self) -> None:
        self.last, self.laps = time.perf_counter(), {}

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name], self.last = round(now - self.last, 3), now
