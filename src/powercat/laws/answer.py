"""Looking up 第N条[第M款][第（K）项] in one edition: the text, or which part does not exist."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from powercat.laws.messages import text
from powercat.laws.model import Article, LawEdition, Paragraph, article_label, citation_label
from powercat.laws.numerals import int_to_cn


@dataclass(frozen=True)
class ArticleAnswer:
    """What ``Library.article`` found. ``missing`` is None, "law", "edition", "article", "paragraph" or
    "item"; ``count`` is how many of that part there are (articles in the law, paragraphs in the
    article, items in the paragraph). ``articles`` is the number of articles in the law."""

    title: str
    article: int
    sub: int = 0
    paragraph: int | None = None
    item: int | None = None
    edition: LawEdition | None = None
    found: Article | None = None
    text: str | None = None
    missing: str | None = None
    count: int = 0
    articles: int = 0
    hints: tuple[str, ...] = ()
    on: dt.date | None = None  # the day asked about
    dates: tuple[str, ...] = ()  # for "edition": the dates of the editions there are
    context: str | None = None  # what a quote of this citation comes from (see below)

    # ``context`` is ``text``, except for an item: then the whole paragraph (its lead line and
    # items), since a quote of 第（三）项 usually quotes the paragraph's lead line with it.

    @property
    def ok(self) -> bool:
        return self.missing is None

    @property
    def label(self) -> str:
        """第四十二条第二款第（三）项."""
        return citation_label(self.article, self.sub, self.paragraph, self.item)

    def message(self, lang: str = "zh-CN") -> str:
        """One line saying what does not exist ("" when found)."""
        if self.missing is None:
            return ""
        if self.missing in ("law", "edition"):
            return _law_message(self, lang)
        law = law_name(self.edition, lang) if self.edition else self.title
        article = _article_name(self.article, self.sub, lang)
        if self.missing == "article":
            return text("article-missing", lang, law=law, article=article, count=self.count)
        if self.missing == "paragraph":
            return text("paragraph-missing", lang, law=law, article=article, paragraph=_num(self.paragraph, lang),
                        count=self.count)
        place = (f"第{int_to_cn(self.paragraph)}款" if lang != "en" else f" paragraph {self.paragraph}") \
            if self.paragraph else ""
        if self.count == 0:
            return text("no-items", lang, law=law, article=article, place=place)
        whole = "该款" if self.paragraph else "该条"
        return text("item-missing", lang, law=law, article=article, place=place, item=_num(self.item, lang),
                    whole=whole, count=self.count)


def _law_message(answer: ArticleAnswer, lang: str) -> str:
    if answer.missing == "edition":
        return text("not-in-force", lang, title=answer.title, on=answer.on, dates=", ".join(answer.dates))
    out = text("law-missing", lang, title=answer.title)
    if answer.hints:
        out += text("hint", lang, names="、".join(f"《{h}》" for h in answer.hints) if lang != "en"
                    else ", ".join(answer.hints))
    return out


def _num(number: int | None, lang: str) -> str:
    return str(number) if lang == "en" else int_to_cn(number or 0)


def _article_name(number: int, sub: int, lang: str) -> str:
    if lang == "en":
        return f"article {number}" + (f"-{sub}" if sub else "")
    return article_label(number, sub)


def law_name(edition: LawEdition, lang: str = "zh-CN") -> str:
    """《中华人民共和国行政许可法》(2019-04-23 edition)."""
    when = text("edition", lang, date=edition.date.isoformat()) if edition.date else text("no-date", lang)
    return f"《{edition.title}》（{when}）" if lang != "en" else f"{edition.title} ({when})"


def look_up(edition: LawEdition, answer: ArticleAnswer) -> ArticleAnswer:
    """Fill in ``answer`` (which names the part wanted) from ``edition``."""
    base = dict(edition=edition, articles=len(edition.articles))
    found = edition.get(answer.article, answer.sub)
    if found is None:
        return _with(answer, missing="article", count=len(edition.articles), **base)
    base["found"] = found
    paragraph = _paragraph(found, answer.paragraph, answer.item)
    if answer.paragraph and paragraph is None:
        return _with(answer, missing="paragraph", count=len(found.paragraphs), **base)
    if answer.item is None:
        cited = paragraph.full_text if answer.paragraph else found.text
        return _with(answer, text=cited, context=cited, **base)
    items = paragraph.items if paragraph else ()
    item = next((i for i in items if i.number == answer.item), None)
    if item is None:
        return _with(answer, missing="item", count=len(items), **base)
    return _with(answer, text=item.text, context=paragraph.full_text, **base)


def _paragraph(article: Article, number: int | None, item: int | None) -> Paragraph | None:
    """Paragraph ``number``; with only an item asked for, the first paragraph that has items."""
    if number:
        return article.paragraphs[number - 1] if number <= len(article.paragraphs) else None
    if item is not None:
        return next((p for p in article.paragraphs if p.items), None)
    return None


def _with(answer: ArticleAnswer, **values: object) -> ArticleAnswer:
    return replace(answer, **values)
