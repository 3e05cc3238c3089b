"""PC606 — `timing: timely` (及时公开) without `within_days`."""

from __future__ import annotations

from typing import Iterator

from powercat.lint.rules.base import Finding, PowerCtx, rule

RULE = rule("PC606", "error")


@RULE.check("power")
def check(ctx: PowerCtx) -> Iterator[Finding]:
    disclosure = ctx.power.disclosure
    if disclosure is not None and disclosure.timing == "timely" and disclosure.within_days is None:
        yield Finding(("disclosure", "within_days"), {})
