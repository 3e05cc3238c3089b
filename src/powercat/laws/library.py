"""The law library: every edition under one or more roots, found by title and date."""

from __future__ import annotations

import datetime as dt
import difflib
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from powercat.laws import cache
from powercat.laws.answer import ArticleAnswer, look_up
from powercat.laws.build import editions_of, entry_of, parse_file, repealed_on
from powercat.laws.cite import Citation, parse_citation
from powercat.laws.model import LEVEL_ORDER, Article, LawEdition
from powercat.laws.parse import PARSER_VERSION
from powercat.laws.scan import LawFile, library_key, roots_key, scan
from powercat.laws.text import finder, title_key, wording


@dataclass
class OpenStats:
    """How the library was opened: from the cache or by parsing every file, and how long it took."""

    files: int = 0
    editions: int = 0
    from_cache: bool = False
    seconds: float = 0.0


@dataclass
class Library:
    roots: list[Path]
    files: list[LawFile]
    entries: list[dict[str, Any]]
    all_editions: list[LawEdition] = field(default_factory=list)
    stats: OpenStats = field(default_factory=OpenStats)
    key: str = ""  # what the library was read from: its files' digests and the parser's version
    _by_key: dict[str, list[LawEdition]] = field(default_factory=dict)
    _data: dict[tuple[int, str], bytes] = field(default_factory=dict)

    @classmethod
    def open(cls, paths: list[Path], cache_dir: Path | None = None) -> Library:
        """Read the library under ``paths``, from ``cache_dir`` when its index was built from exactly
        these files (by content), else by parsing them all (and writing the index there)."""
        start = time.perf_counter()
        roots = [Path(p) for p in paths]
        files = scan(roots)
        key = library_key(files, f"{PARSER_VERSION}:{cache.VERSION}:{_version()}")
        where = cache_dir / f"index-{roots_key(roots)}.json" if cache_dir else None
        entries = cache.read(where, key, files) if where else None
        library = cls._build(roots, files, entries)
        from_cache = library is not None
        if library is None:  # no usable cache (or a date in it that does not parse)
            entries, parsed = _parse_all(files)
            library = cls._build(roots, files, entries, parsed)
            if where:
                cache.write(where, key, entries)
        library.stats = OpenStats(len(files), len(library.all_editions), from_cache, time.perf_counter() - start)
        library.key = key
        return library

    @property
    def root_names(self) -> list[str]:
        """Each root's folder name (``national``), which the paths in messages begin with."""
        return [root.resolve().name for root in self.roots]

    @classmethod
    def _build(cls, roots: list[Path], files: list[LawFile], entries: list[dict[str, Any]] | None,
               parsed: dict[tuple[int, str], list[Article]] | None = None) -> Library | None:
        if entries is None:
            return None
        library = cls(roots, files, entries, _data={(f.root, f.path): f.data for f in files})
        try:
            library.all_editions = editions_of(entries, library.root_names, library._articles_of)
        except ValueError:
            return None
        for edition in library.all_editions:
            if parsed is not None:
                edition._articles = tuple(a for s in edition.sources for a in parsed[(s.root, s.path)])
            for name in {title_key(edition.title), title_key(edition.name)}:
                library._by_key.setdefault(name, []).append(edition)
        for editions in library._by_key.values():
            editions.sort(key=lambda e: (e.effective or e.date or dt.date.min, e.date or dt.date.min))
        return library

    def _articles_of(self, edition: LawEdition) -> tuple[Article, ...]:
        """Parse the edition's files (kept in memory since they were hashed) when first asked."""
        return tuple(a for s in edition.sources for a in self.file_articles({"root": s.root, "path": s.path}))

    def file_articles(self, entry: dict[str, Any]) -> list[Article]:
        """The articles of one file of the library (``entry`` names it by root and path)."""
        data = self._data[(entry["root"], entry["path"])]
        return parse_file(LawFile(entry["root"], entry["path"], data, "")).articles

    # -- titles and editions -------------------------------------------------------------------

    def titles(self) -> list[str]:
        """Every law's full title, once, sorted."""
        return sorted({e.title for e in self.all_editions})

    def editions(self, title: str) -> list[LawEdition]:
        """Every edition of the law, oldest first (full title, without 中华人民共和国, or the file's name)."""
        return list(self._by_key.get(title_key(title), ()))

    def find(self, title: str, on: dt.date | None = None) -> LawEdition | None:
        """The edition in force on ``on`` (the newest without a date); None if there is none."""
        editions = self.editions(title)
        if on is None:
            return editions[-1] if editions else None
        for edition in reversed(editions):
            if edition.in_force_on(on):
                gone = repealed_on(edition)
                return edition if gone is None or gone > on else None
        return None

    def closest(self, title: str, n: int = 3) -> list[str]:
        """Up to ``n`` titles like ``title``, for a "did you mean" hint: titles containing it (or
        contained in it) first, then the most similar."""
        key = title_key(title)
        names = {title_key(e.title): e.title for e in self.all_editions}
        inside = [t for k, t in names.items() if key and (key in k or k in key)]
        inside.sort(key=lambda t: abs(len(title_key(t)) - len(key)))
        similar = [names[k] for k in difflib.get_close_matches(key, list(names), n=n, cutoff=0.5)]
        return list(dict.fromkeys([*inside, *similar]))[:n]

    # -- articles --------------------------------------------------------------------------------

    def article(self, title: str, article: int, paragraph: int | None = None, item: int | None = None,
                on: dt.date | None = None, sub: int = 0) -> ArticleAnswer:
        """The text of 第article条[之sub][第paragraph款][第（item）项] of the edition in force on ``on``,
        or an answer saying which part does not exist (``answer.ok``, ``answer.message(lang)``)."""
        edition = self.find(title, on)
        if edition is None:
            return self.missing(title, on, ArticleAnswer(title, article, sub, paragraph, item))
        return look_up(edition, ArticleAnswer(title, article, sub, paragraph, item))

    def missing(self, title: str, on: dt.date | None = None, asked: ArticleAnswer | None = None) -> ArticleAnswer:
        """Why ``find(title, on)`` found nothing: no such law (with the closest titles as hints), or no
        edition in force on that day (with the dates of those there are)."""
        asked = asked or ArticleAnswer(title, 0)
        editions = self.editions(title)
        if editions and on is not None:
            dates = tuple(e.date.isoformat() if e.date else "?" for e in editions)
            return replace(asked, missing="edition", on=on, dates=dates)
        return replace(asked, missing="law", hints=tuple(self.closest(title)))

    def cite(self, citation: Citation, on: dt.date | None = None, title: str | None = None) -> ArticleAnswer:
        """``article`` for a parsed citation (``title`` when the citation names none)."""
        return self.article(citation.title or title or "", citation.article, citation.paragraph, citation.item,
                            on=on, sub=citation.sub)

    def cite_all(self, title: str, article: str, on: dt.date | None = None) -> list[ArticleAnswer]:
        """Every article, paragraph or item ``article`` (第四十二条第二款、第四十三条) cites in ``title``."""
        return [self.cite(c, on=on, title=title) for c in parse_citation(article, title=title)]

    def search(self, words: list[str], limit: int = 50) -> tuple[list[LawEdition], list[tuple[LawEdition, Article]]]:
        """Laws whose title has every word, then articles (of each law's newest edition) that do:
        those of the laws found by title first, then by level (laws before regulations) and title."""
        finders = [finder(w) for w in words if wording(w)]
        newest = list({id(e): e for e in (self.editions(e.title)[-1] for e in self.all_editions)}.values())
        titles = sorted((e for e in newest if all(f.search(e.title) for f in finders)),
                        key=lambda e: (LEVEL_ORDER.index(e.level), e.title))
        named = {id(e) for e in titles}
        found: list[tuple[LawEdition, Article]] = []
        for edition in sorted(newest, key=lambda e: (id(e) not in named, LEVEL_ORDER.index(e.level), e.title)):
            if len(found) >= limit:
                break
            found.extend((edition, art) for art in edition.articles if all(f.search(art.text) for f in finders))
        return titles[:limit], found[:limit]


def _parse_all(files: list[LawFile]) -> tuple[list[dict[str, Any]], dict[tuple[int, str], list[Article]]]:
    entries, parsed = [], {}
    for file in files:
        result = parse_file(file)
        entries.append(entry_of(file, result))
        parsed[(file.root, file.path)] = result.articles
    return entries, parsed


def _version() -> str:
    from powercat import __version__

    return __version__
