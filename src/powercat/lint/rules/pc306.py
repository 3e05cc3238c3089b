"""PC306 — the internal tasks of a refined step add up to more than the step's own limit.

Tasks run in order, so their limits add up (当场 and missing limits count 0). A step without
its own limit is PC301's; a refinement of an unknown step is PC508's. Reported at the
refinement's ``step`` key.
"""

from __future__ import annotations

from typing import Iterator

from powercat.catalog import timelimits as tl
from powercat.lint.rules.base import Finding, PowerCtx, rule, walk_steps

RULE = rule("PC306", "warning", statutory=False)  # practice and policy documents only


@RULE.check("power")
def check(ctx: PowerCtx) -> Iterator[Finding]:
    steps = {}
    for _, _, step in walk_steps(ctx.power):
        steps.setdefault(step.id, step)
    for ri, refinement in enumerate(ctx.power.internal):
        step = steps.get(refinement.step)
        if step is None or step.time_limit is None:
            continue
        total = tl.Span.total(t.time_limit for t in refinement.tasks)
        if not tl.exceeds(total, step.time_limit, ctx.profile):
            continue
        converted = tl.needs_conversion(total, step.time_limit)
        args = {"step": step.name, "id": step.id, "tasks": len(refinement.tasks)}
        args.update(tl.message_args(ctx.profile, total=total, limit=step.time_limit))
        yield Finding(("internal", ri, "step"), args, "converted" if converted else "message")
