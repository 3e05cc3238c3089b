"""The law library, when one is configured: the article a basis cites, for hover and for filling
``text``.

The library is ``powercat.laws`` (docs/laws.md), opened once by the catalog (``Catalog.laws``,
from ``--laws``, POWERCAT_LAWS or ``[laws] library`` in powercat.toml). Without one — or with one
that cannot be read — every answer says why there is none, and nothing else changes.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from powercat.catalog.loader import Catalog
from powercat.laws import LibraryError, parse_citation, split_title


@dataclass(frozen=True, slots=True)
class Quote:
    """What the library says of one citation: the article's text, or why it has none."""

    ok: bool
    heading: str  # 《中华人民共和国行政许可法》第四十二条 (2019-04-23)
    text: str  # the article (paragraphs one a line), or the library's reason


class Laws:
    """A repository's law library (``library`` None: none, and ``reason`` says why)."""

    def __init__(self, library: Any = None, reason: str = "") -> None:
        self.library, self.reason = library, reason

    @classmethod
    def of(cls, catalog: Catalog | None) -> "Laws":
        if catalog is None:
            return cls(reason="no_library")
        try:
            library = catalog.laws
        except (LibraryError, OSError):
            return cls(reason="no_library")
        return cls(library) if library is not None else cls(reason="no_library")

    def quotes(self, law: str | None, article: str | None, on: dt.date | None = None,
               lang: str = "zh-CN") -> list[Quote]:
        """The articles ``article`` of ``law`` cites (``law`` None: the citation names its law)."""
        if self.library is None or not (article or "").strip():
            return []
        out = []
        for citation in parse_citation(article, title=split_title(law)[0] if law else None):
            answer = self.library.cite(citation, on=on)
            edition = answer.edition
            title = edition.title if edition is not None else answer.title
            if answer.ok:
                when = f" ({edition.date})" if edition is not None else ""
                out.append(Quote(True, f"《{title}》{answer.label}{when}", answer.text or ""))
            else:
                out.append(Quote(False, f"《{title}》{answer.label}", answer.message(lang)))
        return out

    def text(self, law: str, article: str | None, on: dt.date | None = None) -> str | None:
        """The whole text the citation names, when every part of it is found (for ``text:``)."""
        quotes = self.quotes(law, article, on)
        if not quotes or not all(q.ok for q in quotes):
            return None
        return "\n".join(q.text for q in quotes).strip() or None


_OPENED: dict[Path, Laws] = {}
_LOCK = threading.Lock()


def laws_for(root: Path, catalog: Catalog | None) -> Laws:
    """The library of the repository at ``root``, opened once (not before its catalog is read)."""
    if catalog is None:
        return Laws(reason="no_library")
    with _LOCK:
        if root not in _OPENED:
            _OPENED[root] = Laws.of(catalog)
        return _OPENED[root]


def forget(root: Path) -> None:
    """Open the library again next time (powercat.toml changed)."""
    with _LOCK:
        _OPENED.pop(root, None)
