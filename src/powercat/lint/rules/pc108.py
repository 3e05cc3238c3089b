"""PC108 — a `lint: {ignore: [...]}` suppression without a reason, or naming an unknown code.

An extension of RULES.md (which asks for "a reason" with every suppression but gives no code
for its absence): a silenced check is a decision the legal reviewer must be able to read.
"""

from __future__ import annotations

from typing import Iterator

from powercat.lint.rules import CODES
from powercat.lint.rules.base import Finding, PowerCtx, rule

RULE = rule("PC108", "warning")


@RULE.check("power")
def check(ctx: PowerCtx) -> Iterator[Finding]:
    settings = ctx.power.lint
    if settings is None:
        return
    for i, code in enumerate(settings.ignore):
        if code not in CODES:
            yield Finding(("lint", "ignore", i), {"code": code}, "unknown_code", at="value")
    if settings.ignore and not (settings.reason or "").strip():
        yield Finding(("lint", "reason"), {"codes": list(settings.ignore)}, "no_reason")
