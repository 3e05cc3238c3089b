"""`powercat export`: the 职权目录 for submission, as CSV, XLSX or a Word document.

    data = export(root, "xlsx", audience="public")   # bytes
    rows = table(powers)                             # the same table as lists of text

One row per power, the statutory fields as columns named with the national field names, so
`powercat import` reads an export back into the same fields (依据 is written in the published
style 【法律】《…》（edition）第X条 text, which the importer splits again; 是否收费 and 是否听证 the
catalog does not state are 未填写, never 否). Deterministic: rows sorted by
department and code; XLSX/DOCX document dates and zip entry times are the newest commit date of
the catalogs (2000-01-01 outside git). CSV is UTF-8 with BOM (Excel and WPS open it in Chinese);
all-digit codes are written ="…" so Excel keeps them as text (the importer strips it again).
A value is data, never a formula: a CSV cell starting = + - @ gets a leading ' (the importer
takes it off), an XLSX cell is always a text cell, DOCX text holds only what XML allows
(``powercat.safe``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from powercat.adopt.basis_text import format_bases
from powercat.catalog.display import disclosure_part, limit_of, yes_no
from powercat.catalog.enums import Scope
from powercat.catalog.loader import Catalog, load_catalog
from powercat.lint.diagnostics import Report
from powercat.lint.engine import lint
from powercat.catalog.model import Power, limit_text
from powercat.i18n import Message
from powercat.safe import csv_cell, xlsx_text, xml_text
from powercat.zipfix import fixed_zip, workbook_bytes

FORMATS = ("csv", "xlsx", "docx")
AUDIENCES = ("public", "internal")
CODE_COLUMNS = ("职权编码", "基本编码", "实施编码")


class ExportError(Message):
    """A bad argument: exit code 2."""


@dataclass(slots=True)
class Item:
    number: int
    department: str  # the department's name (its folder when the department file is broken)
    power: Power


def _rights(p: Power) -> str:
    """要求说明理由、申请听证（note；依据：basis）…: what `basis_text.parse_rights` reads."""
    out = []
    for r in p.rights:
        inner = "；".join(x for x in (r.note, r.basis and f"依据：{r.basis}") if x)
        out.append(r.type.label + (f"（{inner}）" if inner else ""))
    return "、".join(out)


def _fee_basis(p: Power) -> str:
    level = p.fee.basis_level
    return (f"【{level.label}】" if level and p.fee.basis else "") + (p.fee.basis or "")


def _bases(p: Power) -> str:
    return format_bases([b.model_dump(mode="json", exclude_none=True) for b in p.legal_basis])


def _place(c: Any) -> str:
    return c.name + (f"({c.address})" if c.address else "")


# (national column name, value); `powercat import` maps every name back to its field
COLUMNS: list[tuple[str, Callable[[Item], str]]] = [
    ("序号", lambda i: str(i.number)),
    ("部门", lambda i: i.department),
    ("事项名称", lambda i: i.power.name),
    ("职权编码", lambda i: i.power.code),
    ("基本编码", lambda i: i.power.basic_code or ""),
    ("实施编码", lambda i: i.power.implementation_code or ""),
    ("事项类型", lambda i: i.power.category.label),
    ("依据", lambda i: _bases(i.power)),
    ("实施主体", lambda i: i.power.exercised_by or ""),
    ("实施层级", lambda i: "、".join(i.power.exercise_levels)),
    ("授权部门", lambda i: i.power.authorized_by or ""),
    ("对象", lambda i: i.power.target or ""),
    ("所属主项", lambda i: i.power.parent or ""),
    ("承办机构", lambda i: i.power.handling_unit),
    ("主管领导", lambda i: i.power.leader),
    ("职责要求", lambda i: i.power.duties or ""),
    ("申请条件", lambda i: "\n".join(i.power.conditions)),
    ("申请材料", lambda i: "\n".join(i.power.material_names())),
    ("法定时限", lambda i: limit_of(i.power, "statutory")),
    ("承诺时限", lambda i: limit_of(i.power, "promised")),
    ("延长时限", lambda i: limit_of(i.power, "extension")),
    ("时限依据", lambda i: i.power.time_limit.basis or "" if i.power.time_limit else ""),
    ("是否收费", lambda i: yes_no(i.power.fee.charged)),
    ("收费标准", lambda i: i.power.fee.standard or ""),
    ("收费依据", lambda i: _fee_basis(i.power)),
    ("相对人权利", lambda i: _rights(i.power)),
    ("是否听证", lambda i: yes_no(i.power.hearing)),
    ("责任追究", lambda i: i.power.accountability or ""),
    ("服务承诺", lambda i: i.power.service_commitment or ""),
    ("工作纪律", lambda i: i.power.discipline or ""),
    ("公开范围", lambda i: disclosure_part(i.power, "scope")),
    ("公开时间", lambda i: disclosure_part(i.power, "timing")),
    ("公开载体", lambda i: disclosure_part(i.power, "carriers")),
    ("服务对象", lambda i: "、".join(i.power.guide.audience) if i.power.guide else ""),
    ("办理方式", lambda i: "、".join(w.label for w in i.power.guide.ways) if i.power.guide else ""),
    ("网上办理地址", lambda i: i.power.guide.online_url or "" if i.power.guide else ""),
    ("办理地点", lambda i: "\n".join(_place(c) for c in i.power.guide.places) if i.power.guide else ""),
    ("办理时间", lambda i: i.power.guide.places[0].hours or "" if i.power.guide and i.power.guide.places else ""),
    ("到现场次数", lambda i: str(i.power.guide.visits) if i.power.guide and i.power.guide.visits is not None else ""),
    ("办理结果", lambda i: i.power.guide.result.name if i.power.guide and i.power.guide.result else ""),
    ("检索词", lambda i: "、".join(i.power.keywords)),
    ("主题", lambda i: "、".join(i.power.topics)),
    ("状态", lambda i: i.power.status.label),
    ("生效日期", lambda i: i.power.effective_from.isoformat() if i.power.effective_from else ""),
]


def items(catalog: Catalog, audience: str) -> list[Item]:
    """The powers to export, numbered, sorted by department folder and code."""
    departments = catalog.departments
    chosen = [lp for lp in catalog.powers() if audience == "internal" or (
        lp.power.disclosure is not None and lp.power.disclosure.scope == Scope.public)]
    chosen.sort(key=lambda lp: (lp.department, lp.power.code))
    out = []
    for n, lp in enumerate(chosen, 1):
        dept = departments.get(lp.department)
        out.append(Item(n, dept.name if dept else lp.department, lp.power))
    return out


def table(rows: list[Item]) -> list[list[str]]:
    return [[get(i) for _, get in COLUMNS] for i in rows]


def to_csv(rows: list[Item]) -> bytes:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow([name for name, _ in COLUMNS])
    text_cols = {n for n, (name, _) in enumerate(COLUMNS) if name in CODE_COLUMNS}
    for row in table(rows):
        writer.writerow([f'="{v}"' if n in text_cols and v.isdigit() else csv_cell(v) for n, v in enumerate(row)])
    return buf.getvalue().encode("utf-8-sig")


def to_xlsx(rows: list[Item], stamp: dt.datetime, title: str) -> bytes:

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "职权目录"
    ws.append([name for name, _ in COLUMNS])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r, row in enumerate(table(rows), 2):
        for c, value in enumerate(row, 1):
            xlsx_text(ws.cell(r, c), value)  # text, never a formula
    wrap = Alignment(wrap_text=True, vertical="top")
    for col in ws.iter_cols(min_row=1):
        for cell in col:
            cell.number_format, cell.alignment = "@", wrap  # every column text: codes never become numbers
    for n, (name, _) in enumerate(COLUMNS, 1):
        ws.column_dimensions[get_column_letter(n)].width = 40 if name in ("依据", "职责要求", "责任追究") else 16
    ws.freeze_panes = "D2"
    return workbook_bytes(wb, stamp, title)


def stamp_of(catalog: Catalog) -> dt.datetime:
    """The newest commit date of the catalogs (2000-01-01 outside git): fixed document dates."""
    folder = catalog.config.catalogs_dir.strip("/") + "/"
    newest = max((d for rel, d in catalog.dates().items() if rel.startswith(folder)), default=None)
    return dt.datetime.fromisoformat(newest or "2000-01-01")


def export(root: Path, fmt: str, audience: str = "public") -> tuple[bytes, int, Report]:
    """`powercat export` as a library call: (the file's bytes, how many powers, the findings)."""
    check_options(fmt, audience)
    catalog = load_catalog(root, keep_models=True)
    report = lint(catalog)
    return export_catalog(catalog, fmt, audience), len(items(catalog, audience)), report


def check_options(fmt: str, audience: str) -> None:
    if fmt not in FORMATS:
        raise ExportError("export.format", fmt=fmt, formats=list(FORMATS))
    if audience not in AUDIENCES:
        raise ExportError("export.audience", value=audience)


def export_catalog(catalog: Catalog, fmt: str, audience: str = "public") -> bytes:
    """The catalog's powers that passed the schema as ``fmt`` (csv, xlsx or docx)."""
    check_options(fmt, audience)
    rows = items(catalog, audience)
    title = f"{catalog.config.title}职权目录"
    if fmt == "csv":
        return to_csv(rows)
    if fmt == "xlsx":
        return to_xlsx(rows, stamp_of(catalog), title)
    return to_docx(rows, stamp_of(catalog), title)


# --- Word --------------------------------------------------------------------------------

def _steps(p: Power) -> str:
    lines = []
    for proc in p.procedures:
        names = [s.name + (f"({limit_text(s.time_limit)})" if s.time_limit is not None else "") for s in proc.steps]
        lines.append(f"{proc.name or proc.kind.label}：" + " → ".join(names))
    return "\n".join(lines)


def _fonts(doc: Any) -> None:
    """宋体 for text, 黑体 for headings (east-Asian font set explicitly, theme fonts dropped)."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    for style in doc.styles:
        if style.type != 1 or not (style.name == "Normal" or style.name.startswith(("Heading", "Title"))):
            continue
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attr), None)
        face = "宋体" if style.name == "Normal" else "黑体"
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia"):
            fonts.set(qn(attr), face)
        if style.name == "Normal":
            style.font.size = Pt(10.5)


def _power_table(doc: Any, item: Item) -> None:
    from docx.shared import Cm

    fields = [(name, get(item)) for name, get in COLUMNS if name not in ("序号", "部门", "事项名称")]
    fields.append(("办理流程", _steps(item.power)))
    fields = [(name, value) for name, value in fields if value]
    grid = doc.add_table(rows=len(fields), cols=2)
    grid.style = "Table Grid"
    for row, (name, value) in zip(grid.rows, fields):
        row.cells[0].text = name
        row.cells[0].paragraphs[0].runs[0].bold = True
        row.cells[1].text = xml_text(value)
    for row in grid.rows:
        row.cells[0].width, row.cells[1].width = Cm(3.2), Cm(12.3)


def to_docx(rows: list[Item], stamp: dt.datetime, title: str) -> bytes:
    """The catalog as a Word document: title, a contents list per department, each power's table."""
    from docx import Document

    doc = Document()
    _fonts(doc)
    x = xml_text  # every text python-docx writes: only characters XML allows
    doc.add_heading(x(title), level=0)
    departments = list(dict.fromkeys(i.department for i in rows))
    doc.add_paragraph(f"共 {len(departments)} 个部门、{len(rows)} 项行政权力事项。截至 {stamp.date().isoformat()}。")
    doc.add_heading("目录", level=1)
    for dept in departments:
        doc.add_paragraph(x(dept), style="List Bullet")
        for i in rows:
            if i.department == dept:
                doc.add_paragraph(x(f"{i.number}. {i.power.name}（{i.power.category.label}，{i.power.code}）"),
                                  style="List Bullet 2")
    for dept in departments:
        doc.add_heading(x(dept), level=1)
        for i in (r for r in rows if r.department == dept):
            doc.add_heading(x(f"{i.number}. {i.power.name}"), level=2)
            _power_table(doc, i)
    props = doc.core_properties
    props.title, props.author, props.last_modified_by = x(title), "powercat", "powercat"
    props.created = props.modified = stamp
    props.revision = 1
    raw = io.BytesIO()
    doc.save(raw)
    return fixed_zip(raw.getvalue(), stamp)
