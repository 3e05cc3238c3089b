"""The law library: texts of laws and regulations (法律法规库) that catalogs cite.

This package owns reading a library of Markdown law files (one per law and edition, filed by level
folder), the index over it (titles, editions, history, articles, paragraphs 款 and items 项) and its
cache, parsing citations (行政许可法第四十二条第二款), and comparing a quoted text with the law's
wording. It imports nothing from the rest of powercat but ``__version__``: the linter calls it.

    lib = Library.open([Path("laws/national")], cache_dir=Path(".powercat/laws"))
    answer = lib.article("行政许可法", 42, paragraph=2)
    compare_quote(quote, answer.text).ok
"""

from __future__ import annotations

from powercat.laws.answer import ArticleAnswer
from powercat.laws.check import Problem, check
from powercat.laws.cite import Citation, parse_citation, split_title
from powercat.laws.compare import QuoteResult, compare_quote
from powercat.laws.library import Library, OpenStats
from powercat.laws.model import LEVELS, Article, HistoryEntry, Item, LawEdition, Paragraph
from powercat.laws.numerals import cn_to_int, int_to_cn
from powercat.laws.scan import LibraryError

__all__ = [
    "LEVELS", "Article", "ArticleAnswer", "Citation", "HistoryEntry", "Item", "LawEdition", "Library",
    "LibraryError", "OpenStats", "Paragraph", "Problem", "QuoteResult", "check", "cn_to_int",
    "compare_quote", "int_to_cn", "parse_citation", "split_title",
]
