"""`powercat import`: power files from the lists departments already keep (JSON, CSV, XLSX).

    result = import_file(root, Path("清单.xlsx"), "zjj")   # writes catalogs/zjj/powers/*.yaml
    result.written, result.unknown, result.rows

Columns are matched by their national names (``FIELDS``; docs/adoption.md has the table). Each
row becomes one power file written with ruamel.yaml: the source's values in FORMAT.md order,
``TODO`` markers where the schema needs text the source lacks (承办机构, 主管领导, step posts), a
minimal general procedure from the profile, and a head comment naming the source row, what is
still missing and every column that has no key (unknown columns too: never dropped). Fields a
rule checks (职责要求, 责任追究, 权利, 公开, 法定时限) are left out when the source lacks them, so
`validate` reports each with its own code. Existing files are never overwritten unless ``force``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from . import basis_text as bt
from .config import load_config
from .enums import Category
from .load import parse_yaml
from .profile import load_profile
from .scaffold import CODE_PREFIX
from .scaffold import _steps as template_steps  # the same steps `powercat new power` writes

# powercat key -> the national column names that mean it (the first is what `export` writes);
# keys starting with "_" are no power field: their values go into the file's head comment.
FIELDS: dict[str, tuple[str, ...]] = {
    "name": ("事项名称", "权力事项名称", "职权名称", "权力名称", "事项"),
    "code": ("职权编码", "事项编码", "权力编码"),
    "basic_code": ("基本编码",),
    "implementation_code": ("实施编码",),
    "category": ("事项类型", "权力类别", "职权类型", "权力类型", "职权类别", "事项类别"),
    "legal_basis": ("依据", "设定依据", "实施依据", "法律依据", "行使依据", "设定和实施依据", "法定依据"),
    "handling_unit": ("承办机构", "内设机构", "承办科室", "责任科室", "实施主体"),
    "leader": ("主管领导", "分管领导"),
    "duties": ("职责要求", "责任事项"),
    "accountability": ("责任追究", "追责情形"),
    "statutory": ("法定时限", "法定办结时限", "法定期限"),
    "promised": ("承诺时限", "承诺办结时限", "承诺期限"),
    "extension": ("延长时限",),
    "limit_basis": ("时限依据",),
    "charged": ("是否收费",),
    "fee_standard": ("收费标准",),
    "fee_basis": ("收费依据",),
    "fee": ("收费", "收费情况"),
    "conditions": ("申请条件", "受理条件", "办理条件"),
    "materials": ("申请材料",),
    "rights": ("相对人权利", "相对人的权利"),
    "hearing": ("是否听证", "是否适用听证"),
    "scope": ("公开范围",),
    "timing": ("公开时间",),
    "carriers": ("公开载体",),
    "status": ("状态", "事项状态"),
    "effective_from": ("生效日期",),
    "service_commitment": ("服务承诺",),
    "discipline": ("工作纪律",),
    "supervision_phone": ("监督电话", "监督举报电话"),
    "complaints_phone": ("投诉电话", "投诉举报电话"),
    "_department": ("部门", "实施部门", "部门名称"),
    "_kept": ("实施层级", "行使层级", "备注"),
    "_row": ("序号",),
}
COLUMN_KEY = {name: key for key, names in FIELDS.items() for name in names}
TEXT_KEYS = ("basic_code", "implementation_code", "handling_unit", "leader", "duties", "accountability",
             "service_commitment", "discipline")
CODE_RE = re.compile(r"[0-9A-Za-z][0-9A-Za-z-]*")


class ImportError_(Exception):
    """Unreadable input or an unknown department: exit code 2."""


@dataclass(slots=True)
class RowOutcome:
    row: int  # the row number in the source (spreadsheet row, or item number in JSON)
    status: str  # written | exists | error
    message: str = ""
    code: str | None = None
    path: Path | None = None
    todos: list[tuple[int, str]] = field(default_factory=list)  # (line, text) still to fill in


@dataclass(slots=True)
class ImportResult:
    source: Path
    columns: dict[str, str] = field(default_factory=dict)  # source column -> powercat key
    unknown: list[str] = field(default_factory=list)  # columns with no meaning to powercat
    kept: list[str] = field(default_factory=list)  # known columns with no key: kept in comments
    rows: list[RowOutcome] = field(default_factory=list)

    @property
    def written(self) -> list[Path]:
        return [r.path for r in self.rows if r.status == "written" and r.path is not None]


# --- reading the source ------------------------------------------------------------------

Rows = list[tuple[int, list[tuple[str, Any]]]]  # (row number, [(column, value)])


def _header(name: Any) -> str:
    text = re.sub(r"[\s*＊]|[（(](?:必填|选填|可选|必须)[)）]", "", str(name or ""))
    return text.translate(str.maketrans("（）", "()"))


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.date, dt.datetime)):
        return (value.date() if isinstance(value, dt.datetime) else value).isoformat()
    if isinstance(value, list):
        return [str(_cell(v)) for v in value if _cell(v) != ""]
    text = str(value).strip()
    quoted = re.fullmatch(r'="(.*)"', text, re.S)  # Excel's text-forcing form ="0101"
    return quoted.group(1) if quoted else text


def _grid_rows(grid: list[tuple[int, list[Any]]], source: Path) -> Rows:
    """The rows under the header: the first of the first 10 rows that names 事项名称."""
    for idx, (_, cells) in enumerate(grid[:10]):
        headers = [_header(c) for c in cells]
        if any(COLUMN_KEY.get(h) == "name" for h in headers):
            break
    else:
        raise ImportError_(f"{source}: 前 10 行中找不到表头(须有“{'”“'.join(FIELDS['name'])}”之一的列)"
                           f" (no header row)")
    body = [(number, [_cell(v) for v in cells]) for number, cells in grid[idx + 1:]]
    width = max([len(headers), *(len(cells) for _, cells in body)])
    headers += [""] * (width - len(headers))
    # a column without a header counts when it holds values: named 第N列, never dropped
    used = [n for n, h in enumerate(headers) if h or any(n < len(c) and c[n] != "" for _, c in body)]
    headers = [h or f"第{n + 1}列" for n, h in enumerate(headers)]
    rows = []
    for number, cells in body:
        pairs = [(headers[n], cells[n] if n < len(cells) else "") for n in used]
        if any(v not in ("", []) for _, v in pairs):
            rows.append((number, pairs))
    return rows


def _decode(raw: bytes, source: Path) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportError_(f"{source}: 不是 UTF-8 或 GB18030 编码的文本 (unknown encoding)")


def _csv(raw: bytes, source: Path) -> Rows:
    text = _decode(raw, source)
    head = "\n".join(text.split("\n", 5)[:5])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=max(",\t", key=head.count))
    try:  # numbered like the spreadsheet's rows (a cell may span lines)
        grid = [(number, cells) for number, cells in enumerate(reader, 1)]
    except csv.Error as exc:
        raise ImportError_(f"{source}: 第 {reader.line_num} 行不是有效的 CSV：{exc}") from None
    return _grid_rows(grid, source)


def _xlsx(source: Path) -> Rows:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(source, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 — a damaged file raises many kinds
        raise ImportError_(f"{source}: 不是可读的 XLSX 文件 ({type(exc).__name__}: {exc})") from None
    try:
        problem = ImportError_(f"{source}: 没有工作表 (no sheet)")
        for ws in wb.worksheets:  # the first sheet with a header row
            try:
                return _grid_rows([(n, list(r)) for n, r in enumerate(ws.iter_rows(values_only=True), 1)], source)
            except ImportError_ as exc:
                problem = exc
        raise problem
    finally:
        wb.close()


def _json(raw: bytes, source: Path) -> Rows:
    try:
        data = json.loads(_decode(raw, source))
    except json.JSONDecodeError as exc:
        raise ImportError_(f"{source}: 第 {exc.lineno} 行第 {exc.colno} 列不是有效的 JSON：{exc.msg}") from None
    if isinstance(data, dict):  # {"data": [...]} and the like: the first list of objects
        data = next((v for v in data.values() if isinstance(v, list) and v and isinstance(v[0], dict)), None)
    if not isinstance(data, list) or not all(isinstance(x, dict) for x in data):
        raise ImportError_(f"{source}: JSON 须为对象的列表，每个对象一个事项 (expected a list of objects)")
    return [(n, [(_header(k), _cell(v)) for k, v in item.items()]) for n, item in enumerate(data, 1)]


def read_rows(source: Path) -> Rows:
    """The rows of a JSON, CSV (UTF-8 with or without BOM, GB18030) or XLSX list."""
    suffix = source.suffix.lower()
    if suffix == ".xls":
        raise ImportError_(f"{source}: 不支持旧版 .xls，请在 Excel 或 WPS 中另存为 .xlsx 或 CSV")
    if suffix not in (".json", ".csv", ".txt", ".tsv", ".xlsx", ".xlsm"):
        raise ImportError_(f"{source}: 只能导入 .json、.csv 或 .xlsx 文件 (unsupported file type)")
    try:
        raw = source.read_bytes()
    except OSError as exc:
        raise ImportError_(f"{source}: {exc.strerror}") from None
    if suffix == ".json":
        return _json(raw, source)
    return _xlsx(source) if suffix in (".xlsx", ".xlsm") else _csv(raw, source)


# --- one row -> the values of a power ----------------------------------------------------

@dataclass(slots=True)
class Draft:
    values: dict[str, Any] = field(default_factory=dict)
    source_code: str | None = None
    extra: list[tuple[str, str]] = field(default_factory=list)  # (column, value) for the head comment
    error: str = ""


def _text(value: Any) -> str:
    return "\n".join(value) if isinstance(value, list) else str(value)


def _limits(got: dict[str, list], d: Draft) -> None:
    limit: dict[str, Any] = {}
    for key in ("statutory", "promised", "extension"):
        for column, value in got.get(key, [])[:1]:
            parsed, rest = bt.parse_time_limit(_text(value))
            if parsed is not None:
                limit[key] = parsed
            if parsed is None or rest:
                d.extra.append((column, _text(value)))
    if got.get("limit_basis"):
        limit["basis"] = _text(got["limit_basis"][0][1])
    if limit:
        d.values["time_limit"] = limit


def _fee(got: dict[str, list], d: Draft) -> None:
    fee: dict[str, Any] = {}
    for key, out in (("charged", ""), ("fee", "standard"), ("fee_standard", "standard"), ("fee_basis", "basis")):
        for _, value in got.get(key, [])[:1]:
            charged = bt.parse_bool(_text(value))  # 是/否, or 不收费 in a 收费 or 收费标准 column
            if charged is not None and key != "fee_basis":
                fee.setdefault("charged", charged)
            elif out:
                fee[out] = _text(value)
    level, fee["basis"] = bt.split_level(fee["basis"]) if "basis" in fee else (None, None)
    fee = {k: v for k, v in {**fee, "basis_level": level}.items() if v is not None}
    if fee:
        d.values["fee"] = {"charged": fee.pop("charged", True), **fee}


def _channel(got: dict[str, list], key: str, out: str, dept: dict[str, Any], d: Draft) -> None:
    phones = {str(c.get("phone")) for c in dept.get(out) or [] if isinstance(c, dict)}
    items = [{"name": column, "phone": _text(v)} for column, v in got.get(key, []) if _text(v) not in phones]
    if items:
        d.values[out] = items


def _enums(got: dict[str, list], d: Draft) -> None:
    for column, value in got.get("status", [])[:1]:
        status = bt.parse_status(_text(value))
        d.values.update(status=status) if status else d.extra.append((column, _text(value)))
    for column, value in got.get("effective_from", [])[:1]:
        date = bt.parse_date(_text(value))
        d.values.update(effective_from=dt.date.fromisoformat(date)) if date else d.extra.append((column, _text(value)))
    for column, value in got.get("hearing", [])[:1]:
        hearing = bt.parse_bool(_text(value))
        d.values.update(hearing=hearing) if hearing is not None else d.extra.append((column, _text(value)))
    if got.get("rights"):
        d.values["rights"] = bt.parse_rights("\n".join(_text(v) for _, v in got["rights"]))
    parts = {k: _text(got[k][0][1]) if got.get(k) else "" for k in ("scope", "timing", "carriers")}
    if any(parts.values()):
        disclosure, note = bt.parse_disclosure(parts["scope"], parts["timing"], parts["carriers"])
        if disclosure:
            d.values["disclosure"] = disclosure
        if note or not disclosure:
            d.extra += [(FIELDS[k][0], v) for k, v in parts.items() if v] + ([("说明", note)] if note else [])


def convert_row(pairs: list[tuple[str, Any]], dept: dict[str, Any]) -> Draft:
    """The power values of one source row (and what has no key, for the head comment)."""
    d = Draft()
    got: dict[str, list[tuple[str, Any]]] = {}
    for column, value in pairs:
        key = COLUMN_KEY.get(column)
        if value in ("", []) or key == "_row":
            continue
        if key is None or key == "_kept" or (key == "_department" and _text(value) != dept.get("name")):
            d.extra.append((column, _text(value)))
        elif key != "_department":
            got.setdefault(key, []).append((column, value))
    for key, values in got.items():  # the preferred column first (FIELDS order): 承办机构 before 实施主体
        values.sort(key=lambda cv: FIELDS[key].index(cv[0]))
    names = got.get("name") or [("", "")]
    category = bt.parse_category(_text(got["category"][0][1])) if got.get("category") else None
    if not names[0][1]:
        d.error = "缺少事项名称，未导入"
    elif category is None:
        given = _text(got["category"][0][1]) if got.get("category") else "(空)"
        d.error = f"事项类型“{given}”无法识别(可填 01-10、20 或 行政许可 等名称)，未导入"
    if d.error:
        return d
    d.values.update(name=_text(names[0][1]), category=category)
    d.source_code = _text(got["code"][0][1]).replace(" ", "") if got.get("code") else None
    for key in TEXT_KEYS:
        for n, (column, value) in enumerate(got.get(key, [])):
            if n == 0:
                d.values[key] = _text(value)
            elif _text(value) != d.values[key]:
                d.extra.append((column, _text(value)))
    bases = [b for _, v in got.get("legal_basis", []) for b in bt.split_basis(_text(v))]
    if bases:
        d.values["legal_basis"] = list({(b.law, b.article, b.text): b for b in bases}.values())
    for key in ("conditions", "materials"):
        items = [i for _, v in got.get(key, []) for i in (v if isinstance(v, list) else bt.split_items(v))]
        if items:
            d.values[key] = items
    _limits(got, d)
    _fee(got, d)
    _enums(got, d)
    _channel(got, "supervision_phone", "supervision", dept, d)
    _channel(got, "complaints_phone", "complaints", dept, d)
    return d


# --- writing a power file ----------------------------------------------------------------

ORDER = ["code", "basic_code", "implementation_code", "name", "category", "status", "effective_from",
         "handling_unit", "leader", "legal_basis", "duties", "conditions", "materials", "time_limit", "fee",
         "service_commitment", "discipline", "accountability", "rights", "hearing", "supervision",
         "complaints", "disclosure"]
TODO_TEXT = {"handling_unit": "TODO 承办机构", "leader": "TODO 主管领导"}
# what a power still needs when the source lacks it (Chinese, for the head comment)
NEED = {"handling_unit": "承办机构", "leader": "主管领导", "legal_basis": "行使依据", "duties": "职责要求",
        "accountability": "责任追究", "statutory": "法定时限", "rights": "相对人的权利", "disclosure": "公开范围和公开时间"}
INTERNAL_OPTIONAL = {"statutory", "rights"}  # internal categories need no time limit or rights


def _flow(value: Any) -> Any:
    if isinstance(value, dict):
        m = CommentedMap((k, _flow(v)) for k, v in value.items())
        m.fa.set_flow_style()
        return m
    if isinstance(value, list):
        s = CommentedSeq(_flow(v) for v in value)
        s.fa.set_flow_style()
        return s
    return LiteralScalarString(value) if isinstance(value, str) and "\n" in value else value


def _bases(bases: list[bt.ParsedBasis]) -> CommentedSeq:
    seq = CommentedSeq()
    for b in bases:
        m = CommentedMap(law=b.law)
        m.update({k: _flow(getattr(b, k)) for k in ("level", "article", "text") if getattr(b, k)})
        notes = [f"版本：{b.edition}"] * bool(b.edition) + b.notes + ["效力层级由名称推断，请核对"] * b.level_inferred
        if notes:
            m.yaml_add_eol_comment("；".join(notes), "law")
        seq.append(m)
    return seq


def _procedures(root: Path, category: str, dept: dict[str, Any]) -> CommentedSeq | None:
    """The profile's general procedure of the category (as `powercat new power` writes it: the
    profile-only ``required`` dropped, step posts TODO with the department's post ids)."""
    template = load_profile(load_config(root).profile, str(root)).category(Category(category)).procedures.get("general")
    if template is None:
        return None
    posts = [str(p["id"]) for p in dept.get("posts") or [] if isinstance(p, dict) and "id" in p]
    return CommentedSeq([CommentedMap(kind="general", steps=template_steps(template.steps, posts))])


def document(values: dict[str, Any], root: Path, dept: dict[str, Any], source: str, row: int,
             extra: list[tuple[str, str]]) -> CommentedMap:
    """The power file of one row, with its head comment."""
    values = {**TODO_TEXT, **values}
    doc = CommentedMap()
    for key in ORDER:
        if key == "legal_basis" and key in values:
            doc[key] = _bases(values[key])
        elif isinstance(values.get(key), list):
            doc[key] = CommentedSeq(_flow(v) for v in values[key])
        elif key in values:
            doc[key] = _flow(values[key])
    procedures = _procedures(root, values["category"], dept)
    if procedures is not None:
        doc["procedures"] = procedures
        doc.yaml_set_comment_before_after_key(
            "procedures", before="外部流程：按法律配置的标准程序预填，请按本事项实际办理流程修改步骤和时限，填写岗位")
    external = Category(values["category"]).external
    given = {k for k, v in values.items() if v != TODO_TEXT.get(k)} | set(values.get("time_limit", {}))
    missing = [name for key, name in NEED.items() if key not in given and (external or key not in INTERNAL_OPTIONAL)]
    head = ["yaml-language-server: $schema=../../../schemas/power.schema.json",
            f"由 powercat import 从 {source} 第 {row} 行导入。把 TODO 换成实际内容，然后运行 powercat validate 检查。"]
    if missing:
        head.append("源表未提供、需补充：" + "、".join(missing) + "、办理流程的岗位")
    if extra:
        head.append("源表中本格式没有对应键的内容(原样保留)：")
        for name, value in extra:
            first, *rest = value.split("\n")
            head += [f"  {name}：{first}", *(f"    {line}" for line in rest)]
    doc.yaml_set_start_comment("\n".join(head))
    return doc


def dump(doc: CommentedMap) -> str:
    y = YAML()
    y.indent(mapping=2, sequence=4, offset=2)
    y.width = 4096
    buf = io.StringIO()
    y.dump(doc, buf)
    return buf.getvalue()


def todos(text: str) -> list[tuple[int, str]]:
    """(line, text) of every TODO outside comments."""
    return [(n, line.strip()) for n, line in enumerate(text.splitlines(), 1)
            if "TODO" in line.split("#", 1)[0]]


# --- import ------------------------------------------------------------------------------

@dataclass(slots=True)
class Target:
    root: Path
    department: str
    folder: Path  # catalogs/<department>
    dept: dict[str, Any]
    taken: dict[str, Path]  # every power code in the catalogs -> its file
    named: dict[tuple[str, str], str]  # (name, category) -> code of this department's powers


def _target(root: Path, department: str) -> Target:
    catalogs = root / load_config(root).catalogs_dir
    dept_file = catalogs / department / "department.yaml"
    if not re.fullmatch(r"[a-z0-9-]+", department) or not dept_file.is_file():
        raise ImportError_(f"没有部门 {department}：找不到 {dept_file}。请先建立部门文件 (unknown department)")
    data = parse_yaml(dept_file.read_text(encoding="utf-8-sig")).data
    taken = {p.stem: p for p in catalogs.glob("*/powers/*.y*ml")}
    named = {}
    for path in sorted((catalogs / department / "powers").glob("*.y*ml")):
        try:
            power = parse_yaml(path.read_text(encoding="utf-8-sig")).data
        except (OSError, UnicodeDecodeError):  # validate reports such a file; here it only has no name
            continue
        if isinstance(power, dict) and isinstance(power.get("name"), str):
            named[(power["name"], str(power.get("category")))] = path.stem
    return Target(root, department, catalogs / department, data if isinstance(data, dict) else {}, taken, named)


def _code(d: Draft, target: Target, used: set[str]) -> str:
    """The source's 职权编码 when it can be a file name; else the code of this department's power
    of the same name and category (imported before); else ``XK-ZJJ-001`` (next free number)."""
    if d.source_code and CODE_RE.fullmatch(d.source_code):
        return d.source_code
    if d.source_code:
        d.extra.append(("职权编码(含文件名不能用的字符，已另行编号)", d.source_code))
    known = target.named.get((d.values["name"], d.values["category"]))
    if known:  # imported before without a code: the same file again
        return known
    head = f"{CODE_PREFIX[d.values['category']]}-{target.department.upper()}-"
    numbers = {int(c[len(head):]) for c in used if c.startswith(head) and c[len(head):].isdigit()}
    return f"{head}{max(numbers, default=0) + 1:03d}"


def _refusal(code: str, path: Path, target: Target, force: bool) -> str | None:
    other = target.taken.get(code)
    if other is None or (force and other.resolve() == path.resolve()):
        return None
    where = other.relative_to(target.root).as_posix() if other.is_relative_to(target.root) else str(other)
    if other.resolve() == path.resolve():
        return f"{where} 已存在，未覆盖(加 --force 覆盖)"
    return f"编码 {code} 已在 {where} 使用，未导入"


def import_file(root: Path, source: Path, department: str, force: bool = False) -> ImportResult:
    """Read ``source``; write one power file per row into ``catalogs/<department>/powers``."""
    target = _target(root, department)
    rows = read_rows(source)
    names = list(dict.fromkeys(h for _, pairs in rows for h, _ in pairs))
    result = ImportResult(source, {h: COLUMN_KEY[h] for h in names if h in COLUMN_KEY},
                          [h for h in names if h not in COLUMN_KEY],
                          [h for h in names if COLUMN_KEY.get(h) == "_kept"])
    used, seen = set(target.taken), {}
    for number, pairs in rows:
        d = convert_row(pairs, target.dept)
        if d.error:
            result.rows.append(RowOutcome(number, "error", d.error))
            continue
        code = d.values["code"] = _code(d, target, used)
        path = target.folder / "powers" / f"{code}.yaml"
        refusal = _refusal(code, path, target, force) or (
            f"编码 {code} 与第 {seen[code]} 行重复，未导入" if code in seen else None)
        if refusal:
            result.rows.append(RowOutcome(number, "exists" if code in target.taken else "error", refusal, code))
            continue
        seen[code] = number
        used.add(code)
        text = dump(document(d.values, target.root, target.dept, source.name, number, d.extra))
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w" if force else "x", encoding="utf-8") as fh:  # "x": never overwrite
            fh.write(text)
        result.rows.append(RowOutcome(number, "written", "", code, path, todos(text)))
    return result
