"""PC504 — a non-`end` step has no `next`, or a procedure has no `end` step."""

from __future__ import annotations

from typing import Iterator

from powercat.catalog.flow import procedure_arg
from powercat.lint.rules.base import Finding, PowerCtx, rule, step_path

RULE = rule("PC504", "error")


@RULE.check("power")
def check(ctx: PowerCtx) -> Iterator[Finding]:
    for pi, proc in enumerate(ctx.power.procedures):
        label = procedure_arg(proc)
        for si, step in enumerate(proc.steps):
            if step.type != "end" and not step.next:
                yield Finding(step_path(pi, si, "next"), {"step": step.name, "id": step.id, "procedure": label})
        if not any(step.type == "end" for step in proc.steps):
            yield Finding(("procedures", pi, "steps"), {"procedure": label}, "no_end")
