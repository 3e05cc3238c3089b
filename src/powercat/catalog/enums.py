"""The catalog's enumerations (FORMAT.md section 4): English codes, Chinese labels."""

from __future__ import annotations

from enum import Enum
from importlib import resources

import yaml


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


class IssuerLevel(Labeled):
    """Which government made a rule (a 规章's issuer): 许可法第十五条 lets only a provincial one
    create a (temporary) licence."""
    national = "national"
    provincial = "provincial"
    municipal = "municipal"
    county = "county"


class CoercionKind(Labeled):
    """行政强制法第九条 (the measures) and 第十二条 (enforcement): who may create each differs
    (第十条、第十三条)."""
    restrict_freedom = "restrict_freedom"
    seal_up = "seal_up"
    seize = "seize"
    freeze = "freeze"
    other_measure = "other_measure"
    enforcement = "enforcement"


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


class MaterialForm(Labeled):
    original = "original"
    copy = "copy"
    original_and_copy = "original_and_copy"
    electronic = "electronic"


class ApplyWay(Labeled):
    window = "window"
    online = "online"
    mail = "mail"
    self_service = "self_service"


def _labels() -> dict[str, dict[str, str]]:
    """The Chinese labels, from the locale file every language's labels live in."""
    raw = (resources.files("powercat") / "locales" / "zh-CN" / "enums.yaml").read_bytes()
    return yaml.load(raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))["enum"]


LABELS: dict[str, dict[str, str]] = _labels()


def label(enum_name: str, value: str) -> str:
    """The Chinese label of a code, or the code itself when unknown."""
    return LABELS.get(enum_name, {}).get(str(value), str(value))
