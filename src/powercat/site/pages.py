"""The site's pages: the Jinja2 environment (the repository's templates/ first, then the
package's), and the writer of every page, the static assets and the sitemap."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

from powercat.catalog.enums import Category
from powercat.catalog.parallel import map_files
from powercat.catalog.model import Department
from powercat.i18n import Message
from powercat.site import data as site_data
from powercat.site import records as site_records
from powercat.catalog.cache import file_hash
from powercat.site.svg import inlined
from powercat.site.views import PowerView

STATIC = ("style.css", "settings.js", "search.js", "fulltext.js", "chart.js")


class PublishError(Message):
    """The site cannot be built (bad option, unsafe output folder, broken template): exit 2."""


class Pages:
    """Renders the site's pages; remembers what it wrote (for the sitemap and the page count)."""

    def __init__(self, env: jinja2.Environment, out: Path, site: dict[str, Any], profile: Any) -> None:
        self.env, self.out, self.site, self.profile = env, out, site, profile
        self.written: list[str] = []
        self.digests: dict[str, str] = {}  # page file -> digest of its bytes

    def page(self, template: str, url: str, record: bool = True, **ctx: Any) -> tuple[str, str]:
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
        data = html.encode("utf-8")
        path.write_bytes(data)
        rel, digest = path.relative_to(self.out).as_posix(), file_hash(data)
        if record:
            self.digests[rel] = digest
            if url != "404.html":
                self.written.append(url)
        return rel, digest

    def power_pages(self, views: list[PowerView]) -> None:
        """The power pages, on every core (forked workers inherit the views: only the page's
        file and digest come back; a template error comes back as its key and words)."""

        def one(i: int) -> tuple[str, str] | tuple[None, dict[str, str]]:
            v = views[i]
            v.flowcharts = [inlined(c) for c in v.flowcharts]  # read here, in the worker
            v.internal_flowchart = inlined(v.internal_flowchart)
            try:
                return self.page("power.html", v.url, record=False, v=v, p=v.power, posts=_posts(v.dept), updated=v.changed)
            except PublishError as exc:
                return None, {"key": exc.key, **{k: str(a) for k, a in exc.params.items()}}

        for rel, digest in map_files(one, range(len(views))):
            if rel is None:
                raise PublishError(**digest)
            self.digests[rel] = digest
        self.written += [v.url for v in views]

    def render_all(self, views: list[PowerView], departments: dict[str, Department | None],
                   category_charts: dict[str, Any], downloads: list[site_data.DataFile],
                   runs: dict[str, site_records.DeptRecords] | None = None, kept: set[str] = frozenset()) -> None:
        """Every page; the power pages in ``kept`` are not rendered (the last build's stay)."""
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
            standards = self.profile.category(c).procedures  # every procedure the chart shows, as text
            self.page("category.html", f"categories/{c.value}/", category=c, powers=items,
                      flowchart=category_charts.get(c.value), standards=standards)
        self.written += [v.url for v in views if v.url in kept]
        self.power_pages([v for v in views if v.url not in kept])
        topics: dict[str, list[PowerView]] = {}
        for v in views:
            for tp in v.power.topics:
                topics.setdefault(tp, []).append(v)
        self.page("a-z.html", "a-z/", departments=dept_list, topics=dict(sorted(topics.items())), total=len(views))
        self.page("search.html", "search/")
        self.page("data.html", "data/", downloads=downloads, total=len(views))
        self.page("404.html", "404.html")


def _posts(dept: Department | None) -> dict[str, str]:
    return {p.id: p.name for p in dept.posts} if dept else {}


def static_assets(env: jinja2.Environment, out: Path) -> None:
    """The CSS and JS, from the repository's templates/ when it overrides them."""
    (out / "assets").mkdir(parents=True, exist_ok=True)
    for name in STATIC:
        source, _, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
        with open(out / "assets" / name, "w", encoding="utf-8", newline="\n") as f:
            f.write(source)


def write_sitemap(env: jinja2.Environment, out: Path, site: dict[str, Any], urls: list[str],
             changed: dict[str, str | None]) -> None:
    robots = env.get_template("robots.txt").render(site=site)
    (out / "robots.txt").write_text(robots, encoding="utf-8")
    if not site["base_url"]:
        return  # a sitemap needs absolute URLs
    entries = [(site["base_url"] + u, changed.get(u)) for u in sorted(urls)]
    xml = env.get_template("sitemap.xml").render(site=site, entries=entries)
    (out / "sitemap.xml").write_text(xml, encoding="utf-8")


def base_url_of(url: str | None) -> str:
    url = (url or "").strip()
    return url if not url or url.endswith("/") else url + "/"
