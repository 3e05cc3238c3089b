"""The catalog's enumerations (FORMAT.md section 4): English codes, Chinese labels."""

from __future__ import annotations

from enum import Enum


class Labeled(str, Enum):
    """A str enum whose members carry a Chinese label in ``LABELS``."""

    @property
    def label(self) -> str:
        return LABELS[type(self).__name__][self.value]

    def __str__(self) -> str:  # so f-strings print the code, not Class.member
        return self.value


class Category(Labeled):
    licensing = "licensing"
    penalty = "penalty"
    coercion = "coercion"
    levy = "levy"
    payment = "payment"
    inspection = "inspection"
    confirmation = "confirmation"
    reward = "reward"
    adjudication = "adjudication"
    other = "other"
    public_service = "public_service"
    non_licensing_approval = "non_licensing_approval"
    fee = "fee"
    major_decision = "major_decision"
    internal_management = "internal_management"

    @property
    def external(self) -> bool:
        return self not in (Category.major_decision, Category.internal_management)


# national 事项类型 codes (GB/T 39046); the rest have none
CATEGORY_TYPE_CODE = {
    "licensing": "01", "penalty": "02", "coercion": "03", "levy": "04", "payment": "05",
    "inspection": "06", "confirmation": "07", "reward": "08", "adjudication": "09",
    "other": "10", "public_service": "20",
}


class Status(Labeled):
    active = "active"
    suspended = "suspended"
    repealed = "repealed"


class ProcedureKind(Labeled):
    general = "general"
    simple = "simple"
    on_the_spot = "on_the_spot"
    special = "special"
    hearing = "hearing"
    other = "other"


class RightType(Labeled):
    explanation = "explanation"
    statement = "statement"
    defense = "defense"
    hearing = "hearing"
    recusal = "recusal"
    reconsideration = "reconsideration"
    litigation = "litigation"
    compensation = "compensation"
    information = "information"
    other = "other"


class Scope(Labeled):
    public = "public"
    limited = "limited"
    internal = "internal"
    leadership = "leadership"


class Timing(Labeled):
    long_term = "long_term"
    periodic = "periodic"
    timely = "timely"


class Carrier(Labeled):
    website = "website"
    bulletin_board = "bulletin_board"
    service_guide = "service_guide"
    guide_card = "guide_card"
    commitment_letter = "commitment_letter"
    hotline = "hotline"
    screen = "screen"
    media = "media"
    briefing = "briefing"
    other = "other"


class Level(Labeled):
    law = "law"
    administrative_regulation = "administrative_regulation"
    state_council_decision = "state_council_decision"
    local_regulation = "local_regulation"
    department_rule = "department_rule"
    local_rule = "local_rule"
    normative_document = "normative_document"
    other = "other"


class StepType(Labeled):
    start = "start"
    task = "task"
    decision = "decision"
    end = "end"


class RiskLevel(Labeled):
    high = "high"
    medium = "medium"
    low = "low"


class DayUnit(Labeled):
    working = "working"
    natural = "natural"


class ChannelKind(Labeled):
    internal = "internal"
    external = "external"


LABELS: dict[str, dict[str, str]] = {
    "Category": {
        "licensing": "行政许可", "penalty": "行政处罚", "coercion": "行政强制", "levy": "行政征收",
        "payment": "行政给付", "inspection": "行政检查", "confirmation": "行政确认", "reward": "行政奖励",
        "adjudication": "行政裁决", "other": "其他行政权力", "public_service": "公共服务",
        "non_licensing_approval": "非行政许可审批", "fee": "行政事业性收费",
        "major_decision": "重大事项决策(三重一大)", "internal_management": "内部管理(人事、财务、物资采购)",
    },
    "Status": {"active": "有效", "suspended": "暂停实施", "repealed": "已取消"},
    "ProcedureKind": {
        "general": "一般程序", "simple": "简易程序", "on_the_spot": "当场决定",
        "special": "特别程序", "hearing": "听证程序", "other": "其他",
    },
    "RightType": {
        "explanation": "要求说明理由", "statement": "陈述", "defense": "申辩", "hearing": "申请听证",
        "recusal": "申请回避", "reconsideration": "申请行政复议", "litigation": "提起行政诉讼",
        "compensation": "要求国家赔偿", "information": "知情", "other": "其他",
    },
    "Scope": {
        "public": "向社会公开", "limited": "一定范围公开/依申请公开",
        "internal": "单位内部公开", "leadership": "领导班子内部公开",
    },
    "Timing": {"long_term": "长期公开", "periodic": "定期公开", "timely": "及时公开"},
    "Carrier": {
        "website": "网站", "bulletin_board": "政务公开栏", "service_guide": "办事指南",
        "guide_card": "办事明白卡", "commitment_letter": "公开承诺书", "hotline": "咨询电话",
        "screen": "电子显示屏", "media": "新闻媒体", "briefing": "工作简报", "other": "其他",
    },
    "Level": {
        "law": "法律", "administrative_regulation": "行政法规", "state_council_decision": "国务院决定",
        "local_regulation": "地方性法规", "department_rule": "部门规章", "local_rule": "地方政府规章",
        "normative_document": "规范性文件", "other": "其他",
    },
    "StepType": {"start": "开始", "task": "办理环节", "decision": "决定环节", "end": "结束"},
    "RiskLevel": {"high": "高", "medium": "中", "low": "低"},
    "DayUnit": {"working": "工作日", "natural": "自然日"},
    "ChannelKind": {"internal": "内部监督", "external": "外部监督"},
}


def label(enum_name: str, value: str) -> str:
    """The Chinese label of a code, or the code itself when unknown."""
    return LABELS.get(enum_name, {}).get(str(value), str(value))
