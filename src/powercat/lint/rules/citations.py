"""What the law library says of each legal basis of a power, worked out once and shared by the
citation rules (PC207–PC211): the edition in force on the power's date, each cited article,
paragraph or item, and which edition the quoted text comes from.

The day is the run's reference date (``--as-of``), or the power's ``effective_from`` when that is
later (``judged_on``). A basis
whose law is a placeholder (PC110) or whose level is a normative document or "other" (not law
texts a library holds) is not looked up.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from powercat.catalog import placeholders as ph
from powercat.catalog.model import Basis
from powercat.laws import ArticleAnswer, LawEdition, QuoteResult, compare_quote, split_title
from powercat.lint.rules.base import PowerCtx

NOT_IN_LIBRARIES = ("normative_document", "other")  # 规范性文件 and the like are no law texts
DATE = re.compile(r"(\d{4})(?:\s*[-年./]\s*(\d{1,2})(?:\s*[-月./]\s*(\d{1,2}))?)?")


@dataclass(slots=True)
class Resolution:
    index: int
    basis: Basis
    title: str  # the law as written, without 《》 or an edition note
    note: str  # the cited edition: ``basis.edition`` or the title's note ("" for the one in force)
    on: dt.date
    edition: LawEdition | None = None  # in force on ``on``
    missing: ArticleAnswer | None = None  # why there is none: no such law, or none in force then
    answers: list[ArticleAnswer] = field(default_factory=list)  # one per article cited
    quote: QuoteResult | None = None  # the text against the edition in force
    quoted_edition: LawEdition | None = None  # an older edition the text matches instead

    @property
    def cited_ok(self) -> bool:
        return self.edition is not None and bool(self.answers) and all(a.ok for a in self.answers)


def cited_edition(editions: list[LawEdition], note: str) -> LawEdition | None:
    """The edition a note such as 2017年修正 or 2017-09-01 names (None when it names none)."""
    m = DATE.search(note)
    if not m:
        return None
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    same = [e for e in editions if e.date and e.date.year == year and
            (month is None or e.date.month == int(month)) and (day is None or e.date.day == int(day))]
    return same[-1] if same else None


def _quote(res: Resolution, laws: Any) -> None:
    """Compare the text with the articles in force, and with older editions when it differs."""
    text = res.basis.text
    if not text or ph.is_placeholder(text) or not res.cited_ok:
        return
    res.quote = compare_quote(text, "\n".join(a.context or "" for a in res.answers))
    if res.quote.ok:
        return
    for older in reversed([e for e in laws.editions(res.title) if e is not res.edition]):
        answers = laws.cite_all(res.title, res.basis.article or "", on=older.effective or older.date)
        if answers and all(a.ok and a.edition is not None and a.edition.date == older.date for a in answers) and \
                compare_quote(text, "\n".join(a.context or "" for a in answers)).ok:
            res.quoted_edition = older
            return


def judged_on(ctx: PowerCtx) -> dt.date:
    """The day a citation must be right on: the reference date, or the power's ``effective_from``
    when that is later (a catalog is current: a power in force since 2019 cites today's law)."""
    start = ctx.power.effective_from
    return start if start is not None and start > ctx.as_of else ctx.as_of


def _resolve(ctx: PowerCtx, index: int, basis: Basis) -> Resolution | None:
    laws = ctx.laws
    if ph.is_placeholder(basis.law) or (basis.level is not None and basis.level.value in NOT_IN_LIBRARIES):
        return None
    title, note = split_title(basis.law)
    res = Resolution(index, basis, title, str(basis.edition or note), judged_on(ctx))
    res.edition = laws.find(title, on=res.on)
    if res.edition is None:
        res.missing = laws.missing(title, res.on)
        return res
    article = basis.article if basis.article and not ph.is_placeholder(basis.article) else ""
    res.answers = laws.cite_all(title, article, on=res.on)
    _quote(res, laws)
    return res


def resolutions(ctx: PowerCtx) -> list[Resolution]:
    """Every legal basis the library can judge (none without a library), computed once per power."""
    if ctx.laws is None:
        return []
    if "citations" not in ctx.memo:
        found = (_resolve(ctx, i, b) for i, b in enumerate(ctx.power.legal_basis))
        ctx.memo["citations"] = [r for r in found if r is not None]
    return ctx.memo["citations"]


def law_name(res: Resolution) -> str:
    return res.edition.title if res.edition is not None else res.title


def edition_date(edition: LawEdition | None) -> str:
    return edition.date.isoformat() if edition is not None and edition.date else ""
