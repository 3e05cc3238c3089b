"""Findings as LSP diagnostics: the range in the client's units, the message as ``validate`` words it.

powercat counts lines and columns from 1, in characters; LSP counts from 0, in the client's code
units (UTF-16 unless both agreed otherwise). A finding names where a token starts; the range
runs to the end of that token (a key to its colon, a quoted value to its closing quote, a flow
mapping to its closing brace, a plain value to the next separator), so the editor underlines
the word the finding is about.
"""

from __future__ import annotations

from typing import Any, Callable

from lsprotocol import types
from pygls.workspace import PositionCodec

from powercat import i18n as messages
from powercat.lint.diagnostics import Diagnostic, Severity
from powercat.lint.ruledocs import docs_url
from powercat.lsp.words import word

SEVERITY = {Severity.error: types.DiagnosticSeverity.Error, Severity.warning: types.DiagnosticSeverity.Warning,
            Severity.info: types.DiagnosticSeverity.Information}
CLOSE = {"{": "}", "[": "]"}


class Lines:
    """A document's lines, with positions converted between characters and the client's units."""

    def __init__(self, text: str, codec: PositionCodec | None = None) -> None:
        self.lines = text.split("\n")
        self.lines = [ln[:-1] if ln.endswith("\r") else ln for ln in self.lines]
        self.codec = codec or PositionCodec()

    def line(self, i: int) -> str:
        return self.lines[i] if 0 <= i < len(self.lines) else ""

    def position(self, line: int, char: int) -> types.Position:
        """0-based line and character -> the client's position."""
        line = max(0, min(line, len(self.lines) - 1))
        char = max(0, min(char, len(self.lines[line])))
        return self.codec.position_to_client_units(self.lines, types.Position(line=line, character=char))

    def char(self, pos: types.Position) -> int:
        """The client's position -> the character index on its line."""
        if not 0 <= pos.line < len(self.lines):
            return 0
        copy = types.Position(line=pos.line, character=pos.character)
        return self.codec.position_from_client_units(self.lines, copy).character

    def range(self, line: int, start: int, end: int) -> types.Range:
        return types.Range(start=self.position(line, start), end=self.position(line, end))


def _skip_quoted(s: str, i: int) -> int:
    """The index after the quoted scalar starting at ``s[i]``."""
    q, i = s[i], i + 1
    while i < len(s):
        if s[i] == "\\" and q == '"':
            i += 2
            continue
        if s[i] == q:
            if q == "'" and s[i + 1:i + 2] == "'":
                i += 2
                continue
            return i + 1
        i += 1
    return len(s)


def flow_depth(s: str, end: int) -> int:
    """How many flow collections ([ or {) are open before ``end`` on this line."""
    depth, i = 0, 0
    while i < min(end, len(s)):
        c = s[i]
        if c in "\"'" and (i == 0 or s[i - 1] in " \t[{,:"):
            i = _skip_quoted(s, i)
            continue
        if c == "#" and (i == 0 or s[i - 1] in " \t"):
            break
        depth += 1 if c in "[{" else -1 if c in "]}" and depth else 0
        i += 1
    return depth


def matching(s: str, i: int) -> int:
    """The index after the bracket closing the one at ``s[i]`` (the line's end if it is not closed)."""
    depth = 0
    while i < len(s):
        c = s[i]
        if c in "\"'":
            i = _skip_quoted(s, i)
            continue
        if c in "[{":
            depth += 1
        elif c in "]}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return len(s)


def token_end(s: str, start: int) -> int:
    """Where the YAML token starting at ``s[start]`` ends."""
    if start >= len(s):
        return len(s)
    c = s[start]
    if c in "\"'":
        return _skip_quoted(s, start)
    if c in CLOSE:
        return matching(s, start)
    in_flow = flow_depth(s, start) > 0
    i = start
    while i < len(s):
        c = s[i]
        if c == ":" and (i + 1 == len(s) or s[i + 1] in " \t" or in_flow and s[i + 1] in ",]}"):
            break
        if in_flow and c in ",]}" or c == "#" and s[i - 1] in " \t":
            break
        i += 1
    return len(s[:i].rstrip()) if i > start else i


def diagnostic_range(d: Diagnostic, lines: Lines) -> types.Range:
    """From where the finding points to the end of that token (the whole line when it points at nothing)."""
    line = max(0, min(d.line - 1, len(lines.lines) - 1))
    text = lines.line(line)
    start = max(0, min(d.column - 1, len(text)))
    end = token_end(text, start)
    if end <= start:  # past the line's end, or at a bare separator: the line's content
        start = len(text) - len(text.lstrip())
        end = len(text)
    return lines.range(line, start, end)


def to_lsp(d: Diagnostic, lines: Lines, lang: str, uri_of: Callable[[str], str]) -> types.Diagnostic:
    """One finding as an LSP diagnostic; ``data`` keeps what a quick fix needs."""
    related = [
        types.DiagnosticRelatedInformation(
            location=types.Location(uri=uri_of(r.file), range=diagnostic_range(
                Diagnostic(d.code, d.severity, r.file, r.line, r.column), lines)),
            message=word("also_at", lang))
        for r in d.related
    ]
    data: dict[str, Any] = {"variant": d.variant, "args": d.args, "line": d.line, "column": d.column}
    href = docs_url(d.code)
    return types.Diagnostic(
        range=diagnostic_range(d, lines),
        message=messages.message(d.code, d.args, d.variant, lang),
        severity=SEVERITY[d.severity],
        code=d.code,
        code_description=types.CodeDescription(href=href) if href else None,
        source="powercat",
        related_information=related or None,
        data=data,
    )
