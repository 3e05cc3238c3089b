"""Is a quoted text the law's wording? Same characters once width, punctuation shapes and whitespace
are made alike; a contiguous part of the article counts, and so do parts joined by …… or ...
Numerals are compared as written: 百分之一 is not 1%."""

from __future__ import annotations

import re
from dataclasses import dataclass

from powercat.laws.text import wording_map

ELLIPSIS = re.compile(r"(?:…|⋯|\.{3,}|。{3,}|．{3,})+")
CONTEXT = 8
PUNCTUATION = set(",.;:!?、()<>[]\"'")


@dataclass(frozen=True)
class QuoteResult:
    """``ok``: the quote is the law's wording. ``how``: exact, part, parts, differs, order or empty. On a
    difference, ``quoted`` and ``official`` are the smallest differing spans (either may be "",
    for words left out or added) and ``before`` the few characters both have just before them."""

    ok: bool
    how: str
    quoted: str = ""
    official: str = ""
    before: str = ""

    def message(self, lang: str = "zh-CN") -> str:
        if self.ok:
            return ""
        if self.how == "empty":
            return "引文为空" if lang != "en" else "the quote is empty"
        if self.how == "order":
            return (f"引文中“{self.quoted}”一段在法条中位置靠前，各段顺序与原文不同" if lang != "en"
                    else f"“{self.quoted}” comes earlier in the law: the quote's parts are out of order")
        return _differs_en(self) if lang == "en" else _differs_zh(self)


def _differs_zh(result: QuoteResult) -> str:
    where = f"“{result.before}”之后，" if result.before else ""
    if not result.quoted:
        return f"{where}引文缺少法条原文的“{result.official}”"
    if not result.official:
        return f"{where}引文多出“{result.quoted}”，法条原文没有"
    return f"{where}引文为“{result.quoted}”，法条原文为“{result.official}”"


def _differs_en(result: QuoteResult) -> str:
    where = f"after “{result.before}” " if result.before else ""
    if not result.quoted:
        return f"{where}the quote leaves out “{result.official}”"
    if not result.official:
        return f"{where}the quote adds “{result.quoted}”, which the law does not have"
    return f"{where}the quote has “{result.quoted}” where the law says “{result.official}”"


def compare_quote(quoted: str, official: str) -> QuoteResult:
    """Compare a quote with the official text of the article (or paragraph, or item) it cites."""
    law = _Text(official)
    spans = [_Text(part) for part in ELLIPSIS.split(quoted)]
    spans = [span for span in spans if span.norm]
    if not spans:
        return QuoteResult(False, "empty")
    if len(spans) == 1 and spans[0].norm == law.norm:
        return QuoteResult(True, "exact")
    at = 0
    for span in spans:
        found = law.norm.find(span.norm, at)
        if found < 0:
            if law.norm.find(span.norm) >= 0:  # there, but before the previous part
                return QuoteResult(False, "order", span.original(0, len(span.norm)))
            return _difference(span, law, at)
        at = found + len(span.norm)
    return QuoteResult(True, "part" if len(spans) == 1 else "parts")


class _Text:
    """A text as compared (``norm``) and as written."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.norm, self.places = wording_map(text)

    def original(self, start: int, end: int) -> str:
        """The written text of ``norm[start:end]`` ("" for an empty span)."""
        if start >= end:
            return ""
        return self.text[self.places[start]:self.places[end - 1] + 1]


def _difference(span: _Text, law: _Text, at: int) -> QuoteResult:
    """The smallest place where ``span`` and ``law`` (from ``at``) differ: the longest start of the
    span the law has, and the longest end of the span the law has after it."""
    text, norm = span.norm, law.norm
    head = _longest_head(text, norm, at)
    where = norm.find(text[:head], at) + head if head else at
    rest = len(text) - head
    tail, tail_at = _longest_tail(text[head:], norm, where)
    official_end = tail_at if tail else _word_end(norm, min(len(norm), where + rest))
    return QuoteResult(False, "differs", span.original(head, len(text) - tail), law.original(where, official_end),
                       span.original(max(0, head - CONTEXT), head))


def _word_end(text: str, at: int) -> int:
    """Where the official text's differing part ends when the quote gives no end to align with:
    ``at``, carried on to the next punctuation mark (at most CONTEXT characters on)."""
    stop = min(len(text), at + CONTEXT)
    while at < stop and text[at] not in PUNCTUATION:
        at += 1
    return at


def _longest_head(span: str, law: str, at: int) -> int:
    """Length of the longest start of ``span`` found in ``law`` at or after ``at`` (binary search:
    a start found means every shorter start is found too)."""
    low, high = 0, len(span)
    while low < high:
        middle = (low + high + 1) // 2
        if law.find(span[:middle], at) >= 0:
            low = middle
        else:
            high = middle - 1
    return low


def _longest_tail(rest: str, law: str, at: int) -> tuple[int, int]:
    """(length, position in ``law``) of the longest end of ``rest`` found in ``law`` after ``at``."""
    low, high = 0, len(rest)
    while low < high:
        middle = (low + high + 1) // 2
        if law.find(rest[len(rest) - middle:], at) >= 0:
            low = middle
        else:
            high = middle - 1
    return (low, law.find(rest[len(rest) - low:], at)) if low else (0, at)
