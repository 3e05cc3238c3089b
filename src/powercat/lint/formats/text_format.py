"""`--format text`: grouped by file, each finding with the offending YAML line and a hint."""

from __future__ import annotations

import io
from itertools import groupby
from pathlib import Path

from rich.console import Console
from rich.text import Text

from powercat import i18n as messages
from powercat.lint.diagnostics import Diagnostic, Severity
from powercat.lint.diagnostics import Report
from powercat.lint.formats import summary
from powercat.safe import visible

STYLE = {Severity.error: "bold red", Severity.warning: "yellow", Severity.info: "cyan"}


def _source_lines(root: Path, rel: str) -> list[str]:
    try:
        return (root / rel).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return []


def _line(text: str) -> str:
    """One line of plain characters: what a file holds never moves the cursor, colours the
    terminal or starts a line of its own (a CI runner reads ``::command::`` lines as commands)."""
    return visible(text).replace("\n", " ")


def _one(d: Diagnostic, lines: list[str], lang: str) -> list[Text]:
    head = Text(f"  {d.line}:{d.column}  ")
    head.append(messages.t("ui." + d.severity.value, lang), STYLE[d.severity])
    head.append(f"  {d.code}  ", "bold")
    head.append(_line(messages.message(d.code, d.args, d.variant, lang)))
    out = [head]
    if 0 < d.line <= len(lines):
        out.append(Text(f"    {d.line:>4} | {_line(lines[d.line - 1])}", "dim"))
        out.append(Text(" " * (11 + _width(_line(lines[d.line - 1][: d.column - 1]))) + "^", STYLE[d.severity]))
    hint = messages.hint(d.code, d.args, d.variant, lang)
    if hint:
        out.append(Text(f"    {messages.t('ui.hint', lang)}: {_line(hint)}", "green"))
    if d.related:
        places = ", ".join(f"{r.line}:{r.column}" for r in d.related[:20])
        more = f" … (+{len(d.related) - 20})" if len(d.related) > 20 else ""
        out.append(Text(f"    {messages.t('ui.also_at', lang)}: {places}{more}", "dim"))
    return out


def _width(s: str) -> int:
    """Display width: CJK characters take two columns."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in s)


def format_report(report: Report, lang: str, color: bool = False, strict: bool = False) -> str:
    buf = io.StringIO()
    console = Console(file=buf, force_terminal=color, no_color=not color, width=10_000, highlight=False,
                      soft_wrap=True)
    for rel, group in groupby(report.diagnostics, key=lambda d: d.file):
        console.print(Text(_line(rel), "bold underline"))
        lines = _source_lines(report.root, rel)
        for d in group:
            for t in _one(d, lines, lang):
                console.print(t)
        console.print()
    console.print(Text(summary(report, lang), "bold"))
    return buf.getvalue()
