"""PC100 — the file is not valid YAML (or not readable text)."""

from __future__ import annotations

from typing import Iterator

from .base import Finding, ParseCtx, rule

RULE = rule("PC100", "error", law="")


@RULE.check("parse")
def check(ctx: ParseCtx) -> Iterator[Finding]:
    for issue in ctx.issues:
        if issue.code == "PC100":
            yield Finding((), issue.args, issue.variant, line=issue.line, column=issue.column)
