"""PC402 — a power with an adverse decision lacks ``statement`` or ``defense``.

A power has an adverse decision when its category is one of the profile's ``adverse.categories``
(行政处罚, 行政强制), or when a step's name or one of its documents contains one of the profile's
``adverse.step_keywords`` (吊销, 撤销许可, 罚款 ...). One finding listing what is missing, at
``rights``. Silent when an external power lists no rights at all: PC401 reports that.
"""

from __future__ import annotations

from typing import Iterator

from powercat.catalog.enums import RightType
from powercat.catalog.model import Power
from powercat.catalog.profile import Profile
from powercat.lint.rules.base import Finding, PowerCtx, rule, walk_steps

RULE = rule("PC402", "error")

NEEDED = (RightType.statement, RightType.defense)  # 陈述权、申辩权


def adverse_reason(power: Power, profile: Profile) -> tuple[str, str, str] | None:
    """Why the power is adverse: (variant, category code or step name, keyword), or None."""
    if power.category in profile.adverse.categories:
        return "category", power.category.value, ""
    for _, _, step in walk_steps(power):
        for text in (step.name, *step.documents):
            word = next((k for k in profile.adverse.step_keywords if k in text), None)
            if word:
                return "step", step.name, word
    return None


def missing(power: Power, profile: Profile) -> list[RightType]:
    """Statement and defense, where the power is adverse and does not list them."""
    if adverse_reason(power, profile) is None:
        return []
    have = power.right_types()
    return [r for r in NEEDED if r not in have]


@RULE.check("power")
def check(ctx: PowerCtx) -> Iterator[Finding]:
    power = ctx.power
    if power.external and not power.rights:
        return
    lacking = missing(power, ctx.profile)
    if not lacking:
        return
    variant, what, word = adverse_reason(power, ctx.profile) or ("category", "", "")
    args = {"missing": [r.value for r in lacking], "reason": what, "keyword": word}
    args |= {"source": ctx.profile.adverse.source, "category": power.category.value, "example": lacking[0].value}
    yield Finding(("rights",), args, variant)
