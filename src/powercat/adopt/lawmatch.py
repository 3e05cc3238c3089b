"""What the law library says of the documents a 依据 cell names (for `basis_text`).

    known = KnownLaws.of(catalog.laws)             # None without a library: nothing is known
    known.title_at("税收征收管理法实施细则第七十八条…", 0) -> ("中华人民共和国税收征收管理法实施细则", 11)
    known.full_title("环境保护法")                 -> "中华人民共和国环境保护法"
    known.level("彩票管理条例")                    -> "administrative_regulation"
    known.article_missing("彩票管理条例", "第九十条") -> {"zh-CN": "…没有第九十条：该法共47条", "en": …}
    known.repealed_by("中华人民共和国档案法实施办法") -> "《中华人民共和国档案法实施条例》第五十二条"

Titles are matched as the library matches them (`powercat.laws.text.title_key`: without 《》,
spaces or 中华人民共和国, brackets of either width), the longest first, so 税收征收管理法实施细则 is
never read as 税收征收管理法. The library's `other` level (its 其他 folder) says nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from powercat.laws import Library, parse_citation
from powercat.laws.text import PRC, title_key

_REPEAL = re.compile(r"《([^《》]{2,60})》[^。；]{0,20}?(?:同时|即行|予以)?废止")


@dataclass
class KnownLaws:
    lib: Library
    keys: dict[str, str] = field(default_factory=dict)  # title_key -> the library's full title
    longest: int = 0
    _repeals: dict[str, str] | None = None

    @classmethod
    def of(cls, lib: Library | None) -> KnownLaws | None:
        if lib is None:
            return None
        known = cls(lib)
        for title in lib.titles():
            known.keys.setdefault(title_key(title), title)
        known.longest = max((len(k) for k in known.keys), default=0)
        return known

    def full_title(self, written: str) -> str | None:
        """The library's title of the law ``written`` names (with or without 中华人民共和国), or None."""
        return self.keys.get(title_key(written))

    def title_at(self, text: str, pos: int) -> tuple[str, int] | None:
        """The longest library title written at ``text[pos:]`` without 《》: (full title, end)."""
        start = pos + len(PRC) if text.startswith(PRC, pos) else pos
        for end in range(min(len(text), start + self.longest + 2), start + 1, -1):
            key = title_key(text[start:end])
            if key in self.keys and not text[end - 1].isspace() and _ends(text, end):
                return self.keys[key], end
        return None

    def level(self, title: str) -> str | None:
        """The level the library files the law under (None when absent or filed as "other")."""
        edition = self.lib.find(title)
        return edition.level if edition is not None and edition.level not in ("", "other") else None

    def article_missing(self, title: str, article: str | None) -> dict[str, str] | None:
        """What the library says of the first cited article, paragraph or item its edition in force
        lacks, by language ({"zh-CN": "…没有第九十条：该法共47条", "en": …}); None when all exist."""
        if not article or self.lib.find(title) is None:
            return None
        for c in parse_citation(article, title=title):
            answer = self.lib.cite(c, title=title)
            if c.article and not answer.ok:
                return {lang: answer.message(lang) for lang in ("zh-CN", "en")}
        return None

    def article_checkable(self, title: str, article: str | None) -> bool:
        return bool(article) and self.lib.find(title) is not None and any(
            c.article for c in parse_citation(article, title=title))

    def repealed_by(self, title: str) -> str | None:
        """The article of another law in the library that repeals ``title`` (《…》同时废止)."""
        if self._repeals is None:
            self._repeals = _repeals(self.lib)
        return self._repeals.get(title_key(title))


def _ends(text: str, end: int) -> bool:
    """A title ends here: not inside a longer name (个人所得税法 of 个人所得税法实施条例)."""
    return end >= len(text) or not ("\u4e00" <= text[end] <= "\u9fff") or text[end] in "第和及或与"


def _repeals(lib: Library) -> dict[str, str]:
    """title_key of a repealed law -> the article repealing it, from each law's last three articles."""
    found: dict[str, str] = {}
    for title in lib.titles():
        edition = lib.editions(title)[-1]
        for article in list(edition.articles)[-3:]:
            for m in _REPEAL.finditer(article.text):
                if title_key(m.group(1)) != title_key(edition.title):
                    found.setdefault(title_key(m.group(1)), f"《{edition.title}》{article.label}")
    return found
