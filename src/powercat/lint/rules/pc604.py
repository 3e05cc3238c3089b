"""PC604 — an external power whose disclosure `scope` is not `public` (or that has no disclosure)."""

from __future__ import annotations

from typing import Iterator

from powercat.lint.rules.base import Finding, PowerCtx, rule

RULE = rule("PC604", "error")


@RULE.check("power")
def check(ctx: PowerCtx) -> Iterator[Finding]:
    power = ctx.power
    if not power.external:
        return
    args = {"category": power.category.value}
    if power.disclosure is None:
        yield Finding(("disclosure",), args, "missing")
    elif power.disclosure.scope != "public":
        scope = power.disclosure.scope
        yield Finding(("disclosure", "scope"), {**args, "scope": scope.value}, at="value")
