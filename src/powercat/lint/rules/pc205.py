"""PC205 — no basis has a `level` that may create this category of power.

The creating levels and their source article are the profile's (categories.<cat>.creating_levels,
creating_source). Evaluated only when every basis carries `level`: a basis without one may be
the law that creates the power, so nothing can be concluded. A basis whose law is still a
placeholder (PC110) is no basis: it is left out, and with no other basis nothing is concluded.
"""

from __future__ import annotations

from typing import Iterator

from powercat.catalog import placeholders as ph
from powercat.lint.rules.base import Finding, PowerCtx, rule

RULE = rule("PC205", "error")


@RULE.check("power")
def check(ctx: PowerCtx) -> Iterator[Finding]:
    bases = [b for b in ctx.power.legal_basis if not ph.is_placeholder(b.law)]
    allowed = ctx.profile.category(ctx.power.category)
    if not bases or not allowed.creating_levels or any(b.level is None for b in bases):
        return
    levels = [b.level for b in bases if b.level is not None]
    if any(lv in allowed.creating_levels for lv in levels):
        return
    used = list(dict.fromkeys(lv.value for lv in levels))
    permitted = [lv.value for lv in allowed.creating_levels]
    args = {
        "category": ctx.power.category.value, "levels": used, "allowed": permitted,
        "source": allowed.creating_source or "",
    }
    yield Finding(("legal_basis",), args)
