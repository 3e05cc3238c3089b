"""Text edits to a YAML file that keep the rest of it as written: add a key to a mapping (flow or
block), replace a token, and check by parsing the result that the edit does what it says."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from powercat.catalog.loader import Document
from powercat.lsp.convert import matching, token_end
from powercat.lsp.documents import at, parse_text

PLAIN_SAFE = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n]*$")


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace characters ``start``..``end`` of ``line`` (0-based; end may be on ``end_line``) by ``new``."""

    line: int
    start: int
    end_line: int
    end: int
    new: str


def apply(text: str, edit: Edit) -> str:
    lines = text.split("\n")

    def offset(line: int, char: int) -> int:
        return sum(len(ln) + 1 for ln in lines[:line]) + char

    a, b = offset(edit.line, edit.start), offset(edit.end_line, edit.end)
    return text[:a] + edit.new + text[b:]


def scalar(value: str) -> str:
    """``value`` as a YAML scalar: plain when that reads back the same, else double-quoted."""
    if PLAIN_SAFE.match(value) and ": " not in value and " #" not in value and not value.endswith((":", " ")):
        parsed = parse_text(f"k: {value}\n")
        if parsed.syntax is None and parsed.data == {"k": value}:
            return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _block_end(lines: list[str], first: int, indent: int) -> int:
    """The last line of the block mapping whose keys are indented ``indent``, starting at ``first``."""
    last = first
    for j in range(first + 1, len(lines)):
        s = lines[j].rstrip("\r")
        if not s.strip() or s.lstrip().startswith("#"):
            continue
        if len(s) - len(s.lstrip(" ")) < indent:
            break
        last = j
    return last


def insert_key(text: str, doc: Document, path: tuple[Any, ...], key: str, value: str) -> Edit | None:
    """Add ``key: value`` to the mapping at ``path``: in a flow mapping before its closing brace,
    in a block mapping after its last line, at its keys' indentation."""
    lines = text.split("\n")
    pos = doc.source.positions.get(path)
    if pos is None or not isinstance(at(doc.data, path), dict):
        return None
    line, col = (0, 0) if path == () else (pos.vline - 1, pos.vcolumn - 1)
    s = lines[line].rstrip("\r")
    if s[col:col + 1] == "{":
        close = matching(s, col) - 1
        if s[close:close + 1] != "}":
            return None
        inner = s[col + 1:close].rstrip()
        where = col + 1 + len(inner)
        return Edit(line, where, line, where, (", " if inner.strip() else "") + f"{key}: {value}")
    last = _block_end(lines, line, col) if path != () else len(lines) - 1
    while path == () and last > 0 and not lines[last].strip():
        last -= 1
    end = len(lines[last].rstrip("\r"))
    return Edit(last, end, last, end, "\n" + " " * col + f"{key}: {value}")


def replace_token(text: str, line: int, char: int, new: str) -> Edit | None:
    """Replace the token starting at ``line``/``char`` (a key, or a value) by ``new``."""
    lines = text.split("\n")
    if not 0 <= line < len(lines):
        return None
    s = lines[line].rstrip("\r")
    end = token_end(s, char)
    return Edit(line, char, line, end, new) if end > char else None


def verify(text: str, edit: Edit, path: tuple[Any, ...], expected: Any) -> bool:
    """Whether the edited text parses and has ``expected`` at ``path``."""
    parsed = parse_text(apply(text, edit))
    return parsed.syntax is None and at(parsed.data, path) == expected


def yaml_value(snippet: str) -> Any:
    """The data a YAML value snippet stands for (None when it is not one)."""
    parsed = parse_text(f"k: {snippet}\n")
    return None if parsed.syntax is not None or not isinstance(parsed.data, dict) else parsed.data.get("k")
