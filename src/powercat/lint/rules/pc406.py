"""PC406 — a remedy note uses wording superseded by the 2023 行政复议法.

For a power not repealed, the ``note`` and ``basis`` of each right are searched for the
profile's ``superseded_wording.terms`` (具体行政行为 -> 行政行为 ...). Where one term contains
another (向上一级主管部门申请行政复议 / 向上一级主管部门) only the longer one is reported. One
finding per term and text, at its value.

A term with a ``pattern`` is found by that regular expression: the choice the 2017 law gave,
"向…人民政府或者上一级主管部门申请行政复议", whatever bodies it names. Terms marked
``except_vertical`` (向上一级主管部门) are right for the bodies of 行政复议法第二十七条 (海关、金融、
外汇管理等实行垂直领导的行政机关、税务和国家安全机关): a department with ``vertical: true`` is not
told to change them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from powercat.catalog.enums import Status
from powercat.catalog.profile import Term
from powercat.lint.rules.base import Finding, PowerCtx, rule

RULE = rule("PC406", "warning")

FIELDS = ("note", "basis")


@lru_cache(maxsize=64)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _spans(text: str, term: Term) -> Iterator[tuple[int, int]]:
    if term.pattern:
        yield from (m.span() for m in _compiled(term.pattern).finditer(text))
        return
    start = text.find(term.old)
    while start >= 0:
        yield start, start + len(term.old)
        start = text.find(term.old, start + 1)


@lru_cache(maxsize=16)
def _any_of(parts: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern finding any of the terms: most texts hold none, and are passed over at once."""
    try:
        return re.compile("|".join(f"(?:{p})" for p in parts))
    except re.error:
        return None


def superseded(text: str, terms: list[Term], vertical: bool = False) -> list[Term]:
    """The terms found in ``text`` in order, skipping those inside a longer match (and, for a
    vertically managed body, those marked ``except_vertical``)."""
    if not text:
        return []
    screen = _any_of(tuple(t.pattern or re.escape(t.old) for t in terms))
    if screen is not None and screen.search(text) is None:
        return []
    taken: list[tuple[int, int]] = []
    found: dict[int, Term] = {}
    hits = [(a, b, t) for t in terms if not (vertical and t.except_vertical) for a, b in _spans(text, t)]
    for start, end, term in sorted(hits, key=lambda h: (-(h[1] - h[0]), h[0])):
        if not any(a <= start and end <= b for a, b in taken):
            taken.append((start, end))
            if term not in found.values():
                found[start] = term
    return [found[k] for k in sorted(found)]


@RULE.check("power")
def check(ctx: PowerCtx) -> Iterator[Finding]:
    if ctx.power.status == Status.repealed:
        return
    wording = ctx.profile.superseded_wording
    vertical = bool(ctx.department and ctx.department.vertical)
    for ri, right in enumerate(ctx.power.rights):
        for key in FIELDS:
            text = getattr(right, key) or ""
            for term in superseded(text, wording.terms, vertical):
                args = {"old": term.old, "new": term.new, "source": term.source}
                args["date"] = wording.in_force_from.isoformat()
                yield Finding(("rights", ri, key), args, variant=key, at="value")
