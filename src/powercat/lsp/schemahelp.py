"""Field help from the JSON Schemas (``catalog.schema``): what a key means, what values it takes.

    field("power", ("procedures", 0, "steps", 2, "post"))
    -> Field(title="承办岗位", description="department.yaml 中定义的岗位 id", ...)

The schema is walked along the data path: ``$ref`` followed, ``anyOf``/``oneOf`` (optional
fields, a time limit that is ``on_the_spot`` or days) searched for the branch that has the next
key or items. The titles and descriptions are the models' Chinese ones; enum values carry
their Chinese labels (``catalog.enums.LABELS``).
"""

from __future__ import annotations

from dataclasses import dataclass, field as dc_field
from functools import lru_cache
from typing import Any

from powercat.catalog.model import limit_text
from powercat.catalog.schema import schema


@dataclass(slots=True)
class Field:
    title: str = ""
    description: str = ""
    types: list[str] = dc_field(default_factory=list)
    values: list[tuple[str, str]] = dc_field(default_factory=list)  # (code, label) of an enum
    required: bool = False
    default: Any = None
    node: dict[str, Any] = dc_field(default_factory=dict)  # the resolved schema node


@lru_cache(maxsize=4)
def _root(kind: str) -> dict[str, Any]:
    doc = schema(kind)
    return {**doc, "$defs": doc.get("$defs", {})}


def _defs(kind: str) -> dict[str, Any]:
    return _root(kind)["$defs"]


def _resolve(node: dict[str, Any], kind: str) -> dict[str, Any]:
    """``node`` with its ``$ref`` followed (the node's own title and description win)."""
    seen = 0
    while "$ref" in node and seen < 10:
        target = _defs(kind).get(node["$ref"].rsplit("/", 1)[-1], {})
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        seen += 1
    return node


def _branches(node: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    """The node itself, then every branch of its anyOf/oneOf (resolved, depth first)."""
    out = [node]
    for key in ("anyOf", "oneOf"):
        for b in node.get(key, []):
            out += _branches(_resolve(b, kind), kind)
    return out


def _step(node: dict[str, Any], part: Any, kind: str) -> tuple[dict[str, Any], bool] | None:
    """The child schema at ``part`` (a key or an index), and whether that key is required."""
    for b in _branches(node, kind):
        if isinstance(part, int) and "items" in b:
            return _resolve(b["items"], kind), False
        props = b.get("properties")
        if isinstance(part, str) and props and part in props:
            return _resolve(props[part], kind), part in b.get("required", [])
    return None


def node_at(kind: str, path: tuple[Any, ...]) -> tuple[dict[str, Any], bool] | None:
    """The resolved schema node of ``path`` in a ``kind`` file, and whether its key is required."""
    node: dict[str, Any] = _root(kind)
    required = False
    if kind == "records":  # a records file is the list itself
        node = _resolve(node, kind)
    for part in path:
        found = _step(node, part, kind)
        if found is None:
            return None
        node, required = found
    return node, required


def enum_values(node: dict[str, Any], kind: str) -> list[tuple[str, str]]:
    """(code, label) of every value an enum field takes (of its items for a list of codes)."""
    out: list[tuple[str, str]] = []
    for b in _branches(node, kind):
        if "enum" in b:
            labels = b.get("enumDescriptions") or b["enum"]
            out += [(str(v), str(label)) for v, label in zip(b["enum"], labels)]
        elif "const" in b and isinstance(b["const"], str):
            out.append((b["const"], b.get("description") or limit_text(b["const"])))
        elif b.get("type") == "array" and "items" in b and b is not node:
            out += enum_values(_resolve(b["items"], kind), kind)
    if not out and node.get("type") == "array" and "items" in node:
        out = enum_values(_resolve(node["items"], kind), kind)
    return list(dict.fromkeys(out))


def _types(node: dict[str, Any], kind: str) -> list[str]:
    found = []
    for b in _branches(node, kind):
        t = b.get("type")
        if isinstance(t, str) and t != "null":
            found.append(f"{t}:{b['format']}" if "format" in b else t)
        elif "enum" in b:
            found.append("enum")
        elif "const" in b:
            found.append(repr(b["const"]))
    return list(dict.fromkeys(found))


def field(kind: str, path: tuple[Any, ...]) -> Field | None:
    """The help of the field at ``path`` (None where the schema has no such field)."""
    found = node_at(kind, path)
    if found is None:
        return None
    node, required = found
    return Field(str(node.get("title", "")), str(node.get("description", "")), _types(node, kind),
                 enum_values(node, kind), required, node.get("default"), node)


def keys(kind: str, path: tuple[Any, ...]) -> list[tuple[str, Field]]:
    """Every key the mapping at ``path`` may have, with its help, required ones first."""
    found = node_at(kind, path)
    if found is None:
        return []
    out: list[tuple[str, Field]] = []
    for b in _branches(found[0], kind):
        for name in b.get("properties", {}):
            f = field(kind, path + (name,))
            if f is not None and all(name != n for n, _ in out):
                out.append((name, f))
    return sorted(out, key=lambda kv: not kv[1].required)


def is_mapping(kind: str, path: tuple[Any, ...]) -> bool:
    found = node_at(kind, path)
    return found is not None and any("properties" in b for b in _branches(found[0], kind))
