"""`powercat report` as a library call: per department, how complete the catalog is and how
its powers are exercised (records and complaints, FORMAT.md section 6).

    rep = build_report(Path("."), as_of=date(2026, 4, 30), month="2026-03")
    rep.departments[0].completeness       # share of powers with no error
    rep.departments[0].overdue            # records/complaints past their deadline

Statuses come from the rules themselves (PC801 record_deadline, PC802 disclosure_status,
PC803 reply_status), so the report and `powercat validate` never disagree.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from powercat.catalog.enums import Category
from powercat.catalog.loader import Catalog, load_catalog
from powercat.catalog.model import Complaint, Record
from powercat.catalog.profile import Profile
from powercat.lint.diagnostics import Report, Severity
from powercat.lint.engine import UsageError, lint
from powercat.lint.rules.base import PowerFacts
from powercat.lint.rules.pc801 import record_deadline
from powercat.i18n import DEFAULT_LANG, Message
from powercat.i18n import label as i18n_label
from powercat.lint.rules.pc802 import disclosure_deadline, disclosure_status
from powercat.lint.rules.pc803 import reply_deadline, reply_status
from powercat.catalog.workdays import CalendarGap, covered_years, gap_message

UNKNOWN = "unknown"  # the category of a power file that did not load
OVERDUE = {"disclosed_late", "overdue", "replied_late"}


@dataclass(slots=True)
class Entry:
    """One record or complaint with its deadline and status as of the report date."""

    kind: str  # record | complaint
    department: str
    file: str
    line: int
    id: str  # the power code of a record, the complaint's id
    power: str | None
    text: str  # the case of a record, the summary of a complaint
    date: dt.date  # exercised_on | received_on
    recorded_on: dt.date | None
    deadline: dt.date | None
    done_on: dt.date | None  # disclosed_on | replied_on
    status: str
    recorded_late: bool = False
    model: Record | Complaint | None = field(default=None, repr=False, compare=False)  # the entry as written

    @property
    def overdue(self) -> bool:
        return self.status in OVERDUE

    def as_dict(self) -> dict[str, Any]:
        iso = _iso
        base: dict[str, Any] = {"kind": self.kind, "file": self.file, "line": self.line}
        if self.kind == "record":
            return base | {"power": self.power, "case": self.text, "exercised_on": iso(self.date),
                           "recorded_on": iso(self.recorded_on), "recorded_late": self.recorded_late,
                           "deadline": iso(self.deadline), "disclosed_on": iso(self.done_on), "status": self.status}
        return base | {"complaint": self.id, "power": self.power, "summary": self.text,
                       "received_on": iso(self.date), "deadline": iso(self.deadline),
                       "replied_on": iso(self.done_on), "status": self.status}


@dataclass(slots=True)
class DepartmentReport:
    id: str
    name: str
    powers: int = 0
    by_category: dict[str, int] = field(default_factory=dict)  # category code (or "unknown") -> count
    complete: int = 0  # powers whose file has no error
    errors: int = 0
    warnings: int = 0  # open warnings in the department's files
    entries: list[Entry] = field(default_factory=list)

    @property
    def completeness(self) -> float | None:
        return round(self.complete / self.powers, 4) if self.powers else None

    @property
    def records(self) -> list[Entry]:
        return [e for e in self.entries if e.kind == "record"]

    @property
    def complaints(self) -> list[Entry]:
        return [e for e in self.entries if e.kind == "complaint"]

    @property
    def overdue(self) -> list[Entry]:
        return [e for e in self.entries if e.overdue]

    def in_month(self, month: str) -> list[Entry]:
        return [e for e in self.entries if e.date.strftime("%Y-%m") == month]


@dataclass(slots=True)
class PowerReport:
    as_of: dt.date
    month: str | None
    departments: list[DepartmentReport]
    notes: list[Message] = field(default_factory=list)  # e.g. the holiday calendar lacks a year


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


class MonthError(UsageError, Message):
    """A --month that is not YYYY-MM (a usage error, said in the command's language)."""


def parse_month(value: str) -> str:
    """``YYYY-MM`` checked, or MonthError."""
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value or ""):
        raise MonthError("cli.bad_month", value=value)
    return value


def build_report(root: Path, *, as_of: dt.date | None = None, month: str | None = None) -> PowerReport:
    """The report of the repository at ``root``, as of ``as_of`` (default today)."""
    month = parse_month(month) if month is not None else None
    catalog = load_catalog(root, as_of=as_of, use_cache=False, keep_models=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CalendarGap)  # reported once, as notes
        findings = lint(catalog)
    return report_from(catalog, findings, month=month)


def report_from(catalog: Catalog, findings: Report, *, month: str | None = None) -> PowerReport:
    """The report of a catalog from its findings (linted as of the catalog's ``as_of``)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CalendarGap)  # reported once, as notes
        facts = _facts(catalog)
        depts = {f: _department(f, catalog, findings) for f in _folders(catalog)}
        for folder, rel in catalog.layout.records:
            depts[folder].entries += _entries(catalog, folder, rel, facts)
    for d in depts.values():
        d.entries.sort(key=lambda e: (e.date, e.file, e.line))
    dates = [e.date for d in depts.values() for e in d.entries] + [catalog.as_of]
    return PowerReport(catalog.as_of, month, list(depts.values()), _notes(dates))


def _folders(catalog: Catalog) -> list[str]:
    return sorted(set(catalog.layout.departments) | {f for f, _ in catalog.layout.records})


def _facts(catalog: Catalog) -> dict[str, PowerFacts]:
    out: dict[str, PowerFacts] = {}
    for lp in catalog.powers():
        p = lp.power
        timing = p.disclosure.timing.value if p.disclosure else ""
        within = p.disclosure.within_days if p.disclosure else None
        out.setdefault(p.code, PowerFacts(lp.file, p.code, 0, 0, p.name, p.category.value, lp.department, timing, within))
    return out


def _department(folder: str, catalog: Catalog, findings: Report) -> DepartmentReport:
    model = catalog.department(folder)
    dept = DepartmentReport(folder, model.name if model else folder)
    files = {rel for f, rel in catalog.layout.powers if f == folder}
    categories = {lp.file: lp.power.category.value for lp in catalog.powers() if lp.department == folder}
    order = [c.value for c in Category] + [UNKNOWN]
    counts: dict[str, int] = {}
    for rel in files:
        cat = categories.get(rel, UNKNOWN)
        counts[cat] = counts.get(cat, 0) + 1
    dept.by_category = {c: counts[c] for c in order if c in counts}
    dept.powers = len(files)
    dept.complete = sum(1 for rel in files if findings.errors_in(rel) == 0)
    own = files | {rel for f, rel in catalog.layout.records if f == folder}
    if folder in catalog.layout.departments:
        own.add(catalog.layout.departments[folder])
    dept.errors = sum(1 for d in findings.diagnostics if d.file in own and d.severity == Severity.error)
    dept.warnings = sum(1 for d in findings.diagnostics if d.file in own and d.severity == Severity.warning)
    return dept


def _entries(catalog: Catalog, folder: str, rel: str, facts: dict[str, PowerFacts]) -> list[Entry]:
    doc = catalog.document(rel)
    if doc.model is None:
        return []  # the file itself is reported by validate (PC100/PC101)
    profile: Profile = catalog.profile
    out = []
    for i, e in enumerate(doc.model.entries):
        line = doc.source.key((i,))[0]
        if isinstance(e, Record):
            f = facts.get(e.power)
            status = disclosure_status(e, f, catalog.as_of) if f is not None else "unknown_power"
            out.append(Entry("record", folder, rel, line, e.power, e.power, e.case, e.exercised_on, e.recorded_on,
                             disclosure_deadline(e, f), e.disclosed_on, status,
                             e.recorded_on > record_deadline(e, profile), e))
        elif isinstance(e, Complaint):
            out.append(Entry("complaint", folder, rel, line, e.complaint, e.power, e.summary, e.received_on, None,
                             reply_deadline(e, profile), e.replied_on, reply_status(e, profile, catalog.as_of),
                             model=e))
    return out


def _notes(dates: list[dt.date]) -> list[Message]:
    years = covered_years()
    if years is None:
        return [gap_message(dt.date.today().year)]
    return [gap_message(y) for y in sorted({d.year for d in dates}) if not years[0] <= y <= years[1]]


def as_dict(rep: PowerReport, lang: str | None = None) -> dict[str, Any]:
    """The stable JSON structure of the report (version 1): data, so category labels are the
    format's (zh-CN) whatever ``lang``; the notes are said in ``lang``."""
    def dept(d: DepartmentReport) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": d.id, "name": d.name, "powers": d.powers,
            "by_category": [{"category": c, "count": n,
                             "label": i18n_label("enum.Category", c, DEFAULT_LANG) if c != UNKNOWN else None}
                            for c, n in d.by_category.items()],
            "complete": d.complete, "completeness": d.completeness, "errors": d.errors, "warnings": d.warnings,
            "records": len(d.records), "complaints": len(d.complaints),
            "overdue_records": sum(1 for e in d.records if e.overdue),
            "overdue_complaints": sum(1 for e in d.complaints if e.overdue),
            "overdue": [e.as_dict() for e in d.overdue],
        }
        if rep.month:
            out["month"] = [e.as_dict() for e in d.in_month(rep.month)]
        return out

    return {"version": 1, "as_of": rep.as_of.isoformat(), "month": rep.month,
            "departments": [dept(d) for d in rep.departments], "notes": [n.text(lang) for n in rep.notes]}
