"""`powercat report --format text|markdown|json|csv`: render a PowerReport to a string."""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Callable

from rich.console import Console
from rich.table import Table

from powercat import i18n as messages
from powercat.catalog.enums import Category
from powercat.safe import csv_cell, markdown
from powercat.supervise.report import UNKNOWN, DepartmentReport, Entry, PowerReport, as_dict

FORMATS = ("text", "markdown", "json", "csv")
SUMMARY_KEYS = ("department", "powers", "completeness", "errors", "warnings", "records", "complaints",
                "late_records", "late_complaints")
NO_WRAP = {"department", "power", "complaint", "exercised_on", "recorded_on", "received_on", "disclose_by",
           "reply_by", "disclosed_on", "replied_on"}


def t(key: str, lang: str, **args: Any) -> str:
    """A label of the report (``report`` in locales/<lang>/report.yaml)."""
    return messages.t(f"report.{key}", lang, **args)


def _category(code: str, lang: str) -> str:
    return t("unknown_category", lang) if code == UNKNOWN else messages.label("enum.Category", code, lang)


def _percent(d: DepartmentReport) -> str:
    return "—" if d.completeness is None else f"{d.completeness * 100:.1f}%"


def _status(e: Entry, lang: str) -> str:
    key = "status_complaint_overdue" if (e.kind, e.status) == ("complaint", "overdue") else f"status_{e.status}"
    text = t(key, lang)
    return f"{text}{messages.t('punct.semicolon', lang)}{t('late_recorded', lang)}" if e.recorded_late else text


def _summary_row(d: DepartmentReport) -> list[str]:
    return [f"{d.name} ({d.id})", str(d.powers), _percent(d), str(d.errors), str(d.warnings), str(len(d.records)),
            str(len(d.complaints)), str(sum(1 for e in d.records if e.overdue)),
            str(sum(1 for e in d.complaints if e.overdue))]


def _iso(x: Any) -> str:
    return x.isoformat() if x else ""


RECORD_KEYS = ("department", "power", "case", "exercised_on", "recorded_on", "disclose_by", "disclosed_on", "status")
COMPLAINT_KEYS = ("department", "complaint", "power", "summary", "received_on", "reply_by", "replied_on", "status")


def _row(d: DepartmentReport, e: Entry, lang: str) -> list[str]:
    """A record or complaint in the columns of RECORD_KEYS / COMPLAINT_KEYS."""
    if e.kind == "record":
        return [d.id, e.id, e.text, _iso(e.date), _iso(e.recorded_on), _iso(e.deadline), _iso(e.done_on), _status(e, lang)]
    return [d.id, e.id, e.power or "", e.text, _iso(e.date), _iso(e.deadline), _iso(e.done_on), _status(e, lang)]


def _keys(kind: str) -> tuple[str, ...]:
    return RECORD_KEYS if kind == "record" else COMPLAINT_KEYS


def _head(kind: str, lang: str) -> list[str]:
    return [t(k, lang) for k in _keys(kind)]


def _title(rep: PowerReport, lang: str) -> str:
    return t("title_month", lang, month=rep.month) if rep.month else t("title", lang)


Section = tuple[str, str, list[tuple[DepartmentReport, Entry]]]  # label key, entry kind, rows


def _sections(rep: PowerReport) -> list[Section]:
    """The entry tables: overdue records and complaints, and with --month those of the month."""
    def pick(kind: str, month: bool) -> list[tuple[DepartmentReport, Entry]]:
        return [(d, e) for d in rep.departments for e in (d.in_month(rep.month or "") if month else d.overdue)
                if e.kind == kind]

    out = [("overdue_records", "record", pick("record", False)),
           ("overdue_complaints", "complaint", pick("complaint", False))]
    if rep.month:
        out += [("month_records", "record", pick("record", True)),
                ("month_complaints", "complaint", pick("complaint", True))]
    return out


def _categories(d: DepartmentReport, lang: str) -> str:
    return " · ".join(f"{_category(c, lang)} {n}" for c, n in d.by_category.items()) or t("none", lang)


# --- text (rich) ------------------------------------------------------------------------------

def render_text(rep: PowerReport, lang: str, color: bool = False, width: int = 120) -> str:
    buf = io.StringIO()
    console = Console(file=buf, force_terminal=color, no_color=not color, width=width, highlight=False,
                      emoji=False, markup=False)
    console.print(_title(rep, lang), style="bold")
    console.print(t("as_of", lang, as_of=rep.as_of.isoformat()))
    if not rep.departments:
        console.print(t("no_departments", lang))
    summary = Table(*(t(k, lang) for k in SUMMARY_KEYS), title=None, show_lines=False)
    for d in rep.departments:
        summary.add_row(*_summary_row(d))
    console.print(summary)
    for d in rep.departments:
        colon = messages.t("punct.colon", lang)
        console.print(f"{d.name} ({d.id}) {t('by_category', lang)}{colon}{_categories(d, lang)}")
    for key, kind, rows in _sections(rep):
        console.print()
        console.print(t(key, lang), style="bold")
        if not rows:
            console.print(t("none", lang))
            continue
        table = Table()
        for key in _keys(kind):
            table.add_column(t(key, lang), overflow="fold", no_wrap=key in NO_WRAP,
                             min_width=16 if key in ("case", "summary") else None)
        for d, e in rows:
            table.add_row(*_row(d, e, lang), style="red" if e.overdue else None)
        console.print(table)
    for note in rep.notes:
        console.print(t("calendar_gap", lang, note=note.text(lang)), style="yellow")
    return buf.getvalue()


# --- markdown ---------------------------------------------------------------------------------

def _md_cell(s: str) -> str:
    """Text of a department's files in a table cell: shown as written, never HTML or markup."""
    return markdown(s)


def _md_table(head: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(map(_md_cell, head)) + " |", "|" + "---|" * len(head)]
    return out + ["| " + " | ".join(map(_md_cell, r)) + " |" for r in rows]


def render_markdown(rep: PowerReport, lang: str, color: bool = False) -> str:
    lines = [f"# {_title(rep, lang)}", "", t("as_of", lang, as_of=rep.as_of.isoformat()), ""]
    lines += _md_table([t(k, lang) for k in SUMMARY_KEYS], [_summary_row(d) for d in rep.departments]) + [""]
    lines += [f"## {t('by_category', lang)}", ""]
    cats = [[f"{d.name} ({d.id})", _category(c, lang), str(n)] for d in rep.departments for c, n in d.by_category.items()]
    lines += _md_table([t("department", lang), t("category", lang), t("count", lang)], cats) + [""]
    for key, kind, rows in _sections(rep):
        lines += [f"## {t(key, lang)}", ""]
        lines += (_md_table(_head(kind, lang), [_row(d, e, lang) for d, e in rows]) if rows else [t("none", lang)])
        lines.append("")
    lines += [f"> {t('calendar_gap', lang, note=n.text(lang))}" for n in rep.notes]
    return "\n".join(lines).rstrip("\n") + "\n"


# --- json, csv ----------------------------------------------------------------------------------

def render_json(rep: PowerReport, lang: str, color: bool = False) -> str:
    return json.dumps(as_dict(rep, lang), ensure_ascii=False, indent=2) + "\n"


CSV_ENTRY_KEYS = ("department", "kind", "power", "complaint", "case", "exercised_on", "recorded_on", "deadline",
                  "disclosed_on", "status")


def render_csv(rep: PowerReport, lang: str, color: bool = False) -> str:
    """UTF-8 with BOM (Excel): the department table, a blank line, then one table of entries
    (the month's records and complaints with --month, else the overdue ones)."""
    buf = io.StringIO()
    w = _SafeWriter(csv.writer(buf, lineterminator="\r\n"))
    cats = _all_categories(rep)
    w.writerow([t(k, lang) for k in SUMMARY_KEYS] + [_category(c, lang) for c in cats])
    for d in rep.departments:
        w.writerow(_summary_row(d) + [str(d.by_category.get(c, 0)) for c in cats])
    w.writerow([])
    heads = {"case": f"{t('case', lang)}/{t('summary', lang)}",
             "exercised_on": f"{t('exercised_on', lang)}/{t('received_on', lang)}",
             "disclosed_on": f"{t('disclosed_on', lang)}/{t('replied_on', lang)}"}
    w.writerow([heads.get(k) or t(k, lang) for k in CSV_ENTRY_KEYS] + ["file", "line"])
    wanted = ("month_records", "month_complaints") if rep.month else ("overdue_records", "overdue_complaints")
    for key, _, rows in _sections(rep):
        for d, e in rows if key in wanted else []:
            kind = t("records" if e.kind == "record" else "complaints", lang)
            w.writerow([d.id, kind, e.power or "", e.id if e.kind == "complaint" else "", e.text, _iso(e.date),
                        _iso(e.recorded_on), _iso(e.deadline), _iso(e.done_on), _status(e, lang), e.file, e.line])
    return "\ufeff" + buf.getvalue()


class _SafeWriter:
    """A csv writer whose every cell is data, never a formula (``powercat.safe.csv_cell``)."""

    def __init__(self, writer: Any) -> None:
        self.writer = writer

    def writerow(self, row: list[Any]) -> None:
        self.writer.writerow([csv_cell(v) if isinstance(v, str) else v for v in row])


def _all_categories(rep: PowerReport) -> list[str]:
    seen: dict[str, None] = {}
    for d in rep.departments:
        seen.update(dict.fromkeys(d.by_category))
    order = [c.value for c in Category] + [UNKNOWN]
    return [c for c in order if c in seen]


RENDERERS: dict[str, Callable[..., str]] = {
    "text": render_text, "markdown": render_markdown, "json": render_json, "csv": render_csv,
}


def format_report(rep: PowerReport, fmt: str, lang: str, color: bool = False, width: int = 120) -> str:
    if fmt not in RENDERERS:
        raise ValueError(fmt)
    if fmt == "text":
        return render_text(rep, lang, color, width)
    return RENDERERS[fmt](rep, lang, color)
