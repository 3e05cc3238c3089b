"""Reading the lists departments already keep into rows: JSON, CSV (UTF-8 with or without BOM,
GB18030; comma or tab) and XLSX.

    rows = read_rows(Path("清单.xlsx"))   # [(row number, [(column, value)]), …]

The header is the first of the first 10 rows naming 事项名称 (`import_fields.FIELDS`); header
names lose spaces, asterisks and (必填); cell values become text (dates ISO, Excel's ="0101"
unwrapped). Unreadable input raises ``ImportError_`` with a Chinese message.

A list is input from elsewhere, so it is read within limits, each refusal located: the file's
size (and an XLSX's unpacked size), rows and columns of a sheet (what the sheet holds: its
``<dimension>`` is not trusted), characters in a cell (Excel's own limit) and JSON nesting.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path
from typing import Any

from powercat.adopt.fields import COLUMN_KEY, FIELDS
from powercat.i18n import Message
from powercat.safe import unspreadsheet


class ImportError_(Message):
    """Unreadable input or an unknown department: exit code 2."""


Rows = list[tuple[int, list[tuple[str, Any]]]]  # (row number, [(column, value)])
MAX_BYTES = 100 * 1024 * 1024  # a file (or an XLSX unpacked); a list of 10,000 powers is a few MB
MAX_ROWS = 100_000
MAX_COLUMNS = 1_000
MAX_CELL = 32_767  # characters in a cell: Excel's own limit


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
    return quoted.group(1) if quoted else unspreadsheet(text)  # '=… as `export` writes a formula-like text


def _grid_rows(grid: list[tuple[int, list[Any]]], source: Path) -> Rows:
    """The rows under the header: the first of the first 10 rows that names 事项名称."""
    for idx, (_, cells) in enumerate(grid[:10]):
        headers = [_header(c) for c in cells]
        if any(COLUMN_KEY.get(h) == "name" for h in headers):
            break
    else:
        raise ImportError_("import.no_header", source=source, names=FIELDS["name"])
    for n, name in enumerate(cells):
        _check_cell(str(name or ""), source, grid[idx][0], f"第{n + 1}列")
    body = [(number, [_cell(v) for v in cells]) for number, cells in grid[idx + 1:]]
    for number, cells in body:
        for n, value in enumerate(cells):
            _check_cell(value, source, number, headers[n] if n < len(headers) and headers[n] else f"第{n + 1}列")
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
    if not rows:  # say why nothing is imported
        raise ImportError_("import.no_rows", source=source, row=grid[idx][0])
    return rows


def _check_cell(value: Any, source: Path, row: int, column: str) -> None:
    texts = value if isinstance(value, list) else [value]
    if any(isinstance(v, str) and len(v) > MAX_CELL for v in texts):
        raise ImportError_("import.cell_too_long", source=source, row=row, column=column, limit=MAX_CELL)


def _decode(raw: bytes, source: Path) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportError_("import.encoding", source=source)


def _csv(raw: bytes, source: Path) -> Rows:
    text = _decode(raw, source)
    head = "\n".join(text.split("\n", 5)[:5])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=max(",\t", key=head.count))
    try:  # numbered like the spreadsheet's rows (a cell may span lines)
        grid = [(number, cells) for number, cells in enumerate(reader, 1)]
    except csv.Error as exc:
        raise ImportError_("import.bad_csv", source=source, line=reader.line_num, detail=exc) from None
    return _grid_rows(grid, source)


def _xlsx(source: Path) -> Rows:
    from openpyxl import load_workbook

    _check_unpacked(source)
    try:
        wb = load_workbook(source, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 — a damaged file raises many kinds
        raise ImportError_("import.bad_xlsx", source=source, detail=f"{type(exc).__name__}: {exc}") from None
    try:
        problem = ImportError_("import.no_sheet", source=source)
        for ws in wb.worksheets:  # the first sheet with a header row
            try:
                return _grid_rows(_sheet(ws, source), source)
            except ImportError_ as exc:
                if exc.key != "import.no_header":
                    raise
                problem = exc
        raise problem
    finally:
        wb.close()


def _sheet(ws: Any, source: Path) -> list[tuple[int, list[Any]]]:
    """The rows a sheet holds, whatever its ``<dimension>`` says (a stale one would hide rows,
    a forged one ask for a million rows of 16,384 columns), within MAX_ROWS and MAX_COLUMNS."""
    from openpyxl.utils import get_column_letter

    ws.reset_dimensions()
    grid = []
    for number, row in enumerate(ws.iter_rows(values_only=True), 1):
        if number > MAX_ROWS:
            raise ImportError_("import.too_many_rows", source=source, sheet=ws.title, limit=MAX_ROWS)
        if len(row) > MAX_COLUMNS:
            raise ImportError_("import.too_many_columns", source=source, sheet=ws.title, row=number,
                               column=get_column_letter(len(row)), limit=MAX_COLUMNS)
        grid.append((number, list(row)))
    return grid


def _check_unpacked(source: Path) -> None:
    """An XLSX is a zip: what it unpacks to (its shared strings are read whole) within MAX_BYTES."""
    import zipfile

    try:
        with zipfile.ZipFile(source) as z:
            unpacked = sum(i.file_size for i in z.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # openpyxl says what is wrong with it
    if unpacked > MAX_BYTES:
        raise ImportError_("import.too_large", source=source, limit=MAX_BYTES // (1024 * 1024))


def _json(raw: bytes, source: Path) -> Rows:
    try:
        data = json.loads(_decode(raw, source))
    except json.JSONDecodeError as exc:
        raise ImportError_("import.bad_json", source=source, line=exc.lineno, column=exc.colno, detail=exc.msg) from None
    except RecursionError:  # [[[[… nested beyond reason
        raise ImportError_("import.too_deep", source=source) from None
    if isinstance(data, dict):  # {"data": [...]} and the like: the first list of objects
        data = next((v for v in data.values() if isinstance(v, list) and v and isinstance(v[0], dict)), None)
    if not isinstance(data, list) or not all(isinstance(x, dict) for x in data):
        raise ImportError_("import.json_shape", source=source)
    rows = [(n, [(_header(k), _cell(v)) for k, v in item.items()]) for n, item in enumerate(data, 1)]
    for n, pairs in rows:
        for column, value in pairs:
            _check_cell(value, source, n, column)
    return rows


def read_rows(source: Path) -> Rows:
    """The rows of a JSON, CSV (UTF-8 with or without BOM, GB18030) or XLSX list."""
    suffix = source.suffix.lower()
    if suffix == ".xls":
        raise ImportError_("import.xls", source=source)
    if suffix not in (".json", ".csv", ".txt", ".tsv", ".xlsx", ".xlsm"):
        raise ImportError_("import.file_type", source=source)
    try:
        if source.stat().st_size > MAX_BYTES:
            raise ImportError_("import.too_large", source=source, limit=MAX_BYTES // (1024 * 1024))
        raw = b"" if suffix in (".xlsx", ".xlsm") else source.read_bytes()
    except OSError as exc:
        raise ImportError_(f"{source}: {exc.strerror}") from None
    if suffix == ".json":
        return _json(raw, source)
    return _xlsx(source) if suffix in (".xlsx", ".xlsm") else _csv(raw, source)
