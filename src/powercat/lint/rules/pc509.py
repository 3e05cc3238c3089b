"""PC509 — a procedure has no `start` step, or more than one (or the power has no procedure)."""

from __future__ import annotations

from typing import Iterator

from powercat.catalog.flow import procedure_arg
from powercat.lint.rules.base import Finding, PowerCtx, rule, step_path

RULE = rule("PC509", "error")


@RULE.check("power")
def check(ctx: PowerCtx) -> Iterator[Finding]:
    if not ctx.power.procedures:
        yield Finding(("procedures",), {}, "no_procedure")
        return
    for pi, proc in enumerate(ctx.power.procedures):
        starts = [si for si, step in enumerate(proc.steps) if step.type == "start"]
        label = procedure_arg(proc)
        if not starts:
            yield Finding(("procedures", pi, "steps"), {"procedure": label}, "none")
        elif len(starts) > 1:
            names = [proc.steps[si].name for si in starts]
            ids = ", ".join(proc.steps[si].id for si in starts)
            yield Finding(step_path(pi, starts[1]), {"procedure": label, "count": len(starts), "steps": names,
                                                     "ids": ids}, "many", related=[step_path(pi, si) for si in starts[2:]])
