"""PC203 — a basis without `text` (法条内容)."""

from __future__ import annotations

from typing import Iterator

from powercat.lint.rules.base import Finding, PowerCtx, rule

RULE = rule("PC203", "warning")


@RULE.check("power")
def check(ctx: PowerCtx) -> Iterator[Finding]:
    for i, basis in enumerate(ctx.power.legal_basis):
        if not (basis.text or "").strip():
            args = {"law": basis.law, "article": basis.article or "", "index": i + 1}
            yield Finding(("legal_basis", i, "text"), args, "message" if basis.article else "no_article")
