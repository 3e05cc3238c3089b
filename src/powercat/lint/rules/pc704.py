"""PC704 — a risk's `step` names a step that does not exist (in any procedure of the power).

A step of 无, - or / names none (the risk is not tied to a step).
"""

from __future__ import annotations

from typing import Iterator

from powercat.catalog import placeholders as ph
from powercat.lint.rules.base import Finding, PowerCtx, rule, walk_steps
from powercat.lint.rules.pc502 import ids_by_name, suggest

RULE = rule("PC704", "error")


@RULE.check("power")
def check(ctx: PowerCtx) -> Iterator[Finding]:
    steps = [step for _, _, step in walk_steps(ctx.power)]
    ids, names = {step.id for step in steps}, ids_by_name(steps)
    for i, risk in enumerate(ctx.power.risks):
        if risk.step and not ph.is_none(risk.step) and risk.step not in ids:
            close = suggest(risk.step, ids, names)
            yield Finding(("risks", i, "step"), {"step": risk.step, "description": risk.description,
                                                 "suggestion": close}, "suggest" if close else "message", at="value")
