"""PC401 — an external power lists no ``rights``.

Reported at ``rights`` (or, when the key is absent, at the top of the file). The hint lists the
rights this power must have according to PC402, PC404 and PC405, which stay silent until
``rights`` has entries, so the staff member sees one finding with everything to add.
"""

from __future__ import annotations

from typing import Iterator

from powercat.catalog.enums import RightType
from powercat.lint.rules import pc402
from powercat.lint.rules import pc404
from powercat.lint.rules import pc405
from powercat.lint.rules.base import Finding, PowerCtx, rule

RULE = rule("PC401", "error")


def needed(ctx: PowerCtx) -> list[RightType]:
    """The rights PC402, PC404 and PC405 require of this power, in that order, once each."""
    power, profile = ctx.power, ctx.profile
    wanted = [r.type for r in pc405.missing(power, profile)]
    wanted += pc402.missing(power, profile) + pc404.missing(power)
    return list(dict.fromkeys(wanted))


@RULE.check("power")
def check(ctx: PowerCtx) -> Iterator[Finding]:
    power = ctx.power
    if not power.external or power.rights:
        return
    yield Finding(("rights",), {"category": power.category.value, "needed": [r.value for r in needed(ctx)]})
