"""PC201 — a power without `legal_basis` (行使依据)."""

from __future__ import annotations

from typing import Iterator

from powercat.lint.rules.base import Finding, PowerCtx, rule

RULE = rule("PC201", "error")


@RULE.check("power")
def check(ctx: PowerCtx) -> Iterator[Finding]:
    if not ctx.power.legal_basis:
        present = ("legal_basis",) in ctx.source.positions
        yield Finding(("legal_basis",), {"name": ctx.power.name}, "empty" if present else "message")
