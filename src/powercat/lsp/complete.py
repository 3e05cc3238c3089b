"""Completion: enum codes with their Chinese labels, post ids from department.yaml, step ids in
``next``, ``step`` and ``internal``, and the keys a mapping may have (from the schema)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from powercat.lsp.context import Context, refers_to
from powercat.lsp.cursor import Cursor
from powercat.lsp.schemahelp import field, is_mapping, keys
from powercat.lsp.words import word


@dataclass(frozen=True, slots=True)
class Item:
    label: str  # what is inserted
    detail: str  # the Chinese label, the post's or step's name
    kind: str  # enum | post | step | key
    documentation: str = ""
    insert: str = ""  # when it differs from the label (a key with its colon)


def _posts(ctx: Context) -> list[Item]:
    return [Item(p["id"], str(p.get("name", "")), "post", str(p.get("duties", "") or "")) for p in ctx.posts()]


def _steps(ctx: Context, c: Cursor, what: str) -> list[Item]:
    procedure = c.path[1] if what == "step" else None
    here = c.path[:5] if what == "step" else None
    out = []
    for path, step in ctx.steps(procedure):
        if here is not None and path == here[:4]:
            continue  # a step does not go next to itself
        out.append(Item(step["id"], str(step.get("name", "")), "step", f"`{'.'.join(map(str, path))}`"))
    return list({i.label: i for i in out}.values())


def _enums(ctx: Context, path: tuple[Any, ...]) -> list[Item]:
    f = field(ctx.kind, path)
    if f is None:
        return []
    return [Item(code, label, "enum") for code, label in f.values]


def _keys(ctx: Context, parent: tuple[Any, ...], present: set[str]) -> list[Item]:
    return [Item(name, f.title, "key", f.description if f.description != f.title else "", f"{name}: ")
            for name, f in keys(ctx.kind, parent) if name not in present]


def _present(ctx: Context, parent: tuple[Any, ...]) -> set[str]:
    node: Any = ctx.data
    for part in parent:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return set()
    return set(node) if isinstance(node, dict) else set()


def complete(ctx: Context, line: int, char: int) -> tuple[list[Item], Cursor]:
    """What may be written at ``line``/``char``, and the cursor (the span it replaces)."""
    c = ctx.cursor(line, char)
    if c.role == "key":
        parent = c.path[:-1]
        present = _present(ctx, parent) - {c.word.strip()}
        return _keys(ctx, parent, present), c
    what = refers_to(ctx.kind, c.path)
    if what == "post":
        return _posts(ctx), c
    if what in ("step", "any_step"):
        return _steps(ctx, c, what), c
    path = c.path
    if ctx.kind == "power" and len(path) == 5 and path[0] == "procedures" and path[4] == "next":
        return _steps(ctx, Cursor(path + (0,), c.role, c.word, c.start, c.end, c.typed), "step"), c
    found = _enums(ctx, path)
    if found:
        return found, c
    if is_mapping(ctx.kind, path):  # an item, or a value still empty, that will be a mapping
        return _keys(ctx, path, _present(ctx, path)), c
    return [], c


def detail_kind(item: Item, lang: str) -> str:
    """A short word for the kind of an item (shown beside it)."""
    return {"post": word("post_of", lang), "step": word("step_of", lang)}.get(item.kind, "")

