"""PC104 — the same power `code` appears in two files (anywhere in the catalogs)."""

from __future__ import annotations

from typing import Iterator

from powercat.lint.rules.base import CatalogCtx, Finding, PowerFacts, rule

RULE = rule("PC104", "error")


@RULE.check("catalog")
def check(ctx: CatalogCtx) -> Iterator[Finding]:
    """Every repetition after the first file (in catalog order) names the first one."""
    first: dict[str, PowerFacts] = {}
    for facts in ctx.powers:
        seen = first.setdefault(facts.code, facts)
        if seen is facts:
            continue
        args = {"code": facts.code, "other": seen.file, "other_line": seen.line, "other_name": seen.name}
        yield Finding(("code",), args, file=facts.file, line=facts.line, column=facts.column)
