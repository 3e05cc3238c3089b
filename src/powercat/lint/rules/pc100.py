"""PC100 — the file is not valid YAML (or not readable text).

The parser's own words are English and technical; the common ones are said again in plain
words (``PROBLEMS`` names them, the locale files say them), the original kept in ``problem``.
"""

from __future__ import annotations

from typing import Iterator

from powercat.catalog.parse import MAX_CHARS, MAX_NODES, SyntaxFault
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


READ_PROBLEMS = ("too_large", "binary", "encoding")  # message variants; any other is "unreadable"


def _fault_finding(fault: SyntaxFault) -> Finding:
    """The parser's fault, said the way the person editing the file will understand it."""
    if fault.too_big:  # an alias bomb: what it would expand to, where the limit was passed
        variant, limit = ("expands_chars", MAX_CHARS) if "characters" in fault.problem else (
            ("expands_nodes", MAX_NODES) if "nodes" in fault.problem else ("too_deep", 0))
        return Finding((), {"limit": limit}, variant, line=fault.line, column=fault.column)
    args = {"problem": fault.problem, "explained": plain(fault.problem)}
    line = fault.source_line
    if "\uff1a" in line and ": " not in line:  # a full-width colon where the YAML one belongs
        return Finding((), args | {"line": fault.line}, "fullwidth_colon", line=fault.line, column=line.index("\uff1a") + 1)
    if line.startswith("\t") or "found character '\\t'" in fault.problem:
        return Finding((), args | {"line": fault.line}, "tab", line=fault.line, column=fault.column)
    return Finding((), args, line=fault.line, column=fault.column)


@RULE.check("parse")
def check(ctx: ParseCtx) -> Iterator[Finding]:
    if ctx.problem and ctx.problem != "missing":
        problem = ctx.problem if ctx.problem in READ_PROBLEMS else (ctx.detail or ctx.problem)
        variant = ctx.problem if ctx.problem in READ_PROBLEMS else "unreadable"
        yield Finding((), {"problem": problem, "explained": plain(problem)}, variant, line=1, column=1)
    elif ctx.syntax is not None:
        yield _fault_finding(ctx.syntax)
