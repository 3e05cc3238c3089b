"""The site's open data: every shown power as JSON, CSV and XLSX, described by datapackage.json.

* ``powers.json``: the full records (as in the YAML), plus department, page URL and last change.
* ``powers.csv``: one row per power, the statutory fields as text columns; UTF-8 with BOM so
  Excel and WPS open it in Chinese, every value quoted and every column typed ``string`` in the
  schema (codes stay text: 0-led and 12-digit codes are never numbers).
* ``powers.xlsx``: the same table, code cells formatted as text (``@``).

A value is data, never a formula: a CSV cell starting ``= + - @`` gets a leading ``'``, an XLSX
cell is always a text cell (``powercat.safe``).
* ``datapackage.json``: a Frictionless tabular data package naming each file with its size and
  sha256.

Everything is deterministic: sorted rows, sorted JSON keys, and the XLSX's document dates and
zip entry times fixed to ``stamp`` (the newest commit date of the catalogs).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

import orjson

from powercat.catalog.display import disclosure_part, limit_of, yes_no
from powercat.catalog.model import Channel, Power
from powercat.safe import csv_cell, plain_in_xlsx, xlsx_text
from powercat.zipfix import workbook_bytes

DATA_DIR = "data"


@dataclass(slots=True)
class DataFile:
    """One file of the download page."""

    path: str  # relative to the site root, e.g. data/powers.csv
    title: str
    format: str
    mediatype: str
    bytes: int
    sha256: str


def _channels(items: Iterable[Channel]) -> str:
    parts = []
    for c in items:
        ways = [f"{k}{v}" for k, v in (("电话", c.phone), ("地址", c.address), ("网址", c.url),
                                        ("邮箱", c.email), ("受理时间", c.hours)) if v]
        parts.append(f"{c.name}（{'，'.join(ways)}）" if ways else c.name)
    return "\n".join(parts)


def _basis(p: Power) -> str:
    return "\n".join(f"《{b.law}》{b.article or ''}{'：' + b.text if b.text else ''}" for b in p.legal_basis)


def _fee(p: Power) -> str:
    if not p.fee.charged:
        return "不收费"
    return "；".join(x for x in ("收费", p.fee.standard, p.fee.basis and f"依据：{p.fee.basis}") if x)


# (column name, Chinese title, value of a view); every column is text
COLUMNS: list[tuple[str, str, Callable[[Any], str]]] = [
    ("code", "事项编码", lambda v: v.power.code),
    ("basic_code", "基本编码", lambda v: v.power.basic_code or ""),
    ("implementation_code", "实施编码", lambda v: v.power.implementation_code or ""),
    ("name", "事项名称", lambda v: v.power.name),
    ("category", "权力类别", lambda v: v.power.category.label),
    ("status", "状态", lambda v: v.power.status.label),
    ("department", "实施部门", lambda v: v.dept_name),
    ("handling_unit", "承办机构", lambda v: v.power.handling_unit),
    ("leader", "主管领导", lambda v: v.power.leader),
    ("legal_basis", "行使依据", lambda v: _basis(v.power)),
    ("duties", "职责要求", lambda v: v.power.duties or ""),
    ("conditions", "办理条件", lambda v: "\n".join(v.power.conditions)),
    ("materials", "申请材料", lambda v: "\n".join(v.power.materials)),
    ("statutory_limit", "法定时限", lambda v: limit_of(v.power, "statutory")),
    ("promised_limit", "承诺时限", lambda v: limit_of(v.power, "promised")),
    ("extension_limit", "延长时限", lambda v: limit_of(v.power, "extension")),
    ("fee", "收费", lambda v: _fee(v.power)),
    ("rights", "相对人的权利", lambda v: "、".join(r.type.label for r in v.power.rights)),
    ("hearing", "是否适用听证", lambda v: yes_no(v.power.hearing)),
    ("accountability", "责任追究", lambda v: v.power.accountability or ""),
    ("supervision", "监督渠道", lambda v: _channels(v.channels("supervision"))),
    ("complaints", "投诉举报途径", lambda v: _channels(v.channels("complaints"))),
    ("disclosure_scope", "公开范围", lambda v: disclosure_part(v.power, "scope")),
    ("disclosure_timing", "公开时间", lambda v: disclosure_part(v.power, "timing")),
    ("disclosure_carriers", "公开载体", lambda v: disclosure_part(v.power, "carriers")),
    ("url", "网页", lambda v: v.url),
    ("last_changed", "最近修改日期", lambda v: v.changed or ""),
]
CODE_COLUMNS = {"code", "basic_code", "implementation_code"}


def _table(views: list[Any]) -> list[list[str]]:
    return [[get(v) for _, _, get in COLUMNS] for v in views]


def powers_json(views: list[Any], internal: bool, meta: dict[str, str]) -> bytes:
    """The full records; a public file leaves out the internal flow and the risk register."""
    hidden = {"lint"} | (set() if internal else {"internal", "risks"})
    powers = []
    for v in views:
        item = v.power.model_dump(mode="json", exclude_none=True, exclude=hidden)
        item.update(department=v.dept_id, department_name=v.dept_name, url=v.url)
        if v.changed:
            item["last_changed"] = v.changed
        powers.append(item)
    return _json({**meta, "powers": powers})


def powers_csv(views: list[Any]) -> bytes:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow([name for name, _, _ in COLUMNS])
    writer.writerows([csv_cell(v) for v in row] for row in _table(views))
    return buf.getvalue().encode("utf-8-sig")


def powers_xlsx(views: list[Any], stamp: dt.datetime) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)  # streams rows: several times faster on 10,000 powers
    ws = wb.create_sheet("行政权力事项")
    ws.freeze_panes = "B2"
    for i, (name, _, _) in enumerate(COLUMNS):
        ws.column_dimensions[_column_letter(i)].width = 16 if name in CODE_COLUMNS else 24

    def cell(value: str, bold: bool = False, text: bool = False) -> Any:
        if not (bold or text) and plain_in_xlsx(value):
            return value
        c = xlsx_text(WriteOnlyCell(ws), value)  # text, never a formula
        if bold:
            c.font = Font(bold=True)
        if text:
            c.number_format = "@"
        return c

    ws.append([cell(title, bold=True) for _, title, _ in COLUMNS])
    text_cols = [name in CODE_COLUMNS for name, _, _ in COLUMNS]
    for row in _table(views):
        ws.append([cell(v, text=is_text) for v, is_text in zip(row, text_cols)])
    return workbook_bytes(wb, stamp)


def _column_letter(i: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(i + 1)


def _schema() -> dict[str, Any]:
    fields = [{"name": name, "title": title, "type": "string"} for name, title, _ in COLUMNS]
    return {"fields": fields, "primaryKey": ["code"], "missingValues": []}


def write_data(out: Path, views: list[Any], *, internal: bool, meta: dict[str, str],
               stamp: dt.datetime) -> list[DataFile]:
    """Write data/powers.{json,csv,xlsx} and data/datapackage.json; return them for the page."""
    folder = out / DATA_DIR
    folder.mkdir(parents=True, exist_ok=True)
    made = [
        ("powers.json", "全部事项(完整记录)", "json", "application/json", powers_json(views, internal, meta)),
        ("powers.csv", "全部事项(表格，UTF-8)", "csv", "text/csv", powers_csv(views)),
        ("powers.xlsx", "全部事项(Excel 表格)", "xlsx",
         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", powers_xlsx(views, stamp)),
    ]
    files = []
    for name, title, fmt, mediatype, data in made:
        (folder / name).write_bytes(data)
        files.append(DataFile(f"{DATA_DIR}/{name}", title, fmt, mediatype, len(data), hashlib.sha256(data).hexdigest()))
    package = _datapackage(files, meta)
    (folder / "datapackage.json").write_bytes(package)
    files.append(DataFile(f"{DATA_DIR}/datapackage.json", "数据包说明(Frictionless Data Package)", "json",
                          "application/json", len(package), hashlib.sha256(package).hexdigest()))
    return files


def _datapackage(files: list[DataFile], meta: dict[str, str]) -> bytes:
    resources = []
    for f in files:
        res: dict[str, Any] = {
            "name": f"powers-{f.format}", "path": f.path.removeprefix(f"{DATA_DIR}/"), "title": f.title,
            "format": f.format, "mediatype": f.mediatype, "bytes": f.bytes, "hash": f"sha256:{f.sha256}",
        }
        if f.format in ("csv", "xlsx"):
            res.update(profile="tabular-data-resource", schema=_schema())
        if f.format == "csv":
            res.update(encoding="utf-8", dialect={"delimiter": ",", "quoteChar": '"', "header": True,
                                                  "lineTerminator": "\r\n"})
        elif f.format == "json":
            res["encoding"] = "utf-8"
        resources.append(res)
    doc = {
        "profile": "tabular-data-package",
        "name": "powercat-powers",
        "title": meta.get("title", ""),
        "description": "行政权力事项目录(由 powercat 从目录仓库生成)",
        "resources": resources,
    }
    if meta.get("last_changed"):
        doc["created"] = f"{meta['last_changed']}T00:00:00Z"
    return _json(doc)


def _json(doc: Any) -> bytes:
    """Sorted, indented UTF-8 JSON (orjson: ten times faster than json on 10,000 powers)."""
    return orjson.dumps(doc, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n"
