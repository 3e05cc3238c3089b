"""PC505 — a loop of steps from which no `end` step can be reached (the case would never close).

Not evaluated for a procedure without any `end` step (PC504) or with a `next` to a missing
step (PC502): the loop's way out may be that mistyped `next`.
"""

from __future__ import annotations

from typing import Iterator

from powercat.catalog.flow import procedure_arg
from powercat.lint.rules.base import Finding, PowerCtx, rule, step_path

RULE = rule("PC505", "error")


@RULE.check("power")
def check(ctx: PowerCtx) -> Iterator[Finding]:
    for pi, proc in enumerate(ctx.power.procedures):
        flow = ctx.flow(pi)
        if not flow.ends() or flow.dangling():
            continue
        for loop in flow.dead_cycles():
            first = flow.step(loop[0])
            names = [flow.step(sid).name for sid in loop]
            yield Finding(step_path(pi, flow.index[loop[0]]), {
                "steps": names, "ids": ", ".join(loop), "step": first.name, "id": first.id,
                "procedure": procedure_arg(proc), "count": len(loop),
            }, "message" if len(loop) > 1 else "self")
