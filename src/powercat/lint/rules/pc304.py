"""PC304 — the longest path through a procedure exceeds the power's limit.

Per procedure: the sum of step limits along the longest path from the start step to an end
step (back edges of cycles ignored; PC505 reports cycles) against ``promised``, or
``statutory`` when no promised limit is given; working and natural days are compared by the
profile's conversion and the message says so. Steps the law does not count (the profile's
``uncounted_steps``: 听证、检验、检测、鉴定、专家评审 … under 行政许可法第四十五条) add nothing. Reported at the procedure (its ``kind`` key):
the fix is in its steps or in the power's limit, and the message names the path step by step.
"""

from __future__ import annotations

from typing import Iterator

from powercat.catalog import timelimits as tl
from powercat.catalog.flow import procedure_arg
from powercat.lint.rules.base import Finding, PowerCtx, rule

RULE = rule("PC304", "error")


@RULE.check("power")
def check(ctx: PowerCtx) -> Iterator[Finding]:
    tlimit = ctx.power.time_limit
    if tlimit is None or (tlimit.promised is None and tlimit.statutory is None):
        return
    kind = "promised" if tlimit.promised is not None else "statutory"
    uncounted = ctx.profile.category(ctx.power.category).uncounted_steps
    limit = getattr(tlimit, kind)
    for pi, proc in enumerate(ctx.power.procedures):
        route = tl.longest_path(proc, ctx.profile, uncounted)
        if route is None or not tl.exceeds(route.span, limit, ctx.profile):
            continue
        names = {s.id: s.name for s in reversed(proc.steps)}
        args = {"path": "→".join(names[sid] for sid in route.steps)}
        args["procedure"] = procedure_arg(proc)
        args |= tl.message_args(ctx.profile, total=route.span, limit=limit)
        converted = tl.needs_conversion(route.span, limit)
        yield Finding(("procedures", pi, "kind"), args, kind + ("_converted" if converted else ""))
