"""PC100 — the file is not valid YAML (or not readable text).

The parser's own words are English and technical; the common ones are said again in plain
words (``PROBLEMS`` names them, the locale files say them), the original kept in ``problem``.
"""

from __future__ import annotations

from typing import Iterator

from powercat.lint.rules.base import Finding, ParseCtx, rule

RULE = rule("PC100", "error")

# libyaml's problem text (a prefix of it) -> what it means for the person editing the file, said
# in words in the locale table ``PC100.problems``
PROBLEMS = [
    ("mapping values are not allowed here", "mapping_values"),
    ("did not find expected ',' or ']'", "open_bracket"),
    ("did not find expected ',' or '}'", "open_brace"),
    ("could not find expected ':'", "no_colon"),
    ("did not find expected key", "key_indent"),
    ("did not find expected '-' indicator", "item_indent"),
    ("expected <block end>", "block_indent"),
    ("found undefined alias", "alias"),
    ("found unexpected end of stream", "open_quote"),
    ("found unknown escape character", "escape"),
    ("but found another document", "documents"),
    ("found character that cannot start any token", "bad_start"),
]


def plain(problem: str) -> str:
    """The key of a parser problem in ``PC100.problems`` (the problem itself when none fits)."""
    return next((key for prefix, key in PROBLEMS if prefix in problem), problem)


@RULE.check("parse")
def check(ctx: ParseCtx) -> Iterator[Finding]:
    for issue in ctx.issues:
        if issue.code == "PC100":
            args = {**issue.args, "explained": plain(str(issue.args.get("problem", "")))}
            yield Finding((), args, issue.variant, line=issue.line, column=issue.column)
