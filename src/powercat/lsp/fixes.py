"""Quick fixes, offered only where the fix is certain — and each checked by parsing the result.

* a missing key, added with the template value the finding's hint names (PC301 ``time_limit:
  {days: 2, unit: working}``, PC302, PC604/PC605 ``disclosure``, PC605 ``carriers``, PC606
  ``within_days: 7``): the value is read from the hint itself, so fix and hint never disagree;
* a full-width colon ``：`` where YAML needs ``: `` (PC100);
* a basis's ``text`` filled from the law library (PC203), when the library has every article
  the basis cites;
* the spelling the finding suggests (PC101 unknown keys and values, PC204, PC502, PC507, PC508).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from powercat import i18n as messages
from powercat.lsp.context import Context
from powercat.lsp.convert import matching
from powercat.lsp.documents import at
from powercat.lsp.edits import Edit, insert_key, replace_token, scalar, verify, yaml_value
from powercat.lsp.laws import Laws
from powercat.lsp.words import word

# (code, variant or None for all) -> the path of the missing key, as the rule names it
TEMPLATES: dict[tuple[str, str | None], tuple[str, ...]] = {
    ("PC301", None): ("time_limit",),
    ("PC302", None): ("time_limit", "statutory"),
    ("PC604", "missing"): ("disclosure",),
    ("PC605", "missing"): ("disclosure",),
    ("PC605", "message"): ("disclosure", "carriers"),
    ("PC606", None): ("disclosure", "within_days"),
}
SCALAR_END = re.compile(r"[\s，；。,;()（）]")


@dataclass(frozen=True, slots=True)
class Finding:
    """A diagnostic as the client sends it back: where it points and what it said."""

    code: str
    variant: str
    args: dict[str, Any]
    line: int  # 1-based, as powercat counts
    column: int


@dataclass(frozen=True, slots=True)
class Fix:
    title: str
    edit: Edit
    finding: Finding
    preferred: bool = True


def snippet(hint: str, key: str) -> str | None:
    """The value the hint writes after ``key: `` (a flow collection, or one plain word)."""
    found = re.search(rf"(?<![\w.]){re.escape(key)}: ", hint)
    if found is None:
        return None
    start = found.end()
    if hint[start:start + 1] in ("{", "["):
        end = matching(hint, start)
    else:
        m = SCALAR_END.search(hint, start)
        end = m.start() if m else len(hint)
    value = hint[start:end]
    return value if value and yaml_value(value) is not None else None


def _parents(ctx: Context, f: Finding) -> list[tuple[Any, ...]]:
    """Every mapping whose key (or, for the top, the document) is where the finding points."""
    out = [path for path, pos in ctx.doc.source.positions.items()
           if (pos.line, pos.column) == (f.line, f.column) and isinstance(at(ctx.data, path), dict)]
    return sorted(out, key=len, reverse=True)


def _missing(ctx: Context, f: Finding, chain: tuple[str, ...], value: str) -> Edit | None:
    """Add the missing part of ``chain`` under the mapping the finding points at."""
    for parent in _parents(ctx, f):
        for k in range(len(chain) - 1, -1, -1):
            if k and parent[-k:] != chain[:k]:
                continue
            if chain[k] in at(ctx.data, parent):
                break
            rest, text = chain[k:], value
            for key in reversed(rest[1:]):
                text = f"{{{key}: {text}}}"
            edit = insert_key(ctx.text, ctx.doc, parent, rest[0], text)
            if edit is not None and verify(ctx.text, edit, parent + (rest[0],), yaml_value(text)):
                return edit
    return None


def _template(ctx: Context, f: Finding) -> Fix | None:
    chain = TEMPLATES.get((f.code, f.variant)) or TEMPLATES.get((f.code, None))
    if chain is None:
        return None
    value = snippet(messages.hint(f.code, f.args, f.variant, "zh-CN"), chain[-1])
    edit = _missing(ctx, f, chain, value) if value else None
    return Fix(word("fix_add", ctx.lang, snippet=f"{chain[-1]}: {value}"), edit, f) if edit else None


def _colon(ctx: Context, f: Finding) -> Fix | None:
    if f.code != "PC100" or f.variant != "fullwidth_colon":
        return None
    line = ctx.text.split("\n")[f.line - 1] if 0 < f.line <= ctx.text.count("\n") + 1 else ""
    col = f.column - 1
    if line[col:col + 1] != "\uff1a":
        return None
    new = ":" if line[col + 1:col + 2] in (" ", "\t") else ": "
    return Fix(word("fix_colon", ctx.lang), Edit(f.line - 1, col, f.line - 1, col + 1, new), f)


def _law_text(ctx: Context, f: Finding, laws: Laws) -> Fix | None:
    if f.code != "PC203" or laws.library is None:
        return None
    for parent in _parents(ctx, f):
        basis = at(ctx.data, parent)
        if len(parent) != 2 or parent[0] != "legal_basis" or not isinstance(basis.get("law"), str):
            continue
        on = at(ctx.data, ("effective_from",))
        text = laws.text(basis["law"], basis.get("article"), on if isinstance(on, dt.date) else None)
        edit = insert_key(ctx.text, ctx.doc, parent, "text", scalar(text)) if text else None
        if edit is not None and verify(ctx.text, edit, parent + ("text",), text):
            return Fix(word("fix_text", ctx.lang), edit, f)
    return None


def _suggestion(ctx: Context, f: Finding) -> Fix | None:
    new = f.args.get("suggestion")
    if "suggest" not in f.variant or not isinstance(new, str) or not new:
        return None
    edit = replace_token(ctx.text, f.line - 1, f.column - 1, new)
    if edit is None:
        return None
    return Fix(word("fix_rename", ctx.lang, suggestion=new), edit, f, preferred=False)


def fixes(ctx: Context, findings: list[Finding], laws: Laws) -> list[Fix]:
    """The certain fixes of ``findings`` in the file of ``ctx`` (its text as the editor has it)."""
    out = []
    for f in findings:
        for make in (_template, _colon, _suggestion):
            fix = make(ctx, f)
            if fix is not None:
                out.append(fix)
        fix = _law_text(ctx, f, laws)
        if fix is not None:
            out.append(fix)
    return out
