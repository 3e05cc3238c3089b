"""`powercat laws fill`: the level and the text of each legal basis, from the law library, so a
department quotes the law's own wording instead of retyping it.

Only what is missing is filled: a ``level`` not written, a ``text`` not written (or still a
placeholder). A text that differs from the law is reported and left as it is, unless ``force``;
a text that is the law's wording (in part, or in parts joined by ……) is kept. Files are edited
in place with ruamel.yaml's round trip, so comments and the order of keys stay; a file is
written only when something in it changed.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError

from powercat.catalog import placeholders as ph
from powercat.catalog.loader import Catalog
from powercat.catalog.model import Basis
from powercat.laws import compare_quote, split_title


@dataclass(slots=True)
class Fill:
    file: str
    index: int  # which legal basis
    key: str  # level | text
    old: str | None
    new: str
    written: bool  # False: reported only (a differing text without force)


@dataclass(slots=True)
class FillResult:
    fills: list[Fill] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # files written


def _official(basis: Basis, laws: Any, on: dt.date) -> tuple[str | None, str | None, str | None]:
    """(level, the cited part's text, what a quote of it may come from) from the library."""
    title = split_title(basis.law)[0]
    edition = laws.find(title, on=on)
    if edition is None:
        return None, None, None
    level = edition.level if edition.level not in ("", "other") else None
    article = basis.article if basis.article and not ph.is_placeholder(basis.article) else ""
    answers = laws.cite_all(title, article, on=on)
    if not answers or not all(a.ok for a in answers):
        return level, None, None
    return level, "\n".join(a.text or "" for a in answers), "\n".join(a.context or "" for a in answers)


def _fills(rel: str, bases: list[Basis], laws: Any, on: dt.date, force: bool) -> list[Fill]:
    out = []
    for i, basis in enumerate(bases):
        if ph.is_placeholder(basis.law):
            continue
        level, text, context = _official(basis, laws, on)
        if level and basis.level is None:
            out.append(Fill(rel, i, "level", None, level, True))
        if text is None:
            continue
        if not basis.text or ph.is_placeholder(basis.text):
            out.append(Fill(rel, i, "text", basis.text, text, True))
        elif not compare_quote(basis.text, context or text).ok:
            out.append(Fill(rel, i, "text", basis.text, text, force))
    return out


def _yaml() -> YAML:
    y = YAML()
    y.indent(mapping=2, sequence=4, offset=2)
    y.width = 4096
    y.preserve_quotes = True
    return y


AFTER = {"level": "law", "text": "article"}  # where a new key goes: FORMAT.md's order


def _put(entry: CommentedMap, key: str, value: str) -> None:
    if key in entry or AFTER[key] not in entry:
        entry[key] = value
    else:
        entry.insert(list(entry).index(AFTER[key]) + 1, key, value)


def _apply(raw: bytes, fills: list[Fill]) -> str | None:
    """The file's text with ``fills`` made (None when its YAML cannot be edited safely)."""
    y = _yaml()
    try:
        doc = y.load(raw.decode("utf-8-sig"))
    except (YAMLError, UnicodeDecodeError):
        return None
    for f in fills:
        entry = doc["legal_basis"][f.index]
        if isinstance(entry, CommentedMap) and f.key == "text" and entry.fa.flow_style():
            entry.fa.set_block_style()  # a law's text does not fit a {…} on one line
        _put(entry, f.key, f.new)
    buf = io.StringIO()
    y.dump(doc, buf)
    return buf.getvalue()


def fill(catalog: Catalog, files: set[str] | None = None, *, force: bool = False,
         dry_run: bool = False) -> FillResult:
    """Fill the level and text of every legal basis of the powers (those in ``files``, else all)."""
    result = FillResult()
    laws = catalog.laws
    if laws is None:
        return result
    for lp in catalog.powers():
        if files is not None and lp.file not in files:
            continue
        on = max(catalog.as_of, lp.power.effective_from or catalog.as_of)
        found = _fills(lp.file, lp.power.legal_basis, laws, on, force)
        result.fills += found
        todo = [f for f in found if f.written]
        if todo and not dry_run:
            text = _apply(catalog.files[lp.file].raw or b"", todo)
            if text is None:
                for f in todo:
                    f.written = False
                continue
            (catalog.root / lp.file).write_text(text, encoding="utf-8")
            result.files.append(lp.file)
    return result


def selected(catalog: Catalog, paths: Sequence[Path]) -> set[str] | None:
    """The power files ``paths`` name (None: all)."""
    if not paths:
        return None
    wanted = [p.resolve() for p in paths]
    return {rel for _, rel in catalog.layout.powers
            if any((catalog.root / rel).resolve() == w or w in (catalog.root / rel).resolve().parents for w in wanted)}
