"""PC503 — a step cannot be reached from the start step(s) of its procedure."""

from __future__ import annotations

from typing import Iterator

from ..flow import Flow, procedure_label
from .base import Finding, PowerCtx, rule, step_path

RULE = rule("PC503", "error")


@RULE.check("power")
def check(ctx: PowerCtx) -> Iterator[Finding]:
    for pi, proc in enumerate(ctx.power.procedures):
        flow = Flow.of(proc)
        if not flow.starts():
            continue  # PC509 reports the missing start; everything would be unreachable
        reached = flow.reachable()
        for sid in flow.ids:
            if sid not in reached:
                step = flow.step(sid)
                yield Finding(step_path(pi, flow.index[sid]), {
                    "step": step.name, "id": sid, "procedure": procedure_label(proc),
                })
