"""PC403 — ``hearing: true`` but the power has no hearing procedure and no 听证 step.

A hearing is described by a procedure of kind ``hearing`` or by a step whose name contains
听证 (as in the profile's standard procedures). Reported at the ``hearing`` key.
"""

from __future__ import annotations

from typing import Iterator

from powercat.catalog.enums import ProcedureKind
from powercat.lint.rules.base import Finding, PowerCtx, rule, walk_steps

RULE = rule("PC403", "error")

HEARING_WORD = "听证"


@RULE.check("power")
def check(ctx: PowerCtx) -> Iterator[Finding]:
    power = ctx.power
    if not power.hearing:
        return
    if any(p.kind == ProcedureKind.hearing for p in power.procedures):
        return
    if any(HEARING_WORD in step.name for _, _, step in walk_steps(power)):
        return
    yield Finding(("hearing",), {"procedures": len(power.procedures)})
