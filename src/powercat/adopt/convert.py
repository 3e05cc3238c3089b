"""One item of a list (a row, or a JSON object) → the values of a power.

    draft = convert_row(row, dept, columns, known, category=None)
    draft.values, draft.bases, draft.extra, draft.error

Columns are matched to keys by `fields.Columns`; 依据 cells are split by `basis_text` (with the law
library when there is one), the other cells parsed by `cells`. What has no key goes to ``extra``
for the file's head comment, with the column's name: nothing is dropped.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from powercat.adopt import cells as cp
from powercat.adopt.basis_text import ParsedBasis, normalize, split_basis, split_level
from powercat.adopt.fields import FIELDS, Columns
from powercat.adopt.lawmatch import KnownLaws
from powercat.adopt.shapes import Row

TEXT_KEYS = ("basic_code", "implementation_code", "handling_unit", "leader", "duties", "accountability",
             "service_commitment", "discipline", "exercised_by", "authorized_by", "target")
# the national platform's 行使层级 codes
LEVEL_CODES = {"1": "国家级", "2": "省级", "3": "市级", "4": "县级", "5": "乡镇级", "6": "村级"}
UNKNOWN = frozenset({"未填写", "未知", "待定", "不详"})  # what export writes (and lists say) for "not said"


@dataclass(slots=True)
class Draft:
    values: dict[str, Any] = field(default_factory=dict)
    source_code: str | None = None
    parent_name: str | None = None  # the 主项 by name (resolved to its code when imported with it)
    bases: list[ParsedBasis] = field(default_factory=list)
    extra: list[tuple[str, str]] = field(default_factory=list)  # (column, value) for the head comment
    category_given: str = ""  # the 事项类型 as written, when it is no category powercat knows
    error: tuple[str, dict[str, Any]] | None = None  # (locale key, args): why the item is not written


def _text(value: Any) -> str:
    return "\n".join(value) if isinstance(value, list) else str(value)


def _first(got: dict[str, list], key: str) -> str:
    return _text(got[key][0][1]).strip() if got.get(key) else ""


def _limits(got: dict[str, list], d: Draft) -> None:
    limit: dict[str, Any] = {}
    for key in ("statutory", "promised", "extension"):
        for column, value in got.get(key, [])[:1]:
            parsed, rest = cp.parse_time_limit(_text(value))
            if parsed is not None:
                limit[key] = parsed
            if parsed is None or rest:
                d.extra.append((column, _text(value)))
    if got.get("limit_basis"):
        limit["basis"] = _text(got["limit_basis"][0][1])
    if limit:
        d.values["time_limit"] = limit


def _fee(got: dict[str, list], d: Draft) -> None:
    """是否收费 stays unknown (no ``charged``) unless a cell says yes or no."""
    fee: dict[str, Any] = {}
    for key, out in (("charged", ""), ("fee", "standard"), ("fee_standard", "standard"), ("fee_basis", "basis")):
        for _, value in got.get(key, [])[:1]:
            if _text(value).strip() in UNKNOWN:
                continue
            charged = cp.parse_bool(_text(value))  # 是/否, or 不收费 in a 收费 or 收费标准 column
            if charged is not None and key != "fee_basis":
                fee.setdefault("charged", charged)
            elif out:
                fee[out] = _text(value)
                if out == "standard":
                    fee.setdefault("charged", True)
    level, fee["basis"] = split_level(fee["basis"]) if "basis" in fee else (None, None)
    fee = {k: v for k, v in {**fee, "basis_level": level}.items() if v is not None}
    if fee:
        d.values["fee"] = fee


def _channel(got: dict[str, list], key: str, out: str, dept: dict[str, Any], d: Draft) -> None:
    phones = {str(c.get("phone")) for c in dept.get(out) or [] if isinstance(c, dict)}
    items = [{"name": column, "phone": _text(v)} for column, v in got.get(key, []) if _text(v) not in phones]
    if items:
        d.values[out] = items


def _enums(got: dict[str, list], d: Draft) -> None:
    for column, value in got.get("status", [])[:1]:
        status = cp.parse_status(_text(value))
        d.values.update(status=status) if status else d.extra.append((column, _text(value)))
    for column, value in got.get("effective_from", [])[:1]:
        date = cp.parse_date(_text(value))
        d.values.update(effective_from=dt.date.fromisoformat(date)) if date else d.extra.append((column, _text(value)))
    for column, value in got.get("hearing", [])[:1]:
        hearing = cp.parse_bool(_text(value))
        if hearing is not None:
            d.values["hearing"] = hearing
        elif _text(value).strip() not in UNKNOWN:
            d.extra.append((column, _text(value)))
    if got.get("rights"):
        d.values["rights"] = cp.parse_rights("\n".join(_text(v) for _, v in got["rights"]))
    parts = {k: _text(got[k][0][1]) if got.get(k) else "" for k in ("scope", "timing", "carriers")}
    if any(parts.values()):
        disclosure, note = cp.parse_disclosure(parts["scope"], parts["timing"], parts["carriers"])
        if disclosure:
            d.values["disclosure"] = disclosure
        if note or not disclosure:
            d.extra += [(FIELDS[k][0], v) for k, v in parts.items() if v] + ([("说明", note)] if note else [])


def _guide(got: dict[str, list], d: Draft) -> None:
    """The 办事指南 columns: 服务对象, 办理方式, 网上办理地址, 办理地点, 办理时间, 到现场次数, 办理结果;
    and 检索词, 主题 (lists)."""
    first = {k: _text(got[k][0][1]) for k in ("ways", "online_url", "place", "hours", "visits", "result") if got.get(k)}
    guide: dict[str, Any] = {}
    if got.get("audience"):
        guide["audience"] = [i for _, v in got["audience"] for i in cp.split_items(_text(v).replace("、", "\n"))]
    if "ways" in first:
        ways = cp.parse_ways(first["ways"])
        guide.update(ways=ways) if ways else d.extra.append((FIELDS["ways"][0], first["ways"]))
    if "online_url" in first:
        guide["online_url"] = first["online_url"]
    if "place" in first:
        guide["places"] = [{"name": first["place"], **({"hours": first["hours"]} if "hours" in first else {})}]
    if "visits" in first:
        visits = cp.cn_number(first["visits"].strip("次 "))
        guide.update(visits=visits) if visits is not None else d.extra.append((FIELDS["visits"][0], first["visits"]))
    if "result" in first:
        guide["result"] = {"name": first["result"]}
    if guide:
        d.values["guide"] = guide
    for key in ("keywords", "topics"):
        items = [i for _, v in got.get(key, []) for i in cp.split_items(_text(v).replace("、", "\n"))]
        if items:
            d.values[key] = items


def exercise_levels(text: str) -> list[str]:
    """实施层级 "2,3" (the national codes) or "省级、市级" → ["省级", "市级"]."""
    parts = [p for p in re.split(r"[、,，;；/\s]+", normalize(text)) if p]
    return list(dict.fromkeys(LEVEL_CODES.get(p, p) for p in parts))


def _identity(got: dict[str, list], row: Row, d: Draft) -> str:
    """The item's name, code and parent: a 子项 is named by its own name, its 主项 is its parent."""
    sub, main = _first(got, "sub_name"), _first(got, "main_name") or _first(got, "name")
    if sub:
        code = _first(got, "sub_code") or _first(got, "code")
        d.parent_name = main or row.parent
        d.values["parent"] = _first(got, "main_code") or None
    else:
        code = _first(got, "code") or _first(got, "main_code")
        d.parent_name = row.parent if row.parent != main else None
        d.values["parent"] = row.parent_code or None
    if _first(got, "parent"):
        d.values["parent"], d.parent_name = _first(got, "parent"), None
    d.source_code = code.replace(" ", "") or None
    return sub or main


def _group(row: Row, columns: Columns, dept: dict[str, Any], d: Draft) -> dict[str, list[tuple[str, Any]]]:
    got: dict[str, list[tuple[str, Any]]] = {}
    for column, value in row.pairs:
        key = columns.key(column)
        if value in ("", []) or key == "_row":
            continue
        if key is None or key == "_kept" or (key == "_department" and _text(value) != dept.get("name")):
            d.extra.append((column, _text(value)))
        elif key != "_department":
            got.setdefault(key, []).append((column, value))
    for key, values in got.items():  # the preferred column first (FIELDS order)
        values.sort(key=lambda cv: FIELDS[key].index(cv[0]) if cv[0] in FIELDS[key] else len(FIELDS[key]))
    return got


def _category(got: dict[str, list], default: str | None, d: Draft) -> str | None:
    given = _first(got, "category")
    if not given:
        return default
    found = cp.parse_category(given)
    if found is None:
        d.category_given = given  # written as given: validate (PC101) says what is allowed
    return found or given


def convert_row(row: Row, dept: dict[str, Any], columns: Columns | None = None, known: KnownLaws | None = None,
                category: str | None = None) -> Draft:
    """The power values of one item (and what has no key, for the head comment)."""
    d = Draft()
    got = _group(row, columns or Columns(), dept, d)
    name = _identity(got, row, d)
    found = _category(got, row.category or category, d)
    if not name:
        d.error = ("no_name", {})
    elif found is None:
        d.error = ("no_category", {})
    if d.error:
        return d
    d.values.update(name=name, category=found)
    for key in TEXT_KEYS:
        for n, (column, value) in enumerate(got.get(key, [])):
            if n == 0:
                d.values[key] = _text(value)
            elif _text(value) != d.values[key]:
                d.extra.append((column, _text(value)))
    if got.get("exercise_levels"):
        d.values["exercise_levels"] = exercise_levels(_first(got, "exercise_levels"))
    d.bases = [b for _, v in got.get("legal_basis", []) for b in split_basis(_text(v), known)]
    d.bases = list({(b.law, b.article, b.text): b for b in d.bases}.values())
    for key in ("conditions", "materials"):
        items = [i for _, v in got.get(key, []) for i in (v if isinstance(v, list) else cp.split_items(v))]
        if items:
            d.values[key] = items
    _limits(got, d)
    _fee(got, d)
    _enums(got, d)
    _guide(got, d)
    _channel(got, "supervision_phone", "supervision", dept, d)
    _channel(got, "complaints_phone", "complaints", dept, d)
    if row.filled:
        d.extra.append(("沿用上一行(合并单元格或空格)", "、".join(row.filled)))
    return d
