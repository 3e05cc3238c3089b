"""PC102 — a key is repeated in one mapping."""

from __future__ import annotations

from typing import Iterator

from powercat.lint.rules.base import Finding, ParseCtx, rule

RULE = rule("PC102", "error")


@RULE.check("parse")
def check(ctx: ParseCtx) -> Iterator[Finding]:
    for issue in ctx.issues:
        if issue.code == "PC102":
            yield Finding((), issue.args, line=issue.line, column=issue.column)
