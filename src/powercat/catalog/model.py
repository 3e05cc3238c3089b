"""pydantic models of a catalog (FORMAT.md sections 2, 3 and 6).

Fields that have a rule of their own in RULES.md (legal basis, time limits, rights, duties,
channels, disclosure timing ...) are optional here: the rules report them with their own codes.
Titles and descriptions are Chinese so the generated JSON Schemas give editors Chinese help.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag

from powercat.catalog.enums import (
    ApplyWay, Carrier, Category, ChannelKind, CoercionKind, DayUnit, IssuerLevel, Level, MaterialForm, ProcedureKind,
    RightType,
    RiskLevel, Scope, Status, StepType, Timing,
)

SLUG = r"^[a-z0-9-]+$"
CODE = r"^[0-9A-Za-z][0-9A-Za-z-]*$"
Text = Annotated[str, Field(min_length=1)]


def F(title: str, description: str | None = None, **kw: Any) -> Any:
    """A field with a Chinese title (and description) for the JSON Schema."""
    return Field(title=title, description=description or title, **kw)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False, use_enum_values=False, defer_build=True)


# --- time limits -------------------------------------------------------------------------

class Days(Strict):
    """以天计的时限"""
    model_config = ConfigDict(extra="forbid", title="以天计的时限")
    days: int = F("天数", ge=0, le=36500)
    unit: DayUnit = F("计日方式", "working 工作日(不含法定节假日) · natural 自然日")

    def as_text(self) -> str:
        return f"{self.days}个{self.unit.label}"


def _limit_kind(v: Any) -> str:
    return "limit:spot" if isinstance(v, str) else "limit:days"


TimeLimit = Annotated[
    Union[Annotated[Literal["on_the_spot"], Tag("limit:spot")], Annotated[Days, Tag("limit:days")]],
    Discriminator(_limit_kind),
]
UNION_TAGS = {"limit:spot", "limit:days", "next:ref", "next:edge"}


def limit_text(limit: Any) -> str:
    return "当场" if limit == "on_the_spot" else limit.as_text()


class PowerTimeLimit(Strict):
    model_config = ConfigDict(extra="forbid", title="办理时限")
    statutory: TimeLimit | None = F("法定时限", default=None)
    promised: TimeLimit | None = F("承诺时限", default=None)
    extension: TimeLimit | None = F("延长时限", "经批准可以延长的期限", default=None)
    basis: str | None = F("时限依据", default=None)
    joint: bool | None = F("统一、联合或者集中办理", "行政许可依照行政许可法第二十六条统一办理、联合办理或者集中办理的写 true："
                           "办理时间适用第四十二条第二款(四十五日，可延长十五日)", default=None)


# --- department --------------------------------------------------------------------------

class Channel(Strict):
    model_config = ConfigDict(extra="forbid", title="渠道(咨询、监督、投诉)")
    name: Text = F("名称")
    phone: str | None = F("电话", default=None)
    address: str | None = F("地址", default=None)
    url: str | None = F("网址", default=None)
    email: str | None = F("电子邮箱", default=None)
    kind: ChannelKind | None = F("监督类别", "internal 内部监督 · external 外部监督", default=None)
    hours: str | None = F("受理时间", default=None)


class Post(Strict):
    model_config = ConfigDict(extra="forbid", title="岗位")
    id: str = F("岗位标识", "ascii 小写字母、数字和连字符", pattern=SLUG)
    name: Text = F("岗位名称")
    duties: str | None = F("岗位职责", default=None)
    risk_level: RiskLevel | None = F("岗位风险等级", default=None)


class Department(Strict):
    model_config = ConfigDict(extra="forbid", title="部门(department.yaml)")
    id: str = F("部门标识", "须与所在文件夹同名", pattern=SLUG)
    name: Text = F("部门全称")
    uscc: str | None = F("统一社会信用代码", "18 位，含 GB 32100 校验码", default=None)
    short_name: str | None = F("简称", default=None)
    leader: str | None = F("第一责任人", default=None)
    legal_reviewer: Text = F("法制审核人", "负责本目录法制审核的人员或机构")
    address: str | None = F("办公地址", default=None)
    office_hours: str | None = F("办公时间", default=None)
    website: str | None = F("网站", default=None)
    consultation: list[Channel] = F("咨询方式", default_factory=list)
    supervision: list[Channel] = F("监督渠道", default_factory=list)
    complaints: list[Channel] = F("投诉举报途径和方式", default_factory=list)
    posts: list[Post] = F("岗位", default_factory=list)
    vertical: bool | None = F("实行垂直领导", "海关、金融、外汇管理等实行垂直领导的行政机关和税务、国家安全机关写 true："
                              "向上一级主管部门申请行政复议(行政复议法第二十七条)", default=None)


# --- power -------------------------------------------------------------------------------

class Basis(Strict):
    model_config = ConfigDict(extra="forbid", title="行使依据")
    law: Text = F("法律法规名称", "如 中华人民共和国行政许可法")
    level: Level | None = F("效力层级", default=None)
    article: str | None = F("条款", "如 第四十二条", default=None)
    text: str | None = F("法条内容", default=None)
    edition: dt.date | str | None = F("版本", "引用的版本，如 2019-04-23 或 2019年修正(不写即现行版本)", default=None)
    issuer_level: IssuerLevel | None = F(
        "制定机关层级", "规章写明制定机关的层级：provincial 省、自治区、直辖市 · municipal 设区的市、自治州 · "
        "national 国务院部门 · county 县级；只有省级人民政府规章可以设定临时性的行政许可(行政许可法第十五条)", default=None)


class Fee(Strict):
    model_config = ConfigDict(extra="forbid", title="收费")
    charged: bool | None = F("是否收费", "true 收费 · false 不收费 · 不写：未填写(源表没有说)", default=None)
    standard: str | None = F("收费标准", default=None)
    basis: str | None = F("收费依据", default=None)
    basis_level: Level | None = F("收费依据的效力层级", default=None)


class Right(Strict):
    model_config = ConfigDict(extra="forbid", title="相对人的权利")
    type: RightType = F("权利类型")
    note: str | None = F("说明", default=None)
    basis: str | None = F("依据", default=None)


class Disclosure(Strict):
    model_config = ConfigDict(extra="forbid", title="公开范围、时间、载体")
    scope: Scope = F("公开范围")
    timing: Timing = F("公开时间")
    within_days: int | None = F("及时公开期限(天)", ge=0, le=36500, default=None)
    carriers: list[Carrier] = F("公开载体", default_factory=list)


# --- 办事指南 (the service guide a citizen applies with) ------------------------------------

class Material(Strict):
    model_config = ConfigDict(extra="forbid", title="申请材料(详细)")
    name: Text = F("材料名称")
    copies: int | None = F("份数", ge=1, le=100, default=None)
    form: MaterialForm | None = F("材料形式", "original 原件 · copy 复印件 · original_and_copy 原件和复印件 · electronic 电子材料",
                                  default=None)
    source: str | None = F("来源", "如 申请人自备、由住房和城乡建设部门出具", default=None)
    sample: str | None = F("样表", "空白表格或填写样本的网址", default=None)
    required: bool = F("是否必须提交", default=True)
    note: str | None = F("填写和提交要求", default=None)


def _material_kind(v: Any) -> str:
    return "material:name" if isinstance(v, str) else "material:detail"


MaterialItem = Annotated[
    Union[Annotated[str, Tag("material:name")], Annotated[Material, Tag("material:detail")]],
    Discriminator(_material_kind),
]
UNION_TAGS |= {"material:name", "material:detail"}


def material_name(item: Any) -> str:
    """A material's name, whether written as a line or with its details."""
    return item if isinstance(item, str) else item.name


class Outcome(Strict):
    model_config = ConfigDict(extra="forbid", title="办理结果")
    name: Text = F("结果名称", "如 食品经营许可证")
    validity: str | None = F("有效期", "如 5 年", default=None)
    delivery: str | None = F("送达方式", "如 窗口领取、邮寄送达、电子证照", default=None)


class Question(Strict):
    model_config = ConfigDict(extra="forbid", title="常见问题")
    question: Text = F("问题")
    answer: Text = F("解答")


class Guide(Strict):
    model_config = ConfigDict(extra="forbid", title="办事指南")
    summary: str | None = F("一句话说明", "这个事项是什么、办了能做什么", default=None)
    audience: list[str] = F("服务对象", "如 自然人、企业法人、个体工商户", default_factory=list)
    ways: list[ApplyWay] = F("办理方式", "window 窗口办理 · online 网上办理 · mail 邮寄办理 · self_service 自助终端办理",
                             default_factory=list)
    online_url: str | None = F("网上办理入口", "网址", default=None)
    places: list[Channel] = F("办理地点和时间", default_factory=list)
    visits: int | None = F("到现场次数", ge=0, le=10, default=None)
    result: Outcome | None = F("办理结果", default=None)
    faq: list[Question] = F("常见问题", default_factory=list)


class Risk(Strict):
    model_config = ConfigDict(extra="forbid", title="风险点")
    step: str | None = F("所在环节", "外部流程的步骤 id", default=None)
    post: str | None = F("所在岗位", default=None)
    description: Text = F("风险描述")
    level: RiskLevel = F("风险等级")
    controls: list[str] = F("防控措施", default_factory=list)


class Edge(Strict):
    model_config = ConfigDict(extra="forbid", title="流转(带条件)")
    to: str = F("下一步骤 id")
    when: str | None = F("条件", default=None)


def _next_kind(v: Any) -> str:
    return "next:ref" if isinstance(v, str) else "next:edge"


NextItem = Annotated[
    Union[Annotated[str, Tag("next:ref")], Annotated[Edge, Tag("next:edge")]], Discriminator(_next_kind)
]


class Step(Strict):
    model_config = ConfigDict(extra="forbid", title="流程步骤")
    id: str = F("步骤标识", "在本事项内唯一", pattern=SLUG)
    name: Text = F("步骤名称", "如 受理")
    type: StepType = F("步骤类型", "start 开始 · task 办理 · decision 决定 · end 结束", default=StepType.task)
    post: str | None = F("承办岗位", "department.yaml 中定义的岗位 id", default=None)
    actor: str | None = F("办理主体", "非本部门办理时填写，如 申请人", default=None)
    duty: str | None = F("职责要求", default=None)
    time_limit: TimeLimit | None = F("办理时限", default=None)
    next: list[NextItem] = F("下一步", default_factory=list)
    rights: list[RightType] = F("本环节相对人可行使的权利", default_factory=list)
    documents: list[str] = F("法律文书", default_factory=list)
    supervision: str | None = F("监督制约环节", default=None)
    role: str | None = F("标准环节", "本环节是权力类别标准程序中的哪一环节(标准程序的步骤 id，如 accept 受理、notify 告知、"
                         "deliver 送达)；写明后按角色检查，不再按名称猜测", default=None, pattern=SLUG)
    counted: bool | None = F("计入办理期限", "依法不计入办理期限的环节写 false，并在 counted_basis 写明依据"
                             "(如 行政许可法第四十五条：听证、检验、检测、鉴定、专家评审所需时间)", default=None)
    counted_basis: str | None = F("不计入期限的依据", default=None)

    def targets(self) -> list[tuple[int, str, str | None]]:
        """(index in next, target id, condition) for every outgoing edge."""
        return [(i, n, None) if isinstance(n, str) else (i, n.to, n.when) for i, n in enumerate(self.next)]


class Procedure(Strict):
    model_config = ConfigDict(extra="forbid", title="外部流程")
    kind: ProcedureKind = F("程序类别")
    name: str | None = F("流程名称", default=None)
    steps: list[Step] = F("步骤", default_factory=list)


class Task(Strict):
    model_config = ConfigDict(extra="forbid", title="内部流程任务")
    post: str = F("岗位")
    duty: str | None = F("职责要求", default=None)
    time_limit: TimeLimit | None = F("办理时限", default=None)


class Refinement(Strict):
    model_config = ConfigDict(extra="forbid", title="内部流程(环节细化到岗位)")
    step: str = F("细化的外部步骤 id")
    tasks: list[Task] = F("岗位任务(按顺序)", default_factory=list)


class LintSettings(Strict):
    model_config = ConfigDict(extra="forbid", title="本文件的检查设置")
    ignore: list[str] = F("忽略的规则代码", default_factory=list)
    reason: str | None = F("忽略理由", default=None)


class Power(Strict):
    model_config = ConfigDict(extra="forbid", title="行政权力事项")
    code: str = F("事项编码", "本目录的事项编码，须与文件名相同", pattern=CODE)
    basic_code: str | None = F("基本编码", "国家基本编码(12 位)", default=None)
    implementation_code: str | None = F("实施编码", "国家实施编码(31 位)", default=None)
    name: Text = F("事项名称")
    category: Category = F("权力类别")
    parent: str | None = F("所属主项", "本事项是子项时，其主项的事项编码(主项不在目录中时为主项名称)", default=None)
    coercion_types: list[CoercionKind] = F(
        "行政强制的种类", "行政强制事项写明种类(行政强制法第九条、第十二条)：可以设定的层级因种类而不同(第十条、第十三条)",
        default_factory=list)
    status: Status = F("状态", default=Status.active)
    effective_from: dt.date | None = F("生效日期", default=None)
    authorized_by: str | None = F("授权部门", "设定或授权本事项的部门，如源表的授权部门名称或代码", default=None)
    exercised_by: str | None = F("实施主体", "依法可以行使本事项的机关，如 市、县级市场监督管理部门(不是承办机构)",
                                 default=None)
    exercise_levels: list[str] = F("实施层级", "行使本事项的层级，如 省级、市级", default_factory=list)
    target: str | None = F("对象", "行使本事项所针对的相对人，如 食品生产经营者(抽查对象、服务对象)", default=None)
    handling_unit: Text = F("承办机构")
    leader: Text = F("主管领导")
    legal_basis: list[Basis] = F("行使依据", default_factory=list)
    duties: str | None = F("职责要求", default=None)
    conditions: list[str] = F("办理条件", default_factory=list)
    materials: list[MaterialItem] = F("申请材料", "每项材料一行，或写明 name、copies(份数)、form(原件/复印件)、source(来源)、sample(样表)",
                                      default_factory=list)
    time_limit: PowerTimeLimit | None = F("办理时限", default=None)
    fee: Fee = F("收费", default_factory=Fee)
    service_commitment: str | None = F("服务承诺", default=None)
    discipline: str | None = F("工作纪律", default=None)
    accountability: str | None = F("责任追究", default=None)
    rights: list[Right] = F("相对人的权利", default_factory=list)
    hearing: bool | None = F("是否适用听证", "true 适用 · false 不适用 · 不写：未填写(源表没有说)", default=None)
    supervision: list[Channel] = F("监督渠道(补充部门的)", default_factory=list)
    complaints: list[Channel] = F("投诉渠道(补充部门的)", default_factory=list)
    disclosure: Disclosure | None = F("公开", default=None)
    risks: list[Risk] = F("风险点", default_factory=list)
    procedures: list[Procedure] = F("外部流程", default_factory=list)
    internal: list[Refinement] = F("内部流程", default_factory=list)
    guide: Guide | None = F("办事指南", default=None)
    keywords: list[str] = F("检索词", "群众的常用说法，如 开饭店、办健康证：搜索时能找到本事项", default_factory=list)
    topics: list[str] = F("主题(人生事件)", "如 开办企业、餐饮、建设工程：按主题浏览时列在其下", default_factory=list)
    now_exercised_by: str | None = F("现由谁行使", "暂停实施或取消后行使本职权的机关(或事项)", default=None)
    lint: LintSettings | None = F("检查设置", default=None)

    def material_names(self) -> list[str]:
        return [material_name(m) for m in self.materials]

    @property
    def external(self) -> bool:
        return self.category.external

    def right_types(self) -> set[RightType]:
        return {r.type for r in self.rights}


# --- exercise records (section 6) --------------------------------------------------------

class Record(Strict):
    model_config = ConfigDict(extra="forbid", title="行政权力运行登记")
    power: str = F("事项编码")
    case: Text = F("案件/办件")
    exercised_on: dt.date = F("行使日期")
    recorded_on: dt.date = F("登记日期")
    result: Text = F("办理结果")
    disclosed_on: dt.date | None = F("公开日期", default=None)
    disclosure_url: str | None = F("公开网址", default=None)


class Complaint(Strict):
    model_config = ConfigDict(extra="forbid", title="投诉举报")
    complaint: str = F("投诉编号")
    power: str | None = F("事项编码", default=None)
    received_on: dt.date = F("收到日期")
    replied_on: dt.date | None = F("答复日期", default=None)
    summary: Text = F("摘要")


def _entry_kind(v: Any) -> str:
    return "entry:complaint" if isinstance(v, dict) and "complaint" in v else "entry:record"


Entry = Annotated[
    Union[Annotated[Record, Tag("entry:record")], Annotated[Complaint, Tag("entry:complaint")]],
    Discriminator(_entry_kind),
]
UNION_TAGS |= {"entry:record", "entry:complaint"}


class RecordsFile(BaseModel):
    model_config = ConfigDict(extra="forbid", title="动态公开登记(records/<部门>/<年>-<月>.yaml)")
    entries: list[Entry]
