"""PC211 — the cited edition is superseded, or the law is not in force on the power's date.

The day is the reference date (``--as-of``), or the power's ``effective_from`` when later. A law
the library holds only in a later edition, but whose history shows it adopted by then, is not
reported: the library lacks the edition, not the law. The cited
edition is ``edition`` (2017-09-01, 2017年修正) or a note after the title (《行政复议法》(2017修正));
without one, the quoted text tells: a text that is an older edition's wording cites that edition.
"""

from __future__ import annotations

from typing import Iterator

from powercat.lint.rules.base import Finding, PowerCtx, rule
from powercat.lint.rules.citations import cited_edition, edition_date, law_name, resolutions

def adopted_before(editions: list, day: object) -> bool:
    """Whether any edition's history shows the law adopted (or published) on or before ``day``
    and none shows it repealed."""
    history = [h for e in editions for h in e.history if h.date is not None]
    repealed = any(h.event == "废止" and h.date <= day for h in history)
    return not repealed and any(h.date <= day for h in history if h.event != "废止")


RULE = rule("PC211", "warning")


@RULE.check("power")
def check(ctx: PowerCtx) -> Iterator[Finding]:
    for res in resolutions(ctx):
        at = ("legal_basis", res.index, "law")
        if res.missing is not None and res.missing.missing == "edition":
            if adopted_before(ctx.laws.editions(res.title), res.on):
                continue  # the law existed then; the library only lacks that edition
            dates = "、".join(res.missing.dates)
            yield Finding(at, {"law": res.title, "on": res.on.isoformat(), "dates": dates}, "not_in_force", at="value")
            continue
        if res.edition is None:
            continue
        args = {"law": law_name(res), "on": res.on.isoformat(), "current": edition_date(res.edition)}
        if res.edition.repealed:
            yield Finding(at, args, "repealed", at="value")
            continue
        cited = cited_edition(ctx.laws.editions(res.title), res.note) if res.note else None
        if cited is not None and cited.date and res.edition.date and cited.date < res.edition.date:
            yield Finding(at, args | {"cited": edition_date(cited)}, "superseded", at="value")
        elif res.quoted_edition is not None:
            yield Finding(("legal_basis", res.index, "text"), args | {"cited": edition_date(res.quoted_edition)},
                          "quote_superseded", at="value")
