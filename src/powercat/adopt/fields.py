"""The national column names of power lists (``FIELDS``) and one row → the values of a power.

    draft = convert_row([("事项名称", "燃气经营许可证核发"), ("事项类型", "行政许可"), …], dept)
    draft.values, draft.extra, draft.error

Every column a department's list may use is matched to a powercat key by its national name
(docs/adoption.md has the table); the free-text cells are parsed by `basis_text` (依据) and
`cell_parse` (the rest). What has no key goes to ``extra`` for the file's head comment.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from powercat.adopt import cells as cp
from powercat.adopt.basis_text import split_basis, split_level
from powercat.i18n import Message

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
    "audience": ("服务对象", "办理对象"),
    "ways": ("办理方式", "办理形式"),
    "online_url": ("网上办理地址", "网办地址", "在线办理地址", "网上办理入口"),
    "place": ("办理地点", "受理地点", "办理地点和时间"),
    "hours": ("办理时间", "受理时间"),
    "visits": ("到现场次数", "到办事现场次数", "跑动次数"),
    "result": ("办理结果", "审批结果", "结果名称"),
    "keywords": ("检索词", "关键词"),
    "topics": ("主题", "所属主题", "人生事件"),
    "supervision_phone": ("监督电话", "监督举报电话"),
    "complaints_phone": ("投诉电话", "投诉举报电话"),
    "_department": ("部门", "实施部门", "部门名称"),
    "_kept": ("实施层级", "行使层级", "备注"),
    "_row": ("序号",),
}
COLUMN_KEY = {name: key for key, names in FIELDS.items() for name in names}
TEXT_KEYS = ("basic_code", "implementation_code", "handling_unit", "leader", "duties", "accountability",
             "service_commitment", "discipline")


@dataclass(slots=True)
class Draft:
    values: dict[str, Any] = field(default_factory=dict)
    source_code: str | None = None
    extra: list[tuple[str, str]] = field(default_factory=list)  # (column, value) for the head comment
    error: Message | None = None  # why the row cannot be imported


def _text(value: Any) -> str:
    return "\n".join(value) if isinstance(value, list) else str(value)


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
    fee: dict[str, Any] = {}
    for key, out in (("charged", ""), ("fee", "standard"), ("fee_standard", "standard"), ("fee_basis", "basis")):
        for _, value in got.get(key, [])[:1]:
            charged = cp.parse_bool(_text(value))  # 是/否, or 不收费 in a 收费 or 收费标准 column
            if charged is not None and key != "fee_basis":
                fee.setdefault("charged", charged)
            elif out:
                fee[out] = _text(value)
    level, fee["basis"] = split_level(fee["basis"]) if "basis" in fee else (None, None)
    fee = {k: v for k, v in {**fee, "basis_level": level}.items() if v is not None}
    if fee:
        d.values["fee"] = {"charged": fee.pop("charged", True), **fee}


def _channel(got: dict[str, list], key: str, out: str, dept: dict[str, Any], d: Draft) -> None:
    phones = {str(c.get("phone")) for c in dept.get(out) or [] if isinstance(c, dict)}
    items = [{"name": column, "phone": _text(v)} for column, v in got.get(key, []) if _text(v) not in phones]
    if items:
        d.values[out] = items


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


def _enums(got: dict[str, list], d: Draft) -> None:
    for column, value in got.get("status", [])[:1]:
        status = cp.parse_status(_text(value))
        d.values.update(status=status) if status else d.extra.append((column, _text(value)))
    for column, value in got.get("effective_from", [])[:1]:
        date = cp.parse_date(_text(value))
        d.values.update(effective_from=dt.date.fromisoformat(date)) if date else d.extra.append((column, _text(value)))
    for column, value in got.get("hearing", [])[:1]:
        hearing = cp.parse_bool(_text(value))
        d.values.update(hearing=hearing) if hearing is not None else d.extra.append((column, _text(value)))
    if got.get("rights"):
        d.values["rights"] = cp.parse_rights("\n".join(_text(v) for _, v in got["rights"]))
    parts = {k: _text(got[k][0][1]) if got.get(k) else "" for k in ("scope", "timing", "carriers")}
    if any(parts.values()):
        disclosure, note = cp.parse_disclosure(parts["scope"], parts["timing"], parts["carriers"])
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
    category = cp.parse_category(_text(got["category"][0][1])) if got.get("category") else None
    if not names[0][1]:
        d.error = Message("import.no_name")
    elif category is None:
        given = _text(got["category"][0][1]) if got.get("category") else ""
        d.error = Message("import.bad_category", given=given) if given else Message("import.no_category")
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
    bases = [b for _, v in got.get("legal_basis", []) for b in split_basis(_text(v))]
    if bases:
        d.values["legal_basis"] = list({(b.law, b.article, b.text): b for b in bases}.values())
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
    return d
