"""PC302 — an external power without ``time_limit.statutory``."""

from __future__ import annotations

from typing import Iterator

from powercat.lint.rules.base import Finding, PowerCtx, rule

RULE = rule("PC302", "error")


@RULE.check("power")
def check(ctx: PowerCtx) -> Iterator[Finding]:
    power = ctx.power
    if not power.external:
        return
    if power.time_limit is None or power.time_limit.statutory is None:
        yield Finding(("time_limit", "statutory"), {"category": power.category.value})
