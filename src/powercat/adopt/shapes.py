"""The shapes lists come in, made into one item per power (pure functions over cells and JSON).

    rows = grid_items(grid, columns, source)   # spreadsheet rows -> items
    rows = json_items(data, columns, source)   # JSON at any depth -> items

Spreadsheets: the header is the row among the first 30 with the most known column names (one
naming the item is required); a row above or below it that adds known names is merged into it
(两行表头: 办理时限 over 法定时限 | 承诺时限). Cells a merged cell covers hold its value (`read`
fills them); a row whose name cell is empty takes the cells it leaves empty from the row above
(the CSV form of merged cells) and says which. A row naming a 子项 is an item of its own, its
主项 the parent; a row that names neither (the name came from above) continues the item above.

JSON: any object with a name key is an item; objects inside it (lists of 子项) are items whose
parent it is; the known fields of every object above an item (a department's 部门名称, a 主项's
事项类型) are carried down to it when it lacks them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from powercat.adopt.cells import parse_category
from powercat.adopt.fields import INHERITED, NAME_KEYS, Columns, header

HEADER_ROWS = 30
Grid = list[tuple[int, list[Any], list[bool]]]  # (row number, cells, whether each was filled from a merged cell)


class ShapeError(ValueError):
    """No header, or no item: (locale key, args)."""

    def __init__(self, key: str, **args: Any) -> None:
        super().__init__(key)
        self.key, self.args_ = key, args


@dataclass(slots=True)
class Row:
    number: int  # the spreadsheet's row, or the item's place among the JSON's items (1, 2, …)
    pairs: list[tuple[str, Any]]
    where: str = ""  # a JSON item's path (data[2].子项[0]); "" for a spreadsheet row
    filled: list[str] = field(default_factory=list)  # columns taken from a merged cell or the row above
    parent: str | None = None  # the enclosing item's name (JSON)
    parent_code: str | None = None  # … and its code
    rows: list[int] = field(default_factory=list)  # further spreadsheet rows merged into this item
    category: str | None = None  # the category of the heading row above it (一、行政许可)


def _cell(value: Any) -> str:
    return str(value).strip() if value is not None else ""


def _known(names: list[str], columns: Columns) -> int:
    """How many different fields the names name (抽查事项 twice over 主项 | 子项 names one)."""
    return len({columns.key(n) for n in names if n} - {None})


def _names_item(names: list[str], columns: Columns) -> bool:
    return any(columns.key(n) in NAME_KEYS for n in names if n)


def _combine(upper: list[str], lower: list[str], columns: Columns) -> list[str]:
    """Two header rows as one: the lower name where it is known, upper+lower where that is."""
    out = []
    for a, b in zip(upper + [""] * (len(lower) - len(upper)), lower + [""] * (len(upper) - len(lower))):
        if not b or a == b:
            out.append(a)
        elif not a or columns.key(b) is not None:
            out.append(b)
        else:
            out.append(a + b if columns.key(a + b) is not None or columns.key(a) is None else a)
    return out


def find_header(grid: Grid, columns: Columns) -> tuple[int, int, list[str]]:
    """(index of the first header row, index of the first data row, the column names)."""
    heads = [[header(c) for c in cells] for _, cells, _ in grid[:HEADER_ROWS]]
    candidates = [i for i, names in enumerate(heads) if _names_item(names, columns)]
    if not candidates:
        raise ShapeError("no_header", rows=HEADER_ROWS)
    best = max(candidates, key=lambda i: (_known(heads[i], columns), -i))
    first, last, names = best, best, heads[best]
    if best + 1 < len(heads):
        merged = _combine(names, heads[best + 1], columns)
        if _known(merged, columns) > _known(names, columns):
            last, names = best + 1, merged
    if best > 0:
        merged = _combine(heads[best - 1], names, columns)
        if _known(merged, columns) > _known(names, columns):
            first, names = best - 1, merged
    return first, last + 1, names


def _fill_from_above(cells: list[str], filled: list[bool], above: list[str] | None, names: list[str],
                     columns: Columns) -> list[bool]:
    """A row whose name cell is empty takes every empty cell from the row above (in place)."""
    main = [i for i, n in enumerate(names) if columns.key(n) in ("name", "main_name")]
    if above is None or not main or any(cells[i] and not filled[i] for i in main):
        return filled
    own = [i for i, n in enumerate(names) if columns.key(n) in ("category", "code", "main_code")]
    if any(cells[i] and i < len(above) and above[i] and cells[i] != above[i] for i in own):
        return filled  # its own category or code: an item without a name, not the item above
    for i, value in enumerate(cells):
        if not value and i < len(above) and above[i]:
            cells[i], filled[i] = above[i], True
    return filled


def grid_items(grid: Grid, columns: Columns) -> list[Row]:
    """The items of a spreadsheet: one a row, 子项 rows their own items, continuation rows merged."""
    _, start, names = find_header(grid, columns)
    width = max([len(names), *(len(cells) for _, cells, _ in grid[start:])])
    names += [""] * (width - len(names))
    body = []
    for number, raw, flags in grid[start:]:
        cells = [_cell(c) for c in raw] + [""] * (width - len(raw))
        body.append((number, cells, list(flags) + [False] * (width - len(flags))))
    # a column without a header counts when it holds values: named 第N列, never dropped
    used = [n for n, h in enumerate(names) if h or any(cells[n] for _, cells, _ in body)]
    names = [h or f"第{n + 1}列" for n, h in enumerate(names)]
    sub = [i for i, n in enumerate(names) if columns.key(n) == "sub_name"]
    main = [i for i, n in enumerate(names) if columns.key(n) in ("name", "main_name")]
    items: list[Row] = []
    above: list[str] | None = None
    section: str | None = None
    for number, cells, flags in body:
        if not any(cells[n] for n in used):
            continue
        heading = _section(cells, used)
        if heading is not None:  # 一、行政许可 across the row: a heading, its category for the rows below
            section, above = heading or section, None
            continue
        flags = _fill_from_above(cells, flags, above, names, columns)
        above = cells
        pairs = [(names[n], cells[n]) for n in used]
        own = [(names[n], cells[n]) for n in used if not flags[n]]
        continues = items and main and all(flags[i] for i in main) and not any(cells[i] and not flags[i] for i in sub)
        if continues:
            items[-1].pairs += [p for p in own if p[1]]
            items[-1].rows.append(number)
            continue
        items.append(Row(number, pairs, filled=[names[n] for n in used if flags[n] and cells[n]], category=section))
    return items


def _section(cells: list[str], used: list[int]) -> str | None:
    """A heading row (one value across it, such as 一、行政许可（共5项）): the category it names, or ""
    when it names none; None for an ordinary row."""
    values = {cells[n] for n in used if cells[n]}
    if len(values) != 1:
        return None
    value = values.pop()
    if "《" in value or len(value) > 40:  # a basis or a text continued on a row of its own
        return None
    bare = re.sub(r"^[一二三四五六七八九十]+[、.．]|^[（(][一二三四五六七八九十]+[)）]|[（(][^()（）]*[)）]$", "", value).strip()
    found = parse_category(bare) if bare else None
    if found is None and bare == value:
        return None
    return found or ""


# --- JSON ----------------------------------------------------------------------------------

def _is_items(value: Any) -> bool:
    return isinstance(value, dict) or (isinstance(value, list) and any(isinstance(v, dict) for v in value))


def _value(value: Any) -> Any:
    if isinstance(value, list):
        return [_cell(v) for v in value if _cell(v)]
    return _cell(value) if not isinstance(value, bool) else ("是" if value else "否")


def json_items(data: Any, columns: Columns) -> list[Row]:
    """Every item of a JSON document at any depth, each with its parent and the fields above it."""
    out: list[Row] = []
    _walk(data, "", [], None, columns, out)
    if not any(columns.key(k) in NAME_KEYS for row in out for k, _ in row.pairs):
        keys = sorted({k for k in (data if isinstance(data, dict) else {})})[:10]
        raise ShapeError("no_items", keys=keys)
    return out


def _walk(node: Any, path: str, inherited: list[tuple[str, Any]], parent: tuple[str, str] | None,
          columns: Columns, out: list[Row], in_list: bool = False) -> None:
    if isinstance(node, list):
        for i, child in enumerate(node):
            if isinstance(child, (dict, list)):
                _walk(child, f"{path}[{i}]", inherited, parent, columns, out, True)
        return
    if not isinstance(node, dict):
        return
    own = [(header(k), _value(v)) for k, v in node.items() if not _is_items(v)]
    keys = {columns.key(k) for k, _ in own}
    carried = [(k, v) for k, v in inherited if columns.key(k) not in keys]
    if keys & set(NAME_KEYS):
        row = Row(len(out) + 1, carried + own, path or "$", parent=parent[0] if parent else None,
                  parent_code=parent[1] if parent else None)
        out.append(row)
        name = next((str(v) for k, v in own if columns.key(k) in NAME_KEYS and v), "")
        code = next((str(v) for k, v in own if columns.key(k) in ("code", "sub_code", "main_code") and v), "")
        parent = (name, code)
    elif in_list and own and not any(_is_items(v) for v in node.values()):
        # a record without a name key (its keys unknown?): reported as an item without a name, where it is
        out.append(Row(len(out) + 1, carried + own, path, parent=parent[0] if parent else None))
    inherited = carried + [(k, v) for k, v in own if columns.key(k) in INHERITED and v not in ("", [])]
    for k, v in node.items():
        if _is_items(v):
            _walk(v, f"{path}.{header(k)}" if path else header(k), inherited, parent, columns, out)
