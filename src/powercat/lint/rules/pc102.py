"""PC102 — a key is repeated in one mapping."""

from __future__ import annotations

from typing import Iterator

from powercat.lint.rules.base import Finding, ParseCtx, rule

RULE = rule("PC102", "error")


@RULE.check("parse")
def check(ctx: ParseCtx) -> Iterator[Finding]:
    for dup in ctx.duplicates:
        yield Finding((), {"key": dup.key, "first_line": dup.first_line}, line=dup.line, column=dup.column)
