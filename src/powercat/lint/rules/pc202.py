"""PC202 — a basis without `article` (条款)."""

from __future__ import annotations

from typing import Iterator

from powercat.lint.rules.base import Finding, PowerCtx, rule

RULE = rule("PC202", "warning")


@RULE.check("power")
def check(ctx: PowerCtx) -> Iterator[Finding]:
    for i, basis in enumerate(ctx.power.legal_basis):
        if not (basis.article or "").strip():
            yield Finding(("legal_basis", i, "article"), {"law": basis.law, "index": i + 1})
