"""PC406 — a remedy note uses wording superseded by the 2023 行政复议法.

For a power not repealed, the ``note`` and ``basis`` of each right are searched for the
profile's ``superseded_wording.terms`` (具体行政行为 -> 行政行为 ...). Where one term contains
another (向上一级主管部门申请行政复议 / 向上一级主管部门) only the longer one is reported. One
finding per term and text, at its value.
"""

from __future__ import annotations

from typing import Iterator

from powercat.catalog.enums import Status
from powercat.catalog.profile import Term
from powercat.lint.rules.base import Finding, PowerCtx, rule

RULE = rule("PC406", "warning")

FIELDS = ("note", "basis")


def superseded(text: str, terms: list[Term]) -> list[Term]:
    """The terms found in ``text``, longest first, skipping those inside a longer match."""
    taken: list[tuple[int, int]] = []
    found: list[Term] = []
    for term in sorted(terms, key=lambda t: -len(t.old)):
        start = text.find(term.old)
        while start >= 0:
            end = start + len(term.old)
            if not any(a <= start and end <= b for a, b in taken):
                taken.append((start, end))
                if term not in found:
                    found.append(term)
            start = text.find(term.old, start + 1)
    return sorted(found, key=lambda t: text.find(t.old))


@RULE.check("power")
def check(ctx: PowerCtx) -> Iterator[Finding]:
    if ctx.power.status == Status.repealed:
        return
    wording = ctx.profile.superseded_wording
    for ri, right in enumerate(ctx.power.rights):
        for key in FIELDS:
            text = getattr(right, key) or ""
            for term in superseded(text, wording.terms):
                args = {"old": term.old, "new": term.new, "source": term.source}
                args["date"] = wording.in_force_from.isoformat()
                yield Finding(("rights", ri, key), args, variant=key, at="value")
