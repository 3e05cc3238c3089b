"""PC104 — the same power `code` appears in two files (anywhere in the catalogs).

Codes are compared without regard to case: ``XK-ZJJ-001`` and ``xk-zjj-001`` are one code to a
reader, and their files ``XK-ZJJ-001.yaml`` and ``xk-zjj-001.yaml`` one file on the disks of
Windows and macOS, where a checkout keeps only one of them.
"""

from __future__ import annotations

from typing import Iterator

from powercat.lint.rules.base import CatalogCtx, Finding, PowerFacts, rule

RULE = rule("PC104", "error")


@RULE.check("catalog")
def check(ctx: CatalogCtx) -> Iterator[Finding]:
    """Every repetition after the first file (in catalog order) names the first one."""
    first: dict[str, PowerFacts] = {}
    for facts in ctx.powers:
        seen = first.setdefault(facts.code.casefold(), facts)
        if seen is facts:
            continue
        args = {"code": facts.code, "other": seen.file, "other_line": seen.line, "other_name": seen.name,
                "other_code": seen.code}
        variant = "message" if seen.code == facts.code else "case"
        yield Finding(("code",), args, variant, file=facts.file, line=facts.line, column=facts.column)
