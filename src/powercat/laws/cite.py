"""Citations as catalogs write them: 《中华人民共和国行政许可法》第四十二条第二款, 行政处罚法第42条,
第十条之一, 第三条第（一）项, several at once (第十条、第十二条), ranges (第十条至第十五条)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from powercat.laws.model import citation_label
from powercat.laws.numerals import NUMERAL_CHARS, to_int

N = f"[{NUMERAL_CHARS}0-9０-９]+"
TOKEN = re.compile(
    rf"《(?P<title>[^》]+)》|第(?P<art>{N})条(?:之(?P<sub>{N}))?|第(?P<para>{N})款|第[（(]?(?P<item>{N})[)）]?项"
)
JOINS = {"", "、", "，", ",", "和", "及", "以及", "或者", "或", "与", "；", ";"}
RANGES = {"至", "到", "-", "—", "－", "~", "～"}
SEPARATORS = re.compile(r"[，。；;：:,、\s\u3000]")
LEAD_INS = re.compile(r"^(?:根据|依照|依据|按照|违反|适用|参照|对照|见|依|按|即)+")
SELF = re.compile(r"^本(?:法|条例|规定|办法|细则|规则|决定)$")
MAX_RANGE = 500
# a trailing edition note: (2019修正) （2023年修订） （2015年4月24日修正）
EDITION_NOTE = re.compile(r"[(（]([^()（）]*(?:修订|修正|修改|年)[^()（）]*)[)）]$")


def split_title(law: str) -> tuple[str, str]:
    """A law as a catalog names it (《行政复议法》(2017修正)) -> its title and its edition note."""
    title = law.strip().strip("《》").strip()
    m = EDITION_NOTE.search(title)
    return (title[: m.start()].strip().strip("《》"), m.group(1)) if m else (title, "")


@dataclass(frozen=True)
class Citation:
    """One article, paragraph or item cited. ``title`` is None when the text names no law (第十条 alone,
    or 本法第十条): the caller knows which law is meant."""

    title: str | None
    article: int
    sub: int = 0
    paragraph: int | None = None
    item: int | None = None

    @property
    def label(self) -> str:
        return citation_label(self.article, self.sub, self.paragraph, self.item)


class _Reader:
    """Walks the tokens of one text, remembering the law and the last citation."""

    def __init__(self, title: str | None) -> None:
        self.title = title
        self.default = title
        self.out: list[Citation] = []
        self.kind = ""  # the previous token: title, art, para, item

    def token(self, match: re.Match[str], gap: str) -> None:
        if match.group("title"):
            self.title, self.kind = match.group("title").strip(), "title"
            return
        kind = "art" if match.group("art") else "para" if match.group("para") else "item"
        number = to_int(match.group(kind))
        joined = gap.strip()
        if number is None:
            self.kind = ""
        elif kind == "art":
            self._article(number, to_int(match.group("sub") or "零") or 0, gap, joined)
        else:
            self._part(kind, number, joined)

    def _article(self, number: int, sub: int, gap: str, joined: str) -> None:
        if joined in RANGES and self.kind == "art" and self.out:
            self._range("article", number)
        else:
            if joined not in JOINS:
                self.title = _bare_title(gap, self.title if self.kind == "title" else self.default)
            self.out.append(Citation(self.title, number, sub))
        self.kind = "art"

    def _part(self, kind: str, number: int, joined: str) -> None:
        field = "paragraph" if kind == "para" else "item"
        last = self.out[-1] if self.out else None
        if last is None or self.kind in ("", "title"):
            self.kind = ""
            return
        if joined == "" and getattr(last, field) is None and (kind == "item" or self.kind == "art"):
            self.out[-1] = replace(last, **{field: number})
        elif joined in RANGES and self.kind == kind:
            self._range(field, number)
        elif joined in JOINS and self.kind == kind:
            self.out.append(replace(last, **{field: number}))
        elif joined in JOINS and kind == "para" and self.kind == "item":
            self.out.append(replace(last, paragraph=number, item=None))
        self.kind = kind

    def _range(self, field: str, end: int) -> None:
        last = self.out[-1]
        start = getattr(last, field) + 1
        if start > end or end - start >= MAX_RANGE:  # written backwards or absurdly long: the end alone
            self.out.append(replace(last, **{field: end, "sub": 0} if field == "article" else {field: end}))
            return
        for number in range(start, end + 1):
            values = {field: number, "sub": 0} if field == "article" else {field: number}
            self.out.append(replace(last, **values))


def _bare_title(gap: str, fallback: str | None) -> str | None:
    """The law named just before 第…条 without 《》: the words after the last separator, without
    根据/依照/违反…; 本法 and the like mean the law the caller is about."""
    words = LEAD_INS.sub("", SEPARATORS.split(gap)[-1].strip())
    if not words or SELF.match(words):
        return fallback
    return words


def parse_citation(text: str, title: str | None = None) -> list[Citation]:
    """Every article, paragraph or item ``text`` cites, in order. ``title`` is the law meant where the
    text names none (第十条, 本法第十条). A text citing nothing gives []."""
    reader = _Reader(title)
    end = 0
    for match in TOKEN.finditer(text):
        reader.token(match, text[end:match.start()])
        end = match.end()
    return reader.out
