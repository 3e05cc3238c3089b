"""The law library, when there is one: the article a basis cites, for hover and for filling ``text``.

The library itself is ``powercat.laws`` (its own package; docs/laws.md). This module only asks
it, and only when it is importable and a library is configured for the repository (``[laws]
library`` in powercat.toml, or POWERCAT_LAWS); otherwise every answer says why there is none.
"""

from __future__ import annotations

import datetime as dt
import importlib
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class Quote:
    """What the library says of one citation: the article's text, or why it has none."""

    ok: bool
    heading: str  # 《中华人民共和国行政许可法》第四十二条 (2019-04-23)
    text: str  # the article (paragraphs one a line), or the library's reason


class Laws:
    """A repository's law library (``library`` None: none, and ``reason`` says why)."""

    def __init__(self, library: Any = None, module: Any = None, reason: str = "") -> None:
        self.library, self.module, self.reason = library, module, reason

    @classmethod
    def open(cls, root: Path) -> "Laws":
        try:
            laws = importlib.import_module("powercat.laws")
        except ImportError:
            return cls(reason="no_laws_package")
        try:
            paths = laws.library_paths(None, root)
            library = laws.Library.open(paths, cache_dir=root / ".powercat" / "laws")
        except laws.LibraryError:
            return cls(reason="no_library")
        except OSError:
            return cls(reason="no_library")
        return cls(library, laws)

    def quotes(self, law: str | None, article: str | None, on: dt.date | None = None,
               lang: str = "zh-CN") -> list[Quote]:
        """The articles ``article`` of ``law`` cites (``law`` None: the citation names its law)."""
        if self.library is None or not (article or "").strip():
            return []
        out = []
        for citation in self.module.parse_citation(article, title=law):
            answer = self.library.cite(citation, on=on)
            if answer.ok:
                edition = answer.edition
                when = f" ({edition.date})" if edition is not None and getattr(edition, "date", None) else ""
                title = edition.title if edition is not None else answer.title
                out.append(Quote(True, f"《{title}》{answer.label}{when}", answer.text or ""))
            else:
                out.append(Quote(False, f"《{answer.title}》{answer.label}", answer.message(lang)))
        return out

    def text(self, law: str, article: str | None, on: dt.date | None = None) -> str | None:
        """The whole text the citation names, when every part of it is found (for ``text:``)."""
        quotes = self.quotes(law, article, on)
        if not quotes or not all(q.ok for q in quotes):
            return None
        return "\n".join(q.text for q in quotes).strip() or None


_OPENED: dict[Path, Laws] = {}
_LOCK = threading.Lock()


def laws_for(root: Path) -> Laws:
    """The library of the repository at ``root``, opened once."""
    with _LOCK:
        if root not in _OPENED:
            _OPENED[root] = Laws.open(root)
        return _OPENED[root]


def forget(root: Path) -> None:
    """Open the library again next time (powercat.toml changed)."""
    with _LOCK:
        _OPENED.pop(root, None)
