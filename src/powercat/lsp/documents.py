"""Which catalog a file belongs to, what kind of file it is, and its text parsed (memoised).

Hover, completion, definition and quick fixes read the text the editor has now, parsed by the
loader's own parser (``catalog.loader.parse_document``); a text that does not parse falls back
to the last one of the same file that did, so help keeps working while a line is half typed.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from powercat.catalog.cache import file_hash
from powercat.catalog.config import CONFIG_NAME, Config
from powercat.catalog.layout import classify
from powercat.catalog.loader import Document, parse_document, read_file


def catalog_root(path: Path, folders: list[Path]) -> Path | None:
    """The repository a file belongs to: the nearest folder up with powercat.toml, else the
    nearest with a catalogs/ folder, else the workspace folder holding it."""
    parents = list(path.parents)
    for marker in (CONFIG_NAME, "catalogs"):
        found = next((p for p in parents if (p / marker).exists()), None)
        if found is not None:
            return found
    return next((f for f in folders if f in parents), None)


def kind_of(rel: str, config: Config) -> tuple[str, str] | None:
    """(kind, department folder) of a file the layout reads, None for any other file."""
    parts = rel.split("/")
    folders = [parts[1]] if len(parts) > 2 else []
    layout = classify([rel], folders, config)
    for kind, folder, path in layout.files():
        if path == rel:
            return kind, folder
    return None


@dataclass(slots=True)
class Parsed:
    doc: Document
    text: str
    good: bool  # parsed without a syntax fault


class Parses:
    """Documents parsed from texts, by file and content hash (the last few, and the last good one)."""

    def __init__(self, size: int = 64) -> None:
        self.size = size
        self._memo: OrderedDict[tuple[str, str], Document] = OrderedDict()
        self._good: dict[str, Document] = {}

    def parse(self, rel: str, kind: str, folder: str, text: str) -> Document:
        raw = text.encode("utf-8")
        key = (rel, file_hash(raw))
        doc = self._memo.get(key)
        if doc is None:
            doc = parse_document(read_file(rel, kind, folder, raw))
            self._memo[key] = doc
            while len(self._memo) > self.size:
                self._memo.popitem(last=False)
        else:
            self._memo.move_to_end(key)
        if doc.syntax is None and doc.data is not None:
            self._good[rel] = doc
        return doc

    def usable(self, rel: str, kind: str, folder: str, text: str) -> Document:
        """The text's document when it parses, else the last one of ``rel`` that did."""
        doc = self.parse(rel, kind, folder, text)
        if doc.syntax is None and doc.data is not None:
            return doc
        return self._good.get(rel, doc)


def parse_text(text: str) -> Document:
    """Any YAML text (an edited file, a value snippet) parsed as the loader parses a file."""
    return parse_document(read_file("text.yaml", "power", "", text.encode("utf-8")))


def at(data: Any, path: tuple[Any, ...]) -> Any:
    """The value at a data path (None where there is none)."""
    for part in path:
        if isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return None
    return data
