"""PC209 — the quoted ``text`` is not the law's wording.

Compared after making full/half-width punctuation and whitespace alike; a contiguous part of the
article, or parts joined by ……, is the law's wording. Numerals are compared as written: 百分之一
is not 1%. A text that is an older edition's wording is PC211's, not this rule's.
"""

from __future__ import annotations

from typing import Iterator

from powercat.lint.rules.base import Finding, PowerCtx, rule
from powercat.lint.rules.citations import edition_date, law_name, resolutions

RULE = rule("PC209", "warning")
OFFICIAL_MAX = 300  # characters of the official text shown in the hint


@RULE.check("power")
def check(ctx: PowerCtx) -> Iterator[Finding]:
    for res in resolutions(ctx):
        quote = res.quote
        if quote is None or quote.ok or res.quoted_edition is not None:
            continue
        official = "".join(a.context or "" for a in res.answers).replace("\n", "")
        official = official if len(official) <= OFFICIAL_MAX else official[:OFFICIAL_MAX] + "……"
        args = {"law": law_name(res), "edition": edition_date(res.edition), "cited": res.basis.article or "",
                "before": quote.before, "quoted": quote.quoted, "official": quote.official, "text": official}
        variant = "order" if quote.how == "order" else ("empty" if quote.how == "empty" else "message")
        yield Finding(("legal_basis", res.index, "text"), args, variant, at="value")
