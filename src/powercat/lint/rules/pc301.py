"""PC301 — a ``task`` or ``decision`` step without ``time_limit``."""

from __future__ import annotations

from typing import Iterator

from powercat.lint.rules.base import Finding, PowerCtx, rule, step_path, walk_steps

RULE = rule("PC301", "warning", statutory=False)  # practice and policy documents only

TIMED = ("task", "decision")  # FORMAT.md section 3: time_limit is required for these step types


@RULE.check("power")
def check(ctx: PowerCtx) -> Iterator[Finding]:
    for pi, si, step in walk_steps(ctx.power):
        if str(step.type) in TIMED and step.time_limit is None:
            yield Finding(step_path(pi, si, "time_limit"), {"step": step.name, "id": step.id})
