"""Go to definition: from a post id to its entry in department.yaml, from a step id (in ``next``,
a risk's or an internal flow's ``step``) to the step that has it."""

from __future__ import annotations

from dataclasses import dataclass

from powercat.catalog.loader import Document
from powercat.lsp.context import Context, refers_to
from powercat.lsp.documents import at


@dataclass(frozen=True, slots=True)
class Target:
    rel: str  # the file, relative to the root
    line: int  # 0-based
    start: int  # characters
    end: int


def _id_at(doc: Document, path: tuple, name: str) -> Target | None:
    """Where the ``id`` value of the mapping at ``path`` is written."""
    pos = doc.source.positions.get(path + ("id",))
    if pos is None:
        return None
    return Target(doc.file.rel, pos.vline - 1, pos.vcolumn - 1, pos.vcolumn - 1 + len(name))


def definition(ctx: Context, line: int, char: int) -> Target | None:
    c = ctx.cursor(line, char)
    if c.role != "value":
        return None
    what, name = refers_to(ctx.kind, c.path), c.word.strip()
    if what == "post" and ctx.department is not None:
        posts = at(ctx.department.data, ("posts",))
        for i, post in enumerate(posts if isinstance(posts, list) else []):
            if isinstance(post, dict) and post.get("id") == name:
                return _id_at(ctx.department, ("posts", i), name)
    elif what in ("step", "any_step"):
        procedure = c.path[1] if what == "step" else None
        for path, step in ctx.steps(procedure):
            if step["id"] == name:
                return _id_at(ctx.doc, path, name)
    return None
