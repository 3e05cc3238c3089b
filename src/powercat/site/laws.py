"""The law texts a power page shows under each legal basis: the whole articles it cites, from
the law library, with the edition they were checked against (the one in force on the site's
reference date). Without a library, or for a basis the library cannot resolve, nothing is shown
(the findings PC207–PC211 say why)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from powercat.catalog import placeholders as ph
from powercat.catalog.model import Basis, Power
from powercat.laws import split_title


@dataclass(frozen=True, slots=True)
class LawText:
    title: str  # the law's full title, as the library has it
    edition: str  # the edition checked against (YYYY-MM-DD)
    articles: tuple[tuple[str, str], ...]  # (第四十二条, its whole text), in the order cited


def law_text(basis: Basis, laws: Any, on: dt.date) -> LawText | None:
    """The articles ``basis`` cites, as the library has them on ``on`` (None when it cannot say)."""
    if not basis.article or ph.is_placeholder(basis.law) or ph.is_placeholder(basis.article):
        return None
    title = split_title(basis.law)[0]
    edition = laws.find(title, on=on)
    if edition is None:
        return None
    answers = laws.cite_all(title, basis.article, on=on)
    if not answers or not all(a.ok and a.found is not None for a in answers):
        return None
    seen = dict.fromkeys((a.found.label, a.found.text) for a in answers)
    return LawText(edition.title, edition.date.isoformat() if edition.date else "", tuple(seen))


def law_texts(power: Power, laws: Any, on: dt.date) -> list[LawText | None]:
    """One entry per legal basis of ``power`` (all None without a library)."""
    return [law_text(b, laws, on) if laws is not None else None for b in power.legal_basis]
