"""PC702 — a `high` risk without `controls` (防控措施).

A control of 无, - or / is none; a ``TODO`` control is PC110's (reported once).
"""

from __future__ import annotations

from typing import Iterator

from powercat.catalog import placeholders as ph
from powercat.lint.rules.base import Finding, PowerCtx, rule

RULE = rule("PC702", "warning", statutory=False)  # practice and policy documents only


@RULE.check("power")
def check(ctx: PowerCtx) -> Iterator[Finding]:
    for i, risk in enumerate(ctx.power.risks):
        if risk.level == "high" and not any(c.strip() and not ph.is_none(c) for c in risk.controls):
            yield Finding(("risks", i, "controls"), {"description": risk.description})
