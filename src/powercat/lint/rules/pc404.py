"""PC404 — a power of an external category lacks ``reconsideration`` or ``litigation``.

One finding listing what is missing, at ``rights``. Silent when the power lists no rights at
all: PC401 reports that, with the full list of rights to add.
"""

from __future__ import annotations

from typing import Iterator

from powercat.catalog.enums import RightType
from powercat.catalog.model import Power
from powercat.lint.rules.base import Finding, PowerCtx, rule

RULE = rule("PC404", "warning")

REMEDIES = (RightType.reconsideration, RightType.litigation)  # 行政复议、行政诉讼: every external power


def missing(power: Power) -> list[RightType]:
    """The remedies an external power must list and does not."""
    if not power.external:
        return []
    have = power.right_types()
    return [r for r in REMEDIES if r not in have]


@RULE.check("power")
def check(ctx: PowerCtx) -> Iterator[Finding]:
    power = ctx.power
    if not power.rights:
        return
    lacking = missing(power)
    if lacking:
        args = {"missing": [r.value for r in lacking], "category": power.category.value}
        yield Finding(("rights",), args | {"example": lacking[0].value})
