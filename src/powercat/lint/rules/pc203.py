"""PC203 — a basis without `text` (法条内容).

A text of 无, - or / is missing too; a ``TODO`` text is PC110's (reported once),
and so is a basis whose law is still a placeholder.
"""

from __future__ import annotations

from typing import Iterator

from powercat.catalog import placeholders as ph
from powercat.lint.rules.base import Finding, PowerCtx, rule

RULE = rule("PC203", "warning")


@RULE.check("power")
def check(ctx: PowerCtx) -> Iterator[Finding]:
    for i, basis in enumerate(ctx.power.legal_basis):
        if ph.is_placeholder(basis.law):  # not a basis yet: PC110 reports its law
            continue
        if not (basis.text or "").strip() or ph.is_none(basis.text):
            article = basis.article if ph.filled(basis.article) else ""
            args = {"law": basis.law, "article": article or "", "index": i + 1}
            yield Finding(("legal_basis", i, "text"), args, "message" if article else "no_article")
