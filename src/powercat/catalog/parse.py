"""Read YAML with libyaml (C speed) and keep the line and column of every key and value.

``parse_yaml`` returns plain Python data (for pydantic), a :class:`SourceMap` from data paths
to positions, and the facts of the parse itself: the syntax fault that stopped it
(:class:`SyntaxFault`) and the keys repeated in one mapping (:class:`Duplicate`). What those
facts mean for the person editing the file is decided by the rules (PC100, PC102), not here.
Booleans follow YAML 1.2 (``true``/``false`` only), so ``no``, ``on`` and ``off`` stay text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

try:  # libyaml; PyYAML without it is 4x slower but correct
    from yaml import CSafeLoader as _Base
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Base  # type: ignore[assignment]

DataPath = tuple[Any, ...]
_MAP_TAG, _SEQ_TAG = _Base.DEFAULT_MAPPING_TAG, _Base.DEFAULT_SEQUENCE_TAG
MAX_NODES = 200_000  # guards against alias bombs ("billion laughs")
MAX_CHARS = 10_000_000  # the text of a document with every alias expanded (a file itself is at most 5 MB)


class _Loader(_Base):  # type: ignore[misc,valid-type]
    _tags: dict[tuple[str, bool], str] = {}
    # PyYAML's composer calls these for every node to follow path resolvers, which powercat never
    # adds; C callables that ignore their arguments spare two Python calls a node (2 % of a cold
    # validate). `slice(parent, index)` and `int()` build a throwaway value and nothing else.
    descend_resolver = slice
    ascend_resolver = int

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        """Tag resolution, memoised for plain scalars (keys and common values repeat a lot); a
        mapping or sequence gets its default tag at once (powercat adds no path resolvers)."""
        if kind is ScalarNode:
            if implicit[0]:
                key = (value, implicit[1])
                tag = self._tags.get(key)
                if tag is None:
                    tag = super().resolve(kind, value, implicit)
                    if len(self._tags) < 100_000:
                        self._tags[key] = tag
                return tag
            return super().resolve(kind, value, implicit)
        return _MAP_TAG if kind is MappingNode else _SEQ_TAG if kind is SequenceNode else super().resolve(
            kind, value, implicit)


_Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for ch, resolvers in _Base.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


@dataclass(slots=True)  # not frozen: a frozen dataclass takes 3.5x as long to make, and a file has hundreds
class Pos:
    line: int  # 1-based, of the key (or the item for a sequence item)
    column: int
    vline: int  # 1-based, of the value
    vcolumn: int


@dataclass(slots=True)
class SourceMap:
    """Positions of every key and value, by data path such as ("procedures", 0, "steps", 2)."""

    positions: dict[DataPath, Pos] = field(default_factory=dict)

    def find(self, path: DataPath) -> tuple[DataPath, Pos]:
        """The position of ``path`` or, for a missing key, of its nearest existing parent."""
        path = tuple(path)
        while path not in self.positions and path:
            path = path[:-1]
        return path, self.positions.get(path, Pos(1, 1, 1, 1))

    def key(self, path: DataPath) -> tuple[int, int]:
        pos = self.find(path)[1]
        return pos.line, pos.column

    def value(self, path: DataPath) -> tuple[int, int]:
        pos = self.find(path)[1]
        return pos.vline, pos.vcolumn


@dataclass(frozen=True, slots=True)
class SyntaxFault:
    """Where and why the parser stopped (its own English words), with the line it stopped on."""

    line: int
    column: int
    problem: str
    source_line: str = ""
    too_big: bool = False  # stopped by the node or size limit (an alias bomb), not by a syntax error


@dataclass(frozen=True, slots=True)
class Duplicate:
    """A key written twice in one mapping: where the repeat is, and the first one's line."""

    key: Any
    line: int
    column: int
    first_line: int


@dataclass(slots=True)
class Parsed:
    data: Any
    source: SourceMap
    syntax: SyntaxFault | None = None
    duplicates: list[Duplicate] = field(default_factory=list)


class _TooBig(Exception):
    """The document, its aliases expanded, passed MAX_NODES or MAX_CHARS at data ``path``."""

    def __init__(self, path: DataPath, what: str) -> None:
        super().__init__(what)
        self.path, self.what = path, what


_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"


class _Builder:
    """Plain data from composed nodes, recording positions as it goes (the hot path of loading)."""

    def __init__(self, loader: Any) -> None:
        self.loader = loader
        self.positions: dict[DataPath, Pos] = {}
        self.duplicates: list[Duplicate] = []
        self.count = 0
        self.size = 0  # characters of every scalar built, an alias's each time it is used

    def build(self, node: Any, path: DataPath) -> Any:
        cls = node.__class__
        if cls is ScalarNode:
            value = self.text(node, path)  # counted and sized
            if node.tag == _STR:
                return value
            try:
                return self.loader.construct_object(node, deep=True)
            except ValueError:  # 2026-02-30, 2024-03-01 25:00: looks like a date, is none; the schema says why
                return value
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooBig(path, "nodes")
        if cls is MappingNode:
            return self.mapping(node, path)
        if cls is SequenceNode:
            out = []
            positions, build = self.positions, self.build
            for i, item in enumerate(node.value):
                m = item.start_mark
                here = path + (i,)
                positions[here] = Pos(m.line + 1, m.column + 1, m.line + 1, m.column + 1)
                out.append(build(item, here))
            return out
        return None  # pragma: no cover

    def key(self, knode: Any) -> Any:
        if knode.__class__ is not ScalarNode:
            return str(knode.start_mark)
        if knode.tag == _STR:
            return knode.value
        try:
            key = self.loader.construct_object(knode, deep=True)
        except ValueError:  # 2026-02-30: as a key, like a value: the text, for the schema to report
            return knode.value
        return key if isinstance(key, (str, int, float, bool)) else str(key)

    def mapping(self, node: MappingNode, path: DataPath) -> dict[Any, Any]:
        merged = 0  # flatten_mapping puts the pairs merged in by '<<' first; the mapping's own keys override them
        if any(k.tag == _MERGE for k, _ in node.value):
            own = sum(1 for k, _ in node.value if k.tag != _MERGE)
            self.loader.flatten_mapping(node)
            merged = len(node.value) - own
        out: dict[Any, Any] = {}
        from_merge: set[Any] = set()
        positions, build = self.positions, self.build
        for i, (knode, vnode) in enumerate(node.value):
            key = knode.value if knode.__class__ is ScalarNode and knode.tag == _STR else self.key(knode)
            km, vm = knode.start_mark, vnode.start_mark
            here = path + (key,)
            if i < merged:
                from_merge.add(key)
            elif key in from_merge:  # {<<: *base, days: 5}: days replaces the merged one, no PC102
                from_merge.discard(key)
                del out[key]
            if key in out and i >= merged:
                first = positions[here]
                self.duplicates.append(Duplicate(key, km.line + 1, km.column + 1, first.line))
                continue
            positions[here] = Pos(km.line + 1, km.column + 1, vm.line + 1, vm.column + 1)
            out[key] = self.text(vnode, here) if vnode.__class__ is ScalarNode and vnode.tag == _STR else build(vnode, here)
        return out

    def text(self, node: Any, path: DataPath) -> str:
        """A scalar's text, counted against the limits: for a plain string value, ``build``
        without its dispatch (most values are text)."""
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooBig(path, "nodes")
        self.size += len(node.value)
        if self.size > MAX_CHARS:
            raise _TooBig(path, "chars")
        return node.value


def _fault(text: str, exc: yaml.MarkedYAMLError) -> SyntaxFault:
    """The fault at the most useful place: for a key without ':' the line where the key starts."""
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark is not None and "simple key" in (exc.context or ""):
        mark = exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = f"{exc.problem or ''} {exc.context or ''}".strip()
    lines = text.splitlines()
    return SyntaxFault(line, col, problem, lines[line - 1] if 0 < line <= len(lines) else "")


def parse_yaml(text: str) -> Parsed:
    """Parse one YAML document; a syntax error becomes a :class:`SyntaxFault`, never an exception."""
    loader = _Loader(text)
    builder = _Builder(loader)
    try:
        node = loader.get_single_node()
        data = builder.build(node, ()) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        return Parsed(None, SourceMap(), _fault(text, exc))
    except yaml.YAMLError as exc:
        return Parsed(None, SourceMap(), SyntaxFault(1, 1, str(exc)))
    except _TooBig as exc:  # an alias bomb: located at the top-level key whose value passed the limit
        where = SourceMap(builder.positions).find(exc.path[:1])[1]  # (deeper positions are the anchor's)
        problem = f"too many {'characters' if exc.what == 'chars' else 'nodes'} (alias expansion?)"
        return Parsed(None, SourceMap(), SyntaxFault(where.line, where.column, problem, too_big=True))
    except RecursionError:
        return Parsed(None, SourceMap(), SyntaxFault(1, 1, "too deeply nested", too_big=True))
    finally:
        loader.dispose()
    builder.positions[()] = Pos(1, 1, 1, 1)
    return Parsed(data, SourceMap(builder.positions), None, builder.duplicates)
