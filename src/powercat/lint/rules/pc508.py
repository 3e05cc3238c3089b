"""PC508 — an internal refinement (`internal[].step`) names a step that does not exist."""

from __future__ import annotations

from typing import Iterator

from powercat.lint.rules.base import Finding, PowerCtx, rule, walk_steps
from powercat.lint.rules.pc502 import ids_by_name, suggest

RULE = rule("PC508", "error")


@RULE.check("power")
def check(ctx: PowerCtx) -> Iterator[Finding]:
    steps = [step for _, _, step in walk_steps(ctx.power)]
    ids, names = {step.id for step in steps}, ids_by_name(steps)
    for ri, ref in enumerate(ctx.power.internal):
        if ref.step not in ids:
            close = suggest(ref.step, ids, names)
            yield Finding(("internal", ri, "step"), {"step": ref.step, "suggestion": close},
                          "suggest" if close else "message", at="value")
