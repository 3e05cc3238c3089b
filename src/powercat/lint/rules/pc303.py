"""PC303 — the promised limit is longer than the statutory limit.

Limits in different units are compared in working days by the profile's conversion, and the
message says so (variant ``converted``).
"""

from __future__ import annotations

from typing import Iterator

from powercat.catalog import timelimits as tl
from powercat.lint.rules.base import Finding, PowerCtx, rule

RULE = rule("PC303", "error")


@RULE.check("power")
def check(ctx: PowerCtx) -> Iterator[Finding]:
    limit = ctx.power.time_limit
    if limit is None or limit.statutory is None or limit.promised is None:
        return
    if not tl.exceeds(limit.promised, limit.statutory, ctx.profile):
        return
    converted = tl.needs_conversion(limit.promised, limit.statutory)
    args = tl.message_args(ctx.profile, promised=limit.promised, statutory=limit.statutory)
    yield Finding(("time_limit", "promised"), args, "converted" if converted else "message")
