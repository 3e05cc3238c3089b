"""PC605 — disclosure without any carrier, or a `public` power without `website` among them.

Also reports an internal-category power with no `disclosure` at all (for external powers PC604
reports that as an error).
"""

from __future__ import annotations

from typing import Iterator

from powercat.lint.rules.base import Finding, PowerCtx, rule

RULE = rule("PC605", "warning")


@RULE.check("power")
def check(ctx: PowerCtx) -> Iterator[Finding]:
    disclosure = ctx.power.disclosure
    if disclosure is None:
        if not ctx.power.external:
            yield Finding(("disclosure",), {"category": ctx.power.category.value}, "missing")
        return
    if not disclosure.carriers:
        yield Finding(("disclosure", "carriers"), {"scope": disclosure.scope.value})
    elif disclosure.scope == "public" and "website" not in disclosure.carriers:
        yield Finding(("disclosure", "carriers"), {"scope": disclosure.scope.value}, "no_website", at="value")
