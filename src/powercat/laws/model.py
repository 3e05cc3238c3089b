"""What the library holds: editions of laws, their history, articles, paragraphs (款) and items (项)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable

from powercat.laws.numerals import int_to_cn

# folder name -> level code (the project's `level` enum)
LEVELS = {
    "宪法": "constitution",
    "宪法相关法": "law", "民法典": "law", "民法商法": "law", "行政法": "law", "经济法": "law",
    "社会法": "law", "刑法": "law", "诉讼与非诉讼程序法": "law", "法律": "law",
    "行政法规": "administrative_regulation",
    "部门规章": "department_rule",
    "地方性法规": "local_regulation",
    "自治条例": "autonomous_regulation", "单行条例": "autonomous_regulation",
    "自治条例和单行条例": "autonomous_regulation",
    "地方政府规章": "local_rule",
    "规范性文件": "normative_document",
    "其他": "other", "司法解释": "other",
}
# the project's `level` enum, highest first
LEVEL_ORDER = ("constitution", "law", "administrative_regulation", "local_regulation", "autonomous_regulation",
               "department_rule", "local_rule", "normative_document", "other")


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One line of the history above ``<!-- INFO END -->``: 2019年4月23日 …修正."""

    date: dt.date | None
    event: str  # 通过 公布 修正 修订 施行 废止, or 其他
    text: str


@dataclass(frozen=True, slots=True)
class Item:
    """项: a line ``（三）…`` inside a paragraph."""

    number: int
    text: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    """款: the paragraph's own line and the items that follow it."""

    text: str
    items: tuple[Item, ...] = ()

    @property
    def full_text(self) -> str:
        return "\n".join(t for t in (self.text, *(item.text for item in self.items)) if t)


@dataclass(frozen=True, slots=True)
class Article:
    """条: 第十条之一 is number 10, sub 1."""

    number: int
    sub: int
    paragraphs: tuple[Paragraph, ...]
    chapter: str = ""

    @property
    def label(self) -> str:
        return article_label(self.number, self.sub)

    @property
    def text(self) -> str:
        """The article's wording without its label, one paragraph or item a line."""
        return "\n".join(p.full_text for p in self.paragraphs)


def citation_label(article: int, sub: int = 0, paragraph: int | None = None, item: int | None = None) -> str:
    """42, 0, 2, 3 -> 第四十二条第二款第（三）项."""
    out = article_label(article, sub)
    if paragraph:
        out += f"第{int_to_cn(paragraph)}款"
    if item:
        out += f"第（{int_to_cn(item)}）项"
    return out


def article_label(number: int, sub: int = 0) -> str:
    """10, 1 -> 第十条之一."""
    return f"第{int_to_cn(number)}条" + (f"之{int_to_cn(sub)}" if sub else "")


@dataclass(frozen=True, slots=True)
class Source:
    """One file of an edition (an edition is one file, or several for a code split by 编)."""

    root: int
    path: str  # relative to its root, with /
    digest: str
    subtitle: str = ""


@dataclass(slots=True)
class LawEdition:
    """One edition of one law. Articles are read from the files when first asked for."""

    title: str  # the heading: 中华人民共和国行政许可法
    name: str  # the file's name without the date: 行政许可法
    level: str
    date: dt.date | None  # the edition: from the file name, else the newest history entry
    effective: dt.date | None  # in force from (施行), when the history or text says so
    history: tuple[HistoryEntry, ...]
    repealed: bool
    sources: tuple[Source, ...]
    article_count: int
    _articles: tuple[Article, ...] | None = field(default=None, repr=False)
    _loader: Callable[[LawEdition], tuple[Article, ...]] | None = field(default=None, repr=False, compare=False)

    @property
    def articles(self) -> tuple[Article, ...]:
        if self._articles is None:
            self._articles = self._loader(self) if self._loader else ()
        return self._articles

    @property
    def chapters(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a.chapter for a in self.articles if a.chapter))

    @property
    def path(self) -> str:
        return self.sources[0].path

    def get(self, number: int, sub: int = 0) -> Article | None:
        for article in self.articles:
            if article.number == number and article.sub == sub:
                return article
        return None

    def in_force_on(self, day: dt.date) -> bool:
        start = self.effective or self.date
        return start is None or start <= day
