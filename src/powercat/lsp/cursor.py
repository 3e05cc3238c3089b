"""The data path under the cursor, from the text as it is — also half typed, where no parser helps.

    cursor_at(text, line=12, char=40)
    -> Cursor(path=("procedures", 0, "steps", 2, "post"), role="value", word="enforcer", ...)

Only as much YAML as that takes: block mappings and sequences by indentation (a block scalar's
lines skipped), and the flow collections of one line (``- {id: s1, next: [s2, s3]}``). For a
file that parses, the path is the one its ``SourceMap`` has for the same place (the tests check
this against every key and value of the demo catalog); for broken text it is the best reading
of the lines above the cursor and of the cursor's line up to the cursor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from powercat.lsp.convert import _skip_quoted, token_end

KEY = re.compile(r"""("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{\[\]},&*!|>%@`:-][^#]*?|-[^\s#][^#]*?)[ \t]*:(?=[ \t]|$)""")
BLOCK_SCALAR = re.compile(r"^[|>][-+0-9]*\s*(#.*)?$")


@dataclass(frozen=True, slots=True)
class Cursor:
    path: tuple[Any, ...]  # the data path of the key or value under the cursor
    role: str  # "key" | "value"
    word: str  # the whole token under the cursor ("" on nothing)
    start: int  # the token's span on the line (characters)
    end: int
    typed: str = ""  # the token up to the cursor (what completion filters by)


@dataclass(slots=True)
class _Entry:
    indent: int
    seg: Any  # a key, or an index of a sequence item
    item: bool = False
    opens: bool = False  # a key whose value starts on a later line


def _unquote(key: str) -> str:
    if len(key) >= 2 and key[0] == key[-1] and key[0] in "\"'":
        return key[1:-1]
    return key


def _strip_comment(s: str) -> str:
    i = 0
    while i < len(s):
        if s[i] in "\"'" and (i == 0 or s[i - 1] in " \t[{,:"):
            i = _skip_quoted(s, i)
            continue
        if s[i] == "#" and (i == 0 or s[i - 1] in " \t"):
            return s[:i].rstrip()
        i += 1
    return s.rstrip()


class _Block:
    """The block structure above the cursor: a stack of the keys and items the cursor is inside."""

    def __init__(self) -> None:
        self.stack: list[_Entry] = []
        self.scalar_indent: int | None = None  # inside a block scalar of a key at this indent

    def path(self) -> tuple[Any, ...]:
        return tuple(e.seg for e in self.stack)

    def item(self, col: int) -> None:
        """A sequence item (``- ``) at ``col``: the next of its siblings, or the first."""
        while self.stack and self.stack[-1].indent > col:
            self.stack.pop()
        index = 0
        if self.stack and self.stack[-1].indent == col and self.stack[-1].item:
            index = self.stack.pop().seg + 1
        self.stack.append(_Entry(col, index, item=True))

    def key(self, col: int, key: str, opens: bool) -> None:
        while self.stack and self.stack[-1].indent >= col:
            self.stack.pop()
        self.stack.append(_Entry(col, key, opens=opens))

    def feed(self, line: str) -> None:
        """One whole line above the cursor."""
        body = _strip_comment(line)
        if not body.strip() or body.strip() in ("---", "..."):
            return
        col = len(body) - len(body.lstrip(" "))
        if self.scalar_indent is not None:
            if col > self.scalar_indent:
                return
            self.scalar_indent = None
        col = self._items(body, col)
        m = KEY.match(body, col)
        if m is None:
            return
        rest = body[m.end():].strip()
        self.key(col, _unquote(m.group(1).strip()), opens=not rest)
        if BLOCK_SCALAR.match(rest):
            self.scalar_indent = col

    def _items(self, body: str, col: int) -> int:
        while body.startswith("-", col) and (col + 1 == len(body) or body[col + 1] in " \t"):
            self.item(col)
            col += 1
            while col < len(body) and body[col] in " \t":
                col += 1
        return col


def _flow(s: str, start: int, cursor: int, base: tuple[Any, ...]) -> tuple[tuple[Any, ...], str, int]:
    """(path, role, start of the current token) inside the flow collection at ``s[start]``."""
    frames: list[list[Any]] = []  # [kind, key or index, expecting ("key"/"value"), path]
    path, i, tok = base, start, start
    while i < cursor:
        c = s[i]
        top = frames[-1] if frames else None
        if c in "\"'" and (i == tok or s[tok:i].strip() == ""):
            i = _skip_quoted(s, i)
            continue
        if c in "[{":
            inner = path if top is None else path + ((top[1],) if top[0] == "seq" or top[1] is not None else ())
            frames.append(["map" if c == "{" else "seq", None if c == "{" else 0, "key", inner])
            path, tok = inner, i + 1
        elif c in "]}" and frames:
            frames.pop()
            path = frames[-1][3] if frames else base
        elif c == "," and top is not None:
            if top[0] == "map":
                top[1], top[2] = None, "key"
            else:
                top[1] += 1
            tok = i + 1
        elif c == ":" and top is not None and top[0] == "map" and top[2] == "key" and s[i + 1:i + 2] in (" ", "", "{", "["):
            top[1], top[2] = _unquote(s[tok:i].strip()), "value"
            tok = i + 1
        i += 1
    if not frames:
        return path, "value", tok
    kind, seg, expecting, here = frames[-1]
    if kind == "map" and expecting == "key":
        return here, "key", tok
    return here + (seg,), "value", tok


def _token(s: str, start: int, cursor: int) -> tuple[int, int]:
    """The span of the token at ``cursor``, beginning at or after ``start``."""
    while start < len(s) and s[start] in " \t":
        start += 1
    if start > cursor:
        return cursor, cursor
    return start, max(cursor, token_end(s, start))


def _line(block: _Block, s: str, char: int) -> Cursor:
    """The cursor's own line, with the block above it in ``block``."""
    body = _strip_comment(s)
    col = len(s) - len(s.lstrip(" "))
    if not s.strip() or char < col:  # an empty line, or in the indentation: a new key there
        block.key(min(char, col) if s.strip() else char, "", opens=False)
        return Cursor(block.path(), "key", "", char, char)
    first = col
    col = block._items(s, col)
    if char < col:
        block.key(col, "", opens=False)
        return Cursor(block.path(), "key", "", char, char)
    m = KEY.match(body, col)
    if m and char <= m.start(1) + len(m.group(1)):
        key = _unquote(m.group(1).strip())
        block.key(col, key, opens=False)
        return Cursor(block.path(), "key", key, m.start(1), m.start(1) + len(m.group(1)), s[m.start(1):char])
    if m:
        block.key(col, _unquote(m.group(1).strip()), opens=True)
        col = m.end()
        while col < len(s) and s[col] in " \t":
            col += 1
    return _value(block, s, col, char, bare=m is None and col == first)


def _value(block: _Block, s: str, col: int, char: int, bare: bool) -> Cursor:
    """The value at ``s[col:]`` (``bare``: a word alone on its line, so a key being typed)."""
    if col < len(s) and s[col] in "[{" and char > col:
        path, role, tok = _flow(s, col, char, block.path())
        start, end = _token(s, tok, char)
        if role == "key":
            end = start + len(s[start:end].split(":")[0].rstrip())
            path = path + (s[start:end].strip(),)
        return Cursor(path, role, s[start:end], start, end, s[start:char])
    start, end = _token(s, col, char)
    if bare:  # a key being typed, no colon yet
        block.key(col, s[start:end].strip(), opens=False)
        return Cursor(block.path(), "key", s[start:end], start, end, s[start:char])
    return Cursor(block.path(), "value", s[start:end], start, end, s[start:char])


def cursor_at(text: str, line: int, char: int) -> Cursor:
    """The place under the cursor (0-based ``line``, ``char`` in characters)."""
    lines = text.split("\n")
    block = _Block()
    for above in lines[:max(0, line)]:
        block.feed(above.rstrip("\r"))
    s = lines[line].rstrip("\r") if 0 <= line < len(lines) else ""
    if block.scalar_indent is not None and (not s.strip() or len(s) - len(s.lstrip(" ")) > block.scalar_indent):
        return Cursor(block.path(), "value", s.strip(), len(s) - len(s.lstrip()), len(s), s[:char].lstrip())
    return _line(block, s, min(char, len(s)))
