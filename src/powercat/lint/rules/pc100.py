"""PC100 — the file is not valid YAML (or not readable text).

The parser's own words are English and technical; the common ones are said again in plain
Chinese (``PROBLEMS``), the original kept for the English message.
"""

from __future__ import annotations

from typing import Iterator

from powercat.catalog.parse import SyntaxFault
from powercat.lint.rules.base import Finding, ParseCtx, rule

RULE = rule("PC100", "error", law="")

# libyaml's problem text (a prefix of it) -> what it means for the person editing the file
PROBLEMS = [
    ("mapping values are not allowed here", "这里不能出现“键: 值”：可能缩进不对，或值里有未加引号的冒号“: ”(整个值加引号即可)"),
    ("did not find expected ',' or ']'", "方括号 [ ] 没有闭合，或列表项之间少了逗号"),
    ("did not find expected ',' or '}'", "花括号 { } 没有闭合，或项之间少了逗号"),
    ("could not find expected ':'", "缺少冒号：键后面要有英文冒号和空格“: ”"),
    ("did not find expected key", "缩进不一致：这一行与同一层的其他键没有对齐"),
    ("did not find expected '-' indicator", "列表项缩进不一致：同一列表的“- ”要对齐"),
    ("expected <block end>", "缩进不一致：这一行的缩进与上下文不对齐"),
    ("found undefined alias", "引用了没有定义的锚点(*名称)"),
    ("found unexpected end of stream", "引号没有闭合：值开头的引号在文件结束前没有配对"),
    ("found unknown escape character", "双引号里有无效的转义符“\\”：改用单引号或去掉反斜杠"),
    ("but found another document", "一个文件里有多个文档(---)；每个事项单独一个文件"),
    ("found character that cannot start any token", "这里有不能作为值开头的字符(如 @ 或 `)：给整个值加引号"),
]


def plain(problem: str) -> str:
    """The Chinese explanation of a parser problem (the problem itself when none fits)."""
    return next((zh for prefix, zh in PROBLEMS if prefix in problem), problem)


READ_PROBLEMS = ("too_large", "binary", "encoding")  # message variants; any other is "unreadable"


def _fault_finding(fault: SyntaxFault) -> Finding:
    """The parser's fault, said the way the person editing the file will understand it."""
    args = {"problem": fault.problem, "problem_zh": plain(fault.problem)}
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
        yield Finding((), {"problem": problem, "problem_zh": plain(problem)}, variant, line=1, column=1)
    elif ctx.syntax is not None:
        yield _fault_finding(ctx.syntax)
