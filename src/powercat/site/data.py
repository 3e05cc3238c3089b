"""The site's open data: every shown power as JSON, CSV and XLSX, described by datapackage.json.

* ``powers.json``: the full records (as in the YAML, with the 办事指南), plus department, the
  supervision, complaint and consultation channels that apply (the power's own and its
  department's), the page URL (absolute when the site has a base URL) and the last change.
* ``powers.csv``: one row per power, the statutory and 办事指南 fields as text columns; UTF-8 with
  BOM so Excel and WPS open it in Chinese, a header row of Chinese titles (``[site] data_columns
  = "en"``: the English keys), every value quoted and every column typed ``string`` in the
  schema (codes stay text: 0-led and 12-digit codes are never numbers).
* ``records.csv``/``.json`` and ``complaints.csv``/``.json``: the records and complaints the
  month pages show, one row each with its month (site.records decides what a build shows).
* ``powers.xlsx``: the same table, code cells formatted as text (``@``).

A value is data, never a formula: a CSV cell starting ``= + - @`` gets a leading ``'``, an XLSX
cell is always a text cell (``powercat.safe``).
* ``datapackage.json``: a Frictionless tabular data package naming each file with its size and
  sha256, and the data's licence (``[site] data_license``, default CC-BY-4.0).

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
from powercat.catalog.model import Channel, Power, material_name
from powercat.i18n import t
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


def _material(m: Any) -> str:
    if isinstance(m, str):
        return m
    bits = [f"{m.copies}份" if m.copies else "", m.form.label if m.form else "", m.source and f"来源：{m.source}"]
    bits += ["" if m.required else "视情况提交", m.sample and f"样表：{m.sample}"]
    details = "，".join(b for b in bits if b)
    return f"{material_name(m)}（{details}）" if details else material_name(m)


def _visits(p: Power) -> str:
    return str(p.guide.visits) if p.guide and p.guide.visits is not None else ""


def _result(p: Power) -> str:
    r = p.guide.result if p.guide else None
    return "；".join(x for x in (r.name, r.validity and f"有效期：{r.validity}", r.delivery and f"送达：{r.delivery}") if x) if r else ""


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
    ("materials", "申请材料", lambda v: "\n".join(_material(m) for m in v.power.materials)),
    ("statutory_limit", "法定时限", lambda v: limit_of(v.power, "statutory")),
    ("promised_limit", "承诺时限", lambda v: limit_of(v.power, "promised")),
    ("extension_limit", "延长时限", lambda v: limit_of(v.power, "extension")),
    ("fee", "收费", lambda v: _fee(v.power)),
    ("rights", "相对人的权利", lambda v: "、".join(r.type.label for r in v.power.rights)),
    ("hearing", "是否适用听证", lambda v: yes_no(v.power.hearing)),
    ("accountability", "责任追究", lambda v: v.power.accountability or ""),
    ("audience", "服务对象", lambda v: "、".join(v.power.guide.audience) if v.power.guide else ""),
    ("ways", "办理方式", lambda v: "、".join(w.label for w in v.power.guide.ways) if v.power.guide else ""),
    ("online_url", "网上办理入口", lambda v: v.power.guide.online_url or "" if v.power.guide else ""),
    ("places", "办理地点和时间", lambda v: _channels(v.power.guide.places) if v.power.guide else ""),
    ("visits", "到现场次数", lambda v: _visits(v.power)),
    ("result", "办理结果", lambda v: _result(v.power)),
    ("consultation", "咨询方式", lambda v: _channels(v.channels("consultation"))),
    ("keywords", "检索词", lambda v: "、".join(v.power.keywords)),
    ("topics", "主题", lambda v: "、".join(v.power.topics)),
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


def powers_json(views: list[Any], internal: bool, meta: dict[str, str], base_url: str = "") -> bytes:
    """The full records; a public file leaves out the internal flow and the risk register."""
    hidden = {"lint"} | (set() if internal else {"internal", "risks"})
    parts = []
    for v in views:  # each power serialised at once: 10,000 records never held as objects together
        item = v.power.model_dump(mode="json", exclude_none=True, exclude=hidden)
        item.update(department=v.dept_id, department_name=v.dept_name, url=base_url + v.url)
        for key in ("supervision", "complaints", "consultation"):  # the power's own and its department's
            item[key] = [c.model_dump(mode="json", exclude_none=True) for c in v.channels(key)]
        if v.changed:
            item["last_changed"] = v.changed
        parts.append(b"\n".join(b"    " + line for line in _json(item).rstrip(b"\n").split(b"\n")))
    listed = b"[\n" + b",\n".join(parts) + b"\n  ]" if parts else b"[]"
    return _json({**meta, "powers": []}).replace(b'"powers": []', b'"powers": ' + listed, 1)


def powers_csv(views: list[Any], columns: str = "zh") -> bytes:
    return _csv([title if columns == "zh" else name for name, title, _ in COLUMNS], _table(views))


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow([csv_cell(v) for v in header])
    writer.writerows([csv_cell(v) for v in row] for row in rows)
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


def _schema(columns: list[tuple[str, str, Any]], header: str, key: str | None) -> dict[str, Any]:
    """The table's fields as the file names them (its header row), every one a string."""
    fields = [{"name": title if header == "zh" else name, "title": title if header == "en" else name, "type": "string"}
              for name, title, _ in columns]
    keys = [title if header == "zh" else name for name, title, _ in columns if name == key]
    return {"fields": fields, "missingValues": [], **({"primaryKey": keys} if keys else {})}


# the records and complaints the month pages show: (key, Chinese title, value of (entry, power names, lang))
def _day(d: Any) -> str:
    return d.isoformat() if d else ""


RECORD_COLUMNS: list[tuple[str, str, Callable[..., str]]] = [
    ("department", "部门", lambda e, n, lang: e.department),
    ("month", "月份", lambda e, n, lang: e.date.strftime("%Y-%m")),
    ("power", "事项编码", lambda e, n, lang: e.power or ""),
    ("power_name", "事项名称", lambda e, n, lang: n.get(e.power or "", "")),
    ("case", "办件", lambda e, n, lang: e.text),
    ("exercised_on", "行使日期", lambda e, n, lang: _day(e.date)),
    ("recorded_on", "登记日期", lambda e, n, lang: _day(e.recorded_on)),
    ("result", "办理结果", lambda e, n, lang: getattr(e.model, "result", "") or ""),
    ("disclose_by", "公开期限", lambda e, n, lang: _day(e.deadline)),
    ("disclosed_on", "公开日期", lambda e, n, lang: _day(e.done_on)),
    ("status", "公开情况", lambda e, n, lang: t(f"site.record_status.{e.status}", lang)),
]
COMPLAINT_COLUMNS: list[tuple[str, str, Callable[..., str]]] = [
    ("department", "部门", lambda e, n, lang: e.department),
    ("month", "月份", lambda e, n, lang: e.date.strftime("%Y-%m")),
    ("power", "涉及事项编码", lambda e, n, lang: e.power or ""),
    ("power_name", "涉及事项", lambda e, n, lang: n.get(e.power or "", "")),
    ("summary", "摘要", lambda e, n, lang: e.text),
    ("received_on", "收到日期", lambda e, n, lang: _day(e.date)),
    ("reply_by", "答复期限", lambda e, n, lang: _day(e.deadline)),
    ("replied_on", "答复日期", lambda e, n, lang: _day(e.done_on)),
    ("status", "办理状态", lambda e, n, lang: t(f"site.complaint_status.{e.status}", lang)),
]


def entry_tables(runs: dict[str, Any], views: list[Any], internal: bool,
                 lang: str | None) -> dict[str, tuple[list[tuple[str, str, Any]], list[list[str]]]]:
    """{records, complaints: (columns, rows)} of what the month pages show, oldest month first;
    a complaint's number only in an internal build (as on its month page)."""
    names = {v.power.code: v.power.name for v in views}
    complaint_cols = ([("complaint", "投诉编号", lambda e, n, lang: e.id)] if internal else []) + COMPLAINT_COLUMNS
    out: dict[str, tuple[list[tuple[str, str, Any]], list[list[str]]]] = {
        "records": (RECORD_COLUMNS, []), "complaints": (complaint_cols, [])}
    for dept_id in sorted(runs):
        for m in sorted(runs[dept_id].months, key=lambda m: m.key):
            for kind, entries in (("records", m.records), ("complaints", m.complaints)):
                cols, rows = out[kind]
                rows += [[get(e, names, lang) for _, _, get in cols] for e in sorted(entries, key=lambda e: (e.date, e.id))]
    return out


LICENSES = {  # SPDX id -> (title, where its text is)
    "CC-BY-4.0": ("Creative Commons Attribution 4.0", "https://creativecommons.org/licenses/by/4.0/"),
    "CC0-1.0": ("CC0 1.0 Universal", "https://creativecommons.org/publicdomain/zero/1.0/"),
    "ODC-BY-1.0": ("Open Data Commons Attribution License 1.0", "https://opendatacommons.org/licenses/by/1-0/"),
    "PDDL-1.0": ("Open Data Commons Public Domain Dedication and License 1.0", "https://opendatacommons.org/licenses/pddl/1-0/"),
}


def write_data(out: Path, views: list[Any], *, internal: bool, meta: dict[str, str], stamp: dt.datetime,
               runs: dict[str, Any] | None = None, base_url: str = "", license: str = "CC-BY-4.0",
               columns: str = "zh", lang: str | None = None) -> list[DataFile]:
    """Write data/powers.{json,csv,xlsx}, the records and complaints as CSV and JSON, and
    data/datapackage.json; return them for the page."""
    folder = out / DATA_DIR
    folder.mkdir(parents=True, exist_ok=True)
    made: list[tuple[str, str, str, str, bytes, Any]] = [
        ("powers.json", "全部事项(完整记录)", "json", "application/json", powers_json(views, internal, meta, base_url), None),
        ("powers.csv", "全部事项(表格，UTF-8)", "csv", "text/csv", powers_csv(views, columns),
         _schema(COLUMNS, columns, "code")),
        ("powers.xlsx", "全部事项(Excel 表格)", "xlsx",
         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", powers_xlsx(views, stamp),
         _schema(COLUMNS, "zh", "code")),
    ]
    for kind, (cols, rows) in entry_tables(runs or {}, views, internal, lang).items():
        title = "办理登记" if kind == "records" else "投诉举报"
        keys = [name for name, _, _ in cols]
        made += [(f"{kind}.csv", f"{title}(按月，表格)", "csv", "text/csv",
                  _csv([ti if columns == "zh" else name for name, ti, _ in cols], rows), _schema(cols, columns, None)),
                 (f"{kind}.json", f"{title}(按月，JSON)", "json", "application/json",
                  _json({**meta, kind: [dict(zip(keys, r)) for r in rows]}), None)]
    files = []
    schemas = {}
    for name, title, fmt, mediatype, data, schema in made:
        (folder / name).write_bytes(data)
        files.append(DataFile(f"{DATA_DIR}/{name}", title, fmt, mediatype, len(data), hashlib.sha256(data).hexdigest()))
        schemas[name] = schema
    package = _datapackage(files, meta, schemas, license)
    (folder / "datapackage.json").write_bytes(package)
    files.append(DataFile(f"{DATA_DIR}/datapackage.json", "数据包说明(Frictionless Data Package)", "json",
                          "application/json", len(package), hashlib.sha256(package).hexdigest()))
    return files


def _datapackage(files: list[DataFile], meta: dict[str, str], schemas: dict[str, Any], license: str) -> bytes:
    resources = []
    for f in files:
        file = f.path.removeprefix(f"{DATA_DIR}/")
        res: dict[str, Any] = {
            "name": file.replace(".", "-"), "path": file, "title": f.title,
            "format": f.format, "mediatype": f.mediatype, "bytes": f.bytes, "hash": f"sha256:{f.sha256}",
        }
        if schemas.get(file):
            res.update(profile="tabular-data-resource", schema=schemas[file])
        if f.format == "csv":
            res.update(encoding="utf-8", dialect={"delimiter": ",", "quoteChar": '"', "header": True,
                                                  "lineTerminator": "\r\n"})
        elif f.format == "json":
            res["encoding"] = "utf-8"
        resources.append(res)
    title, path = LICENSES.get(license, (license, None))
    doc = {
        "profile": "tabular-data-package",
        "name": "powercat-powers",
        "title": meta.get("title", ""),
        "description": "行政权力事项目录(由 powercat 从目录仓库生成)",
        "licenses": [{"name": license, "title": title, **({"path": path} if path else {})}],
        "resources": resources,
    }
    if meta.get("last_changed"):
        doc["created"] = f"{meta['last_changed']}T00:00:00Z"
    return _json(doc)


def _json(doc: Any) -> bytes:
    """Sorted, indented UTF-8 JSON (orjson: ten times faster than json on 10,000 powers)."""
    return orjson.dumps(doc, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n"
