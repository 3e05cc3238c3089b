"""Hover: a key's meaning from the schema, a rule code's docs page (``explain``), a basis's
article from the law library, the post or step an id names."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from powercat.lint.ruledocs import page
from powercat.lint.rules import all_rules
from powercat.lsp.context import Context, refers_to
from powercat.lsp.cursor import Cursor
from powercat.lsp.documents import at
from powercat.lsp.laws import Laws
from powercat.lsp.schemahelp import Field, field
from powercat.lsp.words import word

RULE_CODE = re.compile(r"^PC\d{3}$")


def _field_text(name: Any, f: Field, lang: str) -> list[str]:
    need = word("required" if f.required else "optional", lang)
    head = f"**{f.title}** `{name}` · {need}" if f.title else f"`{name}` · {need}"
    out = [head]
    if f.description and f.description != f.title:
        out += ["", f.description]
    if f.types:
        out += ["", f"{word('type', lang)}: {' | '.join(f.types)}"]
    if f.values:
        out += ["", f"{word('values', lang)}: " + " · ".join(f"`{v}` {label}" for v, label in f.values)]
    return out


def _field_help(ctx: Context, c: Cursor) -> list[str]:
    path = c.path
    while path and isinstance(path[-1], int):  # an item of a list: the list's help
        path = path[:-1]
    f = field(ctx.kind, c.path) or (field(ctx.kind, path) if path else None)
    if f is None or not path:
        return []
    out = _field_text(path[-1], f, ctx.lang)
    if c.role == "value" and c.word:
        label = dict(f.values).get(c.word.strip())
        if label:
            out = [f"`{c.word.strip()}` {label}", "", "---", "", *out]
    return out


def _reference(ctx: Context, c: Cursor) -> list[str]:
    """The post or the step that the id under the cursor names."""
    what = refers_to(ctx.kind, c.path) if c.role == "value" else None
    name = c.word.strip()
    if what == "post":
        for post in ctx.posts():
            if post["id"] == name:
                duties = f"：{post['duties']}" if post.get("duties") else ""
                return [f"**{post.get('name', name)}** `{name}` — {word('post_of', ctx.lang)}{duties}"]
    elif what in ("step", "any_step"):
        procedure = c.path[1] if what == "step" else None
        for _, step in ctx.steps(procedure):
            if step["id"] == name:
                return [f"**{step.get('name', name)}** `{name}` — {word('step_of', ctx.lang)}"]
    return []


def _basis_path(path: tuple[Any, ...]) -> tuple[Any, ...] | None:
    if len(path) >= 2 and path[0] == "legal_basis" and isinstance(path[1], int):
        return path[:2]
    if path and path[-1] == "basis":
        return path
    return None


def _effective(data: Any) -> dt.date | None:
    value = at(data, ("effective_from",))
    return value if isinstance(value, dt.date) else None


def basis_help(ctx: Context, path: tuple[Any, ...], laws: Laws) -> list[str]:
    """The article a basis cites: from the library, else the file's own text and why not more."""
    value = at(ctx.data, path)
    if isinstance(value, dict):
        law, article, quoted = value.get("law"), value.get("article"), value.get("text")
    elif isinstance(value, str):
        law, article, quoted = None, value, None
    else:
        return []
    out: list[str] = []
    if laws.library is None:
        out.append(f"_{word(laws.reason or 'no_library', ctx.lang)}_")
    else:
        quotes = laws.quotes(law if isinstance(law, str) else None, article if isinstance(article, str) else None,
                             _effective(ctx.data), ctx.lang)
        for q in quotes:
            out += [f"**{q.heading}**", "", *(f"> {ln}" for ln in q.text.splitlines()), ""] if q.ok \
                else [f"**{q.heading}**", "", q.text, ""]
        if not quotes:
            out.append(f"_{word('not_found', ctx.lang)}_")
    if isinstance(quoted, str) and quoted.strip():
        out = [f"**{word('basis_file', ctx.lang)}**", "", f"> {quoted.strip()}", "", "---", "", *out]
    return out


def hover(ctx: Context, line: int, char: int, laws: Laws, hints: list[str] = ()) -> tuple[str, Cursor] | None:
    """Markdown for the place at ``line``/``char``, and the cursor (its span is the hover's range)."""
    c = ctx.cursor(line, char)
    parts: list[list[str]] = [[f"{word('hint', ctx.lang)}: {h}" for h in hints]]
    code = c.word.strip().upper()
    if c.role == "value" and RULE_CODE.match(code) and code in all_rules():
        parts.append([page(code, ctx.lang).rstrip()])
    parts.append(_reference(ctx, c))
    basis = _basis_path(c.path)
    if basis is not None:
        parts.append(basis_help(ctx, basis, laws))
    parts.append(_field_help(ctx, c))
    shown = ["\n".join(p).strip() for p in parts if p and "\n".join(p).strip()]
    if not shown:
        return None
    return "\n\n---\n\n".join(shown), c
