"""Which column of a department's list means which powercat field: the synonym table ``FIELDS``
(national names first, then the common local ones) and ``Columns`` (the table plus ``--map``).

    columns = Columns.of({"检查事项": "name"})        # --map 检查事项=name (or =事项名称)
    columns.key("抽查依据") -> "legal_basis";  columns.key("联系人") -> None

Column names are compared after `header` (no spaces, asterisks or (必填)); a name the table
lacks is tried again without a trailing parenthesis (依据（法律法规名称及条款） is 依据).
docs/adoption.md prints the table. Keys starting with "_" are no power field: ``_department``
is compared with the department's name, ``_kept`` goes into the file's head comment, ``_row``
(序号) is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

# powercat key -> the column names that mean it (the first is what `export` writes)
FIELDS: dict[str, tuple[str, ...]] = {
    "name": ("事项名称", "权力事项名称", "职权名称", "权力名称", "事项", "抽查事项名称", "抽查事项", "检查事项名称",
             "检查事项", "权力事项", "职权事项", "服务事项名称", "事项名称(主项)"),
    "main_name": ("主项名称", "主项", "主项事项名称"),
    "sub_name": ("子项名称", "子项", "子项事项名称", "事项名称(子项)"),
    "code": ("职权编码", "事项编码", "权力编码", "抽查事项编码", "事项代码", "权力代码", "职权代码"),
    "main_code": ("主项编码", "主项代码"),
    "sub_code": ("子项编码", "子项代码"),
    "parent": ("所属主项",),
    "basic_code": ("基本编码",),
    "implementation_code": ("实施编码",),
    "category": ("事项类型", "权力类别", "职权类型", "权力类型", "职权类别", "事项类别"),
    "legal_basis": ("依据", "设定依据", "实施依据", "法律依据", "行使依据", "设定和实施依据", "法定依据", "抽查依据",
                    "检查依据", "法律法规依据", "执法依据", "依据及条款"),
    "exercised_by": ("实施主体", "行使主体", "抽查主体", "检查主体", "执法主体", "实施机关", "权力行使主体"),
    "exercise_levels": ("实施层级", "行使层级"),
    "authorized_by": ("授权部门", "授权机关"),
    "target": ("对象", "抽查对象", "检查对象", "行使对象", "实施对象", "服务对象", "适用对象"),
    "handling_unit": ("承办机构", "内设机构", "承办科室", "责任科室", "承办处室", "责任处室", "具体承办机构"),
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
    "_kept": ("备注", "抽查内容", "检查内容", "抽查方式", "检查方式", "抽查比例", "抽查频次", "抽查类别", "检查类别",
              "抽查领域", "检查领域"),
    "_row": ("序号",),
}
COLUMN_KEY = {name: key for key, names in FIELDS.items() for name in names}
NAME_KEYS = ("name", "main_name", "sub_name")  # a row (or JSON object) with one of these is an item
# keys a JSON object passes down to the items it holds (an item's own name and code never)
INHERITED = tuple(k for k in FIELDS if k not in (*NAME_KEYS, "code", "main_code", "sub_code", "parent", "_row"))


def header(name: Any) -> str:
    """A column name as compared: no whitespace, asterisks or (必填)-style notes, ASCII brackets."""
    text = re.sub(r"[\s*＊]|[（(](?:必填|选填|可选|必须)[)）]", "", str(name or ""))
    return text.translate(str.maketrans("（）", "()"))


class MapError(ValueError):
    """A --map that names no field."""


@dataclass(slots=True)
class Columns:
    user: dict[str, str] = field(default_factory=dict)  # column (as compared) -> key, from --map

    @classmethod
    def of(cls, mapping: dict[str, str] | None) -> Columns:
        """``--map`` pairs: the field is a key of FIELDS or a column name the table knows."""
        user = {}
        for column, target in (mapping or {}).items():
            key = target if target in FIELDS else COLUMN_KEY.get(header(target))
            if key is None:
                raise MapError(target)
            user[header(column)] = key
        return cls(user)

    def key(self, column: str) -> str | None:
        name = header(column)
        found = self.user.get(name) or COLUMN_KEY.get(name)
        if found is None:
            bare = re.sub(r"\([^()]*\)$", "", name)
            found = COLUMN_KEY.get(bare) if bare != name else None
        return found


def map_pairs(items: list[str]) -> dict[str, str]:
    """``["检查事项=name", …]`` (the --map options) as a dict; MapError for one without ``=``."""
    out = {}
    for item in items:
        column, sep, target = item.partition("=")
        if not sep or not column.strip() or not target.strip():
            raise MapError(item)
        out[column.strip()] = target.strip()
    return out
