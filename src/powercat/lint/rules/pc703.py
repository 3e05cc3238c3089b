"""PC703 — a `major_decision` or `internal_management` power lists no risk (风险点)."""

from __future__ import annotations

from typing import Iterator

from powercat.catalog.enums import Category
from powercat.lint.rules.base import Finding, PowerCtx, rule

RULE = rule("PC703", "warning")

INTERNAL = (Category.major_decision, Category.internal_management)


@RULE.check("power")
def check(ctx: PowerCtx) -> Iterator[Finding]:
    cat = ctx.power.category
    if cat in INTERNAL and not ctx.power.risks:
        yield Finding(("risks",), {"category": cat.value})
