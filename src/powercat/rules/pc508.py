"""PC508 — an internal refinement (`internal[].step`) names a step that does not exist."""

from __future__ import annotations

from typing import Iterator

from .base import Finding, PowerCtx, rule, walk_steps
from .pc502 import suggest

RULE = rule("PC508", "error")


@RULE.check("power")
def check(ctx: PowerCtx) -> Iterator[Finding]:
    ids = {step.id for _, _, step in walk_steps(ctx.power)}
    for ri, ref in enumerate(ctx.power.internal):
        if ref.step not in ids:
            close = suggest(ref.step, ids)
            yield Finding(("internal", ri, "step"), {"step": ref.step, "suggestion": close},
                          "suggest" if close else "message", at="value")
