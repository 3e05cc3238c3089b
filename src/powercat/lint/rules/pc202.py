"""PC202 — a basis without `article` (条款).

An article of 无, - or / is missing too; a ``TODO`` article is PC110's (reported once),
and so is a basis whose law is still a placeholder.
"""

from __future__ import annotations

from typing import Iterator

from powercat.catalog import placeholders as ph
from powercat.lint.rules.base import Finding, PowerCtx, rule

RULE = rule("PC202", "warning")


@RULE.check("power")
def check(ctx: PowerCtx) -> Iterator[Finding]:
    for i, basis in enumerate(ctx.power.legal_basis):
        if ph.is_placeholder(basis.law):  # not a basis yet: PC110 reports its law
            continue
        if not (basis.article or "").strip() or ph.is_none(basis.article):
            yield Finding(("legal_basis", i, "article"), {"law": basis.law, "index": i + 1})
