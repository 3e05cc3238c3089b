"""PC208 — a cited article, paragraph or item does not exist in the law (第二百条 of an 83-article law).

An error: a power must be exercised on its legal basis (行政许可法第四条、行政处罚法第四条、行政强制法第四条);
a citation of an article the law does not have is no basis at all, and the public is told a
wrong one (政府信息公开条例第六条: information published must be accurate).
"""

from __future__ import annotations

from typing import Iterator

from powercat.lint.rules.base import Finding, PowerCtx, rule
from powercat.lint.rules.citations import edition_date, law_name, resolutions

RULE = rule("PC208", "error")


@RULE.check("power")
def check(ctx: PowerCtx) -> Iterator[Finding]:
    for res in resolutions(ctx):
        for answer in res.answers:
            if answer.ok or answer.missing not in ("article", "paragraph", "item"):
                continue
            args = {"law": law_name(res), "edition": edition_date(res.edition), "cited": answer.label,
                    "count": answer.count, "articles": answer.articles}
            yield Finding(("legal_basis", res.index, "article"), args, answer.missing, at="value")
