"""Reading the lists departments already keep: JSON, CSV (UTF-8 with or without BOM, GB18030;
comma or tab) and XLSX, into items (`shapes.Row`).

    rows = read_items(Path("清单.xlsx"), columns)

Cell values become text (dates ISO, Excel's ="0101" unwrapped, 330217001000.0 → 330217001000);
every cell a merged cell covers gets its value. The header, 子项 and JSON nesting are
`shapes`' work. Unreadable input raises ``ImportError_`` (a locale key and its arguments).

A list comes from elsewhere, so it is read within limits, each refusal saying where: the file's
size (and an XLSX's unpacked size), the rows and columns a sheet's cells span, the characters
of a cell (Excel's own limit) and the nesting of JSON.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path
from typing import Any

from powercat.adopt.fields import Columns
from powercat.adopt.shapes import Grid, Row, ShapeError, find_header, grid_items, json_items
from powercat.safe import unspreadsheet

MAX_BYTES = 100 * 1024 * 1024  # a file, or an XLSX unpacked; a list of 10,000 powers is a few MB
MAX_ROWS = 100_000
MAX_COLUMNS = 1_000
MAX_CELL = 32_767  # characters in a cell: Excel's own limit


class ImportError_(Exception):
    """Unreadable input or an unknown department: exit code 2. ``key`` and ``args`` name the
    message in locales/<lang>/adopt.yaml (``adopt.errors.<key>``); str() is the Chinese one."""

    def __init__(self, key: str, **args: Any) -> None:
        from powercat.i18n import t

        super().__init__(t(f"adopt.errors.{key}", "zh-CN", **args))
        self.key, self.args_ = key, args

    def message(self, lang: str | None = None) -> str:
        from powercat.i18n import t

        return t(f"adopt.errors.{self.key}", lang, **self.args_)


def cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.date, dt.datetime)):
        return (value.date() if isinstance(value, dt.datetime) else value).isoformat()
    if isinstance(value, list):
        return [str(cell(v)) for v in value if cell(v) != ""]
    text = str(value).strip()
    quoted = re.fullmatch(r'="(.*)"', text, re.S)  # Excel's text-forcing form ="0101"
    return quoted.group(1) if quoted else unspreadsheet(text)  # '=… as `export` writes a formula-like text


def _checked(grid: Grid, source: Path) -> Grid:
    """``grid`` when no cell holds more than MAX_CELL characters (else where the first one is)."""
    from openpyxl.utils import get_column_letter

    for number, cells, _ in grid:
        for n, value in enumerate(cells):
            if isinstance(value, str) and len(value) > MAX_CELL:
                raise ImportError_("cell_too_long", source=str(source), row=number, column=get_column_letter(n + 1),
                                   limit=MAX_CELL)
    return grid


def _checked_items(rows: list[Row], source: Path) -> list[Row]:
    for row in rows:
        for column, value in row.pairs:
            if any(isinstance(v, str) and len(v) > MAX_CELL for v in (value if isinstance(value, list) else [value])):
                raise ImportError_("cell_too_long_json", source=str(source), where=row.where or row.number,
                                   column=column, limit=MAX_CELL)
    return rows


def _grid_items(grid: Grid, columns: Columns, source: Path) -> list[Row]:
    """The items of a sheet; a header with no row below it says so (not "0 items", no reason)."""
    items = grid_items(grid, columns)
    if not items:
        first, _, _ = find_header(grid, columns)
        raise ImportError_("no_rows", source=str(source), row=grid[first][0])
    return items


def _decode(raw: bytes, source: Path) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportError_("encoding", source=str(source))


def _csv(raw: bytes, source: Path) -> Grid:
    text = _decode(raw, source)
    head = "\n".join(text.split("\n", 5)[:5])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=max(",\t", key=head.count))
    try:  # numbered like the spreadsheet's rows (a cell may span lines)
        return _checked([(number, [cell(c) for c in cells], [False] * len(cells))
                         for number, cells in enumerate(reader, 1)], source)
    except csv.Error as exc:
        raise ImportError_("bad_csv", source=str(source), line=reader.line_num, detail=str(exc)) from None


def _sheet(ws: Any, source: Path) -> Grid:
    """The sheet's rows, each cell a merged range covers holding the range's value. The rows and
    columns its cells span (the cells themselves, never its ``<dimension>``) are within MAX_ROWS and
    MAX_COLUMNS first: one cell at XFD1048576 in a file of 5 KB would ask for 17 billion cells."""
    for count, limit, key in ((ws.max_row, MAX_ROWS, "too_many_rows"), (ws.max_column, MAX_COLUMNS, "too_many_columns")):
        if count > limit:
            raise ImportError_(key, source=str(source), sheet=ws.title, range=ws.calculate_dimension(), limit=limit)
    rows = [[cell(c) for c in r] for r in ws.iter_rows(values_only=True)]
    flags = [[False] * len(r) for r in rows]
    for rng in ws.merged_cells.ranges:
        top = rows[rng.min_row - 1][rng.min_col - 1] if rng.min_row <= len(rows) else ""
        for r in range(rng.min_row - 1, min(rng.max_row, len(rows))):
            for c in range(rng.min_col - 1, min(rng.max_col, len(rows[r]))):  # a range never beyond the cells
                if (r, c) != (rng.min_row - 1, rng.min_col - 1):
                    rows[r][c], flags[r][c] = top, True
    return _checked([(n, cells, f) for n, (cells, f) in enumerate(zip(rows, flags), 1)], source)


def _xlsx(source: Path, columns: Columns) -> list[Row]:
    from openpyxl import load_workbook

    _check_unpacked(source)
    try:  # not read_only: merged cells are only known to a full workbook
        wb = load_workbook(source, data_only=True)
    except Exception as exc:  # noqa: BLE001 — a damaged file raises many kinds
        raise ImportError_("bad_xlsx", source=str(source), detail=f"{type(exc).__name__}: {exc}") from None
    problem: Exception = ImportError_("no_sheet", source=str(source))
    try:
        for ws in wb.worksheets:  # the first sheet with a header row
            try:
                return _grid_items(_sheet(ws, source), columns, source)
            except ShapeError as exc:
                problem = ImportError_(exc.key, source=str(source), **exc.args_)
        raise problem
    finally:
        wb.close()


def _check_unpacked(source: Path) -> None:
    """An XLSX is a zip: what it unpacks to (read whole by openpyxl) within MAX_BYTES."""
    import zipfile

    try:
        with zipfile.ZipFile(source) as z:
            unpacked = sum(i.file_size for i in z.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # openpyxl says what is wrong with it
    if unpacked > MAX_BYTES:
        raise ImportError_("too_large", source=str(source), limit=MAX_BYTES // (1024 * 1024))


def _json(raw: bytes, source: Path, columns: Columns) -> list[Row]:
    try:
        data = json.loads(_decode(raw, source))
        return _checked_items(json_items(data, columns), source)
    except json.JSONDecodeError as exc:
        raise ImportError_("bad_json", source=str(source), line=exc.lineno, column=exc.colno, detail=exc.msg) from None
    except ShapeError as exc:
        raise ImportError_(exc.key, source=str(source), **exc.args_) from None
    except RecursionError:  # [[[[… nested beyond reason
        raise ImportError_("too_deep", source=str(source)) from None


def read_items(source: Path, columns: Columns | None = None) -> list[Row]:
    """The items of a JSON, CSV (UTF-8 with or without BOM, GB18030) or XLSX list."""
    columns = columns or Columns()
    suffix = source.suffix.lower()
    if suffix == ".xls":
        raise ImportError_("xls", source=str(source))
    if suffix not in (".json", ".csv", ".txt", ".tsv", ".xlsx", ".xlsm"):
        raise ImportError_("file_type", source=str(source))
    try:
        if source.stat().st_size > MAX_BYTES:
            raise ImportError_("too_large", source=str(source), limit=MAX_BYTES // (1024 * 1024))
        raw = source.read_bytes()
    except OSError as exc:
        raise ImportError_("os_error", source=str(source), detail=exc.strerror or str(exc)) from None
    if suffix == ".json":
        return _json(raw, source, columns)
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx(source, columns)
    try:
        return _grid_items(_csv(raw, source), columns, source)
    except ShapeError as exc:
        raise ImportError_(exc.key, source=str(source), **exc.args_) from None
