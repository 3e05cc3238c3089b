"""PC506 — a `task`/`decision` step done by the department names no `post` (承办岗位).

A step with an `actor` (申请人, another authority ...) is done by someone else and needs no post.
"""

from __future__ import annotations

from typing import Iterator

from powercat.lint.rules.base import Finding, PowerCtx, rule, step_path, walk_steps

RULE = rule("PC506", "error")


@RULE.check("power")
def check(ctx: PowerCtx) -> Iterator[Finding]:
    for pi, si, step in walk_steps(ctx.power):
        if step.type in ("task", "decision") and not (step.post or "").strip() and not (step.actor or "").strip():
            yield Finding(step_path(pi, si, "post"), {"step": step.name, "id": step.id, "type": step.type.value})
