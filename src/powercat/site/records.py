"""The site's exercise records (动态公开): 运行情况 on each department page and a page per month.

    ref = reference_date(catalog, as_of=None)               # the date statuses are computed for
    depts, notes = collect(catalog, lint, views, internal=False)  # linted as of ref.day
    write_month_pages(pages, depts, views, names)           # departments/<id>/records/<YYYY-MM>/

What a public build shows (and what it leaves out):

* a record only when its power is in the build (a record of a power that is not public, or of
  a code that names no power, is left out, and so are its figures);
* a complaint when it names no power or names a power in the build; its dates, status and
  summary are shown (complaint summaries are written for publication, FORMAT.md section 6),
  its number (投诉编号) only in an internal build;
* the department's figures (powers by category, completeness, late records and complaints)
  count only what is shown. An internal build shows everything.

The reference date is never "today" by default, so the same commit builds the same site on
any day: ``--as-of``, else the date of the newest commit touching the catalogs or the records,
else (outside git) the newest date written in any records file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from powercat.catalog.enums import Category
from powercat.catalog.loader import Catalog
from powercat.catalog.model import Record
from powercat.supervise.report import DepartmentReport, Entry, PowerReport, report_from

from powercat.lint.diagnostics import Report
from powercat.site.views import PowerView


class PageWriter(Protocol):
    """What writes a page (site.pages.Pages)."""

    def page(self, template: str, url: str, **ctx: Any) -> None: ...

@dataclass(frozen=True, slots=True)
class Reference:
    """The date statuses are computed for, and where it came from: option, git, records or none
    (the pages say which with ``site.as_of_source.<source>``)."""

    day: dt.date
    source: str


def reference_date(catalog: Catalog, as_of: dt.date | None = None) -> Reference:
    """``as_of``, else the newest commit of the catalogs and records, else the newest record date.

    A repository outside git without records has no date at all: nothing depends on it then,
    and the pages do not print it (``source == "none"``).
    """
    if as_of is not None:
        return Reference(as_of, "option")
    newest = max(catalog.dates().values(), default=None)  # the newest commit touching them
    if newest is not None:
        return Reference(dt.date.fromisoformat(newest), "git")
    day = _newest_record_date(catalog)
    return Reference(day, "records") if day is not None else Reference(dt.date.today(), "none")


def _newest_record_date(catalog: Catalog) -> dt.date | None:
    days: list[dt.date] = []
    for _, _, model in catalog.records():
        for e in model.entries if model is not None else []:
            fields = (e.exercised_on, e.recorded_on, e.disclosed_on) if isinstance(e, Record) else \
                (e.received_on, e.replied_on)
            days += [d for d in fields if d is not None]
    return max(days, default=None)


# --- what each department shows -------------------------------------------------------------

@dataclass(slots=True)
class Month:
    """A department's records and complaints of one month (by exercised_on / received_on)."""

    key: str  # YYYY-MM
    records: list[Entry] = field(default_factory=list)
    complaints: list[Entry] = field(default_factory=list)

    def url(self, dept_id: str) -> str:
        return f"departments/{dept_id}/records/{self.key}/"

    @property
    def files(self) -> set[str]:
        return {e.file for e in self.records + self.complaints}


@dataclass(slots=True)
class DeptRecords:
    """The 运行情况 of a department page: its figures (only what the build shows) and its months."""

    figures: DepartmentReport
    months: list[Month]

    def month_of(self, e: Entry) -> Month:
        return next(m for m in self.months if m.key == e.date.strftime("%Y-%m"))


def collect(catalog: Catalog, lint: Report, views: list[PowerView], *,
            internal: bool) -> tuple[dict[str, DeptRecords], list[str]]:
    """{department folder: DeptRecords} as of the catalog's reference date from its findings,
    and the report's notes (a year the holiday calendar lacks)."""
    report = report_from(catalog, lint)
    return department_records(report, views, lint, internal=internal), report.notes


def department_records(report: PowerReport, views: list[PowerView], lint: Report, *,
                       internal: bool) -> dict[str, DeptRecords]:
    """{department folder: DeptRecords} for every department of the report."""
    shown = {v.power.code for v in views}
    out = {}
    for d in report.departments:
        figures = d if internal else _public_figures(d, [v for v in views if v.dept_id == d.id], lint, shown)
        months: dict[str, Month] = {}
        for e in figures.entries:
            m = months.setdefault(e.date.strftime("%Y-%m"), Month(e.date.strftime("%Y-%m")))
            (m.records if e.kind == "record" else m.complaints).append(e)
        out[d.id] = DeptRecords(figures, [months[k] for k in sorted(months, reverse=True)])
    return out


def visible(e: Entry, shown: set[str]) -> bool:
    """Whether a public build may show the entry: a record of a power in the build, a complaint
    that names no power or one in the build."""
    if e.kind == "record":
        return e.power in shown
    return e.power is None or e.power in shown


def _public_figures(d: DepartmentReport, views: list[PowerView], lint: Report, shown: set[str]) -> DepartmentReport:
    """The department's figures counting only the public powers and the entries shown."""
    by_category = {c.value: n for c in Category if (n := sum(1 for v in views if v.power.category == c))}
    complete = sum(1 for v in views if lint.errors_in(v.lp.file) == 0)
    return replace(d, powers=len(views), by_category=by_category, complete=complete, errors=0, warnings=0,
                   entries=[e for e in d.entries if visible(e, shown)])


# --- pages ------------------------------------------------------------------------------------

def write_month_pages(pages: PageWriter, depts: dict[str, DeptRecords], views: list[PowerView],
                      names: dict[str, str]) -> list[str]:
    """Render departments/<id>/records/<YYYY-MM>/ for each month with something shown; their URLs."""
    by_code = {v.power.code: v for v in views}
    urls = []
    for dept_id, dr in depts.items():
        if dept_id not in names:
            continue  # records of a folder without department.yaml have no department page
        for i, m in enumerate(dr.months):
            newer = dr.months[i - 1] if i > 0 else None
            older = dr.months[i + 1] if i + 1 < len(dr.months) else None
            pages.page("records_month.html", m.url(dept_id), dept_id=dept_id, dept_name=names[dept_id],
                       month=m, newer=newer, older=older, powers=by_code)
            urls.append(m.url(dept_id))
    return urls


def template_globals() -> dict[str, Any]:
    """What the templates need to write links (statuses: ``site.record_status.<status>``)."""
    return {"safe_url": safe_url}


def month_changed(depts: dict[str, DeptRecords], file_dates: dict[str, str]) -> dict[str, str | None]:
    """{month page URL: newest git date of the records files behind it} (for the sitemap)."""
    out: dict[str, str | None] = {}
    for dept_id, dr in depts.items():
        for m in dr.months:
            out[m.url(dept_id)] = max((file_dates[f] for f in m.files if f in file_dates), default=None)
    return out


def safe_url(url: str | None) -> str | None:
    """A disclosure URL worth linking: http(s) only (never javascript: and the like)."""
    return url if url and url.strip().lower().startswith(("https://", "http://")) else None
