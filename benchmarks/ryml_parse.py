"""rapidyaml (``import ryml``) into powercat's ``Parsed``: the candidate that bench_parser.py
measures against ``powercat.catalog.parse.parse_yaml`` (libyaml). Not used by powercat.

ryml's Python binding (0.15.2) has no node locations: ``ryml.Parser`` and
``ParserOptions().locations(true)`` are C++ only (api/ryml.i wraps ``Tree``, the parse
functions, and ``Location`` only for errors). But a tree parsed *in place* points into the
source buffer: each scalar's memoryview starts at that scalar's bytes in the file, which is how
ryml's own C++ ``Parser::location()`` finds them too. So the converter reads the address of
every key and value, turns the offset into libyaml's line and column (characters, 1-based), and
finds what has no address of its own (an empty value, a collection, a block scalar's ``|``)
from the source text, the way libyaml marks it.

Plain scalars are typed by the same resolver as ``parse_yaml`` (YAML 1.2 booleans, libyaml's
ints, floats, nulls, dates; an impossible date stays text), keys as its ``_Builder`` types them,
repeated keys become ``Duplicate``. What it does not do, it declines (``Unsupported`` with the
reason) so the caller parses the file with libyaml: syntax errors (libyaml's words and
positions are what PC100 explains), anchors, aliases, tags, merge keys, several documents,
and the few places libyaml's mark cannot be found from the tree.
"""

from __future__ import annotations

import ctypes
import re
from bisect import bisect_right
from typing import Any

import ryml
from ryml import _ryml
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from powercat.catalog.parse import Duplicate, Parsed, Pos, SourceMap, _Loader, parse_yaml

NONE = ryml.NONE
KEY, VAL, MAP, SEQ = ryml.KEY, ryml.VAL, ryml.MAP, ryml.SEQ
EXOTIC = ryml.KEYANCH | ryml.VALANCH | ryml.KEYREF | ryml.VALREF | ryml.KEYTAG | ryml.VALTAG
VALNIL, FLOW = ryml.VALNIL, ryml.FLOW_SL | ryml.FLOW_ML
KEY_PLAIN, KEY_QUO = ryml.KEY_PLAIN, ryml.KEY_SQUO | ryml.KEY_DQUO
VAL_PLAIN, VAL_QUO = ryml.VAL_PLAIN, ryml.VAL_SQUO | ryml.VAL_DQUO
_STR = "tag:yaml.org,2002:str"
_AFTER_COLON = re.compile(rb"[ \t]*(:)(?:[ \t\r\n]|#[^\r\n]*)*")  # group 1 ends where libyaml marks an empty value
_QUOTED = re.compile(rb"'(?:[^']|'')*'|\"(?:[^\"\\]|\\.)*\"", re.S)
_NL = re.compile(rb"\n")
_OPENER = {MAP: b"{", SEQ: b"["}


class Unsupported(Exception):
    """ryml's tree cannot give libyaml's answer here; the reason says why (parse with libyaml)."""


def _view_offset() -> int:
    """Where a memoryview object keeps its buffer's address (found on this interpreter, not assumed)."""
    probe = bytearray(b"where")
    addr = ctypes.addressof(ctypes.c_char.from_buffer(probe))
    view = memoryview(probe)
    for off in range(16, 256, 8):
        if ctypes.c_void_p.from_address(id(view) + off).value == addr:
            return off
    raise RuntimeError("cannot find a memoryview's buffer address")  # pragma: no cover


_VIEW = _view_offset()
_from_address = ctypes.c_void_p.from_address
# the binding's functions themselves, not the Tree methods that wrap them (a Python call less each)
_type, _key, _val = _ryml.Tree_type, _ryml.Tree_key, _ryml.Tree_val
_first_child, _next_sibling = _ryml.Tree_first_child, _ryml.Tree_next_sibling
_MISSING = object()


class _Resolver(Resolver):
    yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers  # parse_yaml's: YAML 1.2 booleans


_RESOLVER = _Resolver()
_CONSTRUCTOR = SafeConstructor()
_TYPED: dict[str, Any] = {}  # plain scalar text -> its value (all immutable: str, int, float, bool, None, dates)


def plain(text: str) -> Any:
    """A plain scalar's value, as parse_yaml's loader constructs it."""
    try:
        return _TYPED[text]
    except KeyError:
        pass
    tag = _RESOLVER.resolve(ScalarNode, text, (True, False))
    value: Any = text
    if tag != _STR:
        try:
            value = _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, ScalarNode(tag, text))
        except ValueError:  # 2026-02-30: looks like a date, is none
            value = text
    if len(_TYPED) < 100_000:
        _TYPED[text] = value
    return value


def typed_key(text: str) -> Any:
    """A plain key, as parse_yaml's builder makes it: its value if a str, int, float or bool, else its str."""
    key = plain(text)
    return key if isinstance(key, (str, int, float, bool)) else str(key)


class _Walk:
    """Plain data and positions from a tree parsed in place in ``buf`` (``src`` is its copy before)."""

    def __init__(self, tree: Any, src: bytes, base: int) -> None:
        self.t, self.src, self.base, self.size = tree, src, base, len(src)
        self.starts = [0] + [m.end() for m in _NL.finditer(src)]
        if src.startswith(b"\xef\xbb\xbf"):
            self.starts[0] = 3  # libyaml does not count the byte-order mark
        self.positions: dict[tuple[Any, ...], Pos] = {}
        self.duplicates: list[Duplicate] = []

    def at(self, off: int) -> tuple[int, int]:
        """1-based line and column (in characters, as libyaml counts) of a byte offset."""
        line = bisect_right(self.starts, off)
        start = self.starts[line - 1]
        seg = self.src[start:off]
        return line, (off - start if seg.isascii() else len(seg.decode("utf-8", "replace"))) + 1

    def offset(self, view: Any) -> int:
        off = (_from_address(id(view) + _VIEW).value or 0) - self.base
        if not 0 <= off <= self.size:
            raise Unsupported("a scalar outside the source buffer")
        return off

    def scalar_item(self, n: int, ty: int) -> tuple[Any, int]:
        view = _val(self.t, n)
        if view is None or ty & VALNIL:
            raise Unsupported("an empty sequence item")
        if ty & VAL_PLAIN:
            return plain(str(view, "utf-8")), self.offset(view)
        if ty & VAL_QUO:
            return str(view, "utf-8"), self.offset(view) - 1
        raise Unsupported("a block scalar as a sequence item")

    def build(self, n: int, ty: int, path: tuple[Any, ...]) -> tuple[Any, int | None]:
        """A collection's value and the offset of its first item's start (None when empty)."""
        if ty & MAP:
            return self.mapping(n, path)
        return self.sequence(n, path)

    def collection_start(self, ty: int, first: int | None) -> int:
        """Where libyaml marks a collection that is a sequence item: its first key, '{', '[' or '-'."""
        if first is None:
            raise Unsupported("an empty collection as a sequence item")
        if ty & MAP and not ty & FLOW:
            return first
        want = _OPENER[ty & (MAP | SEQ)] if ty & FLOW else b"-"
        i = first - 1
        while i >= 0 and self.src[i] in b" \t\r\n":
            i -= 1
        if i < 0 or self.src[i:i + 1] != want:
            raise Unsupported("a comment or tag before a collection's first item")
        return i

    def sequence(self, n: int, path: tuple[Any, ...]) -> tuple[list[Any], int | None]:
        t, positions, at = self.t, self.positions, self.at
        out: list[Any] = []
        first = None
        c = _first_child(t, n)
        while c != NONE:
            ty = _type(t, c)
            if ty & EXOTIC:
                raise Unsupported("an anchor, alias or tag")
            here = path + (len(out),)
            if ty & VAL:
                value, off = self.scalar_item(c, ty)
            else:
                value, inner = self.build(c, ty, here)
                off = self.collection_start(ty, inner)
            if first is None:
                first = off
            line, col = at(off)
            positions[here] = Pos(line, col, line, col)
            out.append(value)
            c = _next_sibling(t, c)
        return out, first

    def mapping(self, n: int, path: tuple[Any, ...]) -> tuple[dict[Any, Any], int | None]:
        """The hot path: one entry costs four calls into ryml; positions are worked out inline."""
        t, src, starts, positions, base, size = self.t, self.src, self.starts, self.positions, self.base, self.size
        out: dict[Any, Any] = {}
        first = None
        c = _first_child(t, n)
        while c != NONE:
            ty = _type(t, c)
            if ty & EXOTIC:
                raise Unsupported("an anchor, alias or tag")
            kview = _key(t, c)
            koff = (_from_address(id(kview) + _VIEW).value or 0) - base
            if not 0 <= koff <= size:
                raise Unsupported("a scalar outside the source buffer")
            if ty & KEY_PLAIN:
                text = str(kview, "utf-8")
                if text == "<<":
                    raise Unsupported("a merge key")
                key = _TYPED.get(text)
                if key is None or not isinstance(key, (str, int, float, bool)):
                    key = typed_key(text)
                kend = koff + len(kview)
            elif ty & KEY_QUO:
                koff -= 1
                m = _QUOTED.match(src, koff)
                if m is None:  # pragma: no cover
                    raise Unsupported("a quoted key not found")
                key, kend = str(kview, "utf-8"), m.end()
            else:
                raise Unsupported("a block scalar or empty key")
            if first is None:
                first = koff
            here = path + (key,)
            kline = bisect_right(starts, koff)
            ls = starts[kline - 1]
            seg = src[ls:koff]
            kcol = (koff - ls if seg.isascii() else len(seg.decode("utf-8", "replace"))) + 1
            if key in out:
                self.duplicates.append(Duplicate(key, kline, kcol, positions[here].line))
                c = _next_sibling(t, c)
                continue
            value: Any = None
            if ty & VAL:
                view = _val(t, c)
                if view is None or ty & VALNIL:
                    voff = _after_colon(src, kend).end(1)
                elif ty & VAL_PLAIN:
                    text = str(view, "utf-8")
                    value = _TYPED.get(text, _MISSING)
                    if value is _MISSING:
                        value = plain(text)
                    voff = (_from_address(id(view) + _VIEW).value or 0) - base
                    if not 0 <= voff <= size:
                        raise Unsupported("a scalar outside the source buffer")
                elif ty & VAL_QUO:
                    value, voff = str(view, "utf-8"), self.offset(view) - 1
                else:  # | or >: libyaml marks the indicator
                    value, voff = str(view, "utf-8"), _after_colon(src, kend).end()
            else:
                voff = _after_colon(src, kend).end()
            if kline == len(starts) or voff < starts[kline]:  # on the key's line (most values)
                vline, seg = kline, src[ls:voff]
            else:
                vline = bisect_right(starts, voff)
                seg = src[starts[vline - 1]:voff]
            vcol = (len(seg) if seg.isascii() else len(seg.decode("utf-8", "replace"))) + 1
            positions[here] = Pos(kline, kcol, vline, vcol)
            if not ty & VAL:
                value = self.build(c, ty, here)[0]
            out[key] = value
            c = _next_sibling(t, c)
        return out, first


def _after_colon(src: bytes, kend: int) -> re.Match[bytes]:
    m = _AFTER_COLON.match(src, kend)
    if m is None:
        raise Unsupported("no ':' after a key")
    return m


def ryml_parse(text: str) -> Parsed:
    """``parse_yaml(text)``'s answer, from ryml; raises Unsupported where it cannot give it."""
    src = text.encode("utf-8")
    buf = bytearray(src)
    tree = ryml.Tree()
    try:
        ryml.parse_in_place(buf, tree)
    except ryml.ExceptionBasic as exc:
        raise Unsupported("a syntax error") from exc
    base = ctypes.addressof(ctypes.c_char.from_buffer(buf)) if buf else 0
    walk = _Walk(tree, src, base)
    root = tree.root_id()
    ty = tree.type(root)
    if ty & ryml.STREAM == ryml.STREAM:
        if tree.num_children(root) != 1:
            raise Unsupported("several documents")
        root = tree.first_child(root)
        ty = tree.type(root)
    if ty & EXOTIC:
        raise Unsupported("an anchor, alias or tag")
    if ty & (MAP | SEQ):
        data = walk.build(root, ty, ())[0]
    elif ty & VAL:
        data = walk.scalar_item(root, ty)[0]
    else:
        data = None
    walk.positions[()] = Pos(1, 1, 1, 1)
    return Parsed(data, SourceMap(walk.positions), None, walk.duplicates)


def parse_with_fallback(text: str) -> Parsed:
    """ryml where it can answer, libyaml (``parse_yaml``) where it cannot."""
    try:
        return ryml_parse(text)
    except Unsupported:
        return parse_yaml(text)


def ryml_fault(text: str) -> tuple[int, int, str] | None:
    """ryml's own line, column (1-based) and words for a syntax error, for the report."""
    try:
        ryml.parse_in_place(bytearray(text.encode("utf-8")), ryml.Tree())
    except ryml.ExceptionParse as exc:
        loc = exc.errdata_parse.ymlloc
        return int(loc.line), int(loc.col), str(exc.msg)
    except ryml.ExceptionBasic as exc:  # pragma: no cover
        return 0, 0, str(exc.msg)
    return None
