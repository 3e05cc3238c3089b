"""PC206 — a charged fee whose basis is not of a level that may provide for fees in this category
(licensing: a law or an administrative regulation only, 行政许可法第五十八条).

A charged fee without `fee.basis`, or without `fee.basis_level`, is reported too (variants
no_basis, no_level): the exception of art. 58 cannot be confirmed without them.

A ``TODO`` basis is PC110's (nothing to judge); 无, - or / is no basis (variant no_basis).

The levels and their source are the profile's (categories.<cat>.fee_levels, fee_source); a
category without fee_levels is not checked.
"""

from __future__ import annotations

from typing import Iterator

from powercat.catalog import placeholders as ph
from powercat.lint.rules.base import Finding, PowerCtx, rule

RULE = rule("PC206", "error")


@RULE.check("power")
def check(ctx: PowerCtx) -> Iterator[Finding]:
    fee = ctx.power.fee
    allowed = ctx.profile.category(ctx.power.category)
    if not fee.charged or not allowed.fee_levels or ph.is_todo(fee.basis):
        return
    permitted = [lv.value for lv in allowed.fee_levels]
    args = {
        "category": ctx.power.category.value, "allowed": permitted,
        "source": allowed.fee_source or "", "basis": fee.basis or "",
    }
    if not (fee.basis or "").strip() or ph.is_none(fee.basis):
        yield Finding(("fee", "basis"), args, "no_basis")
    elif fee.basis_level is None:
        yield Finding(("fee", "basis_level"), args, "no_level")
    elif fee.basis_level not in allowed.fee_levels:
        args["level"] = fee.basis_level.value
        yield Finding(("fee", "basis_level"), args, at="value")
