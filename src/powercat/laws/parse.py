"""One Markdown file of the library -> its title, history and articles (款 and 项 included).

Layout: ``# title`` (a second ``# `` line is a part, e.g. 民法典's 总则), history lines
(``2019年4月23日 …修正``), ``<!-- INFO END -->``, then ``##``/``###`` headings and one article a
paragraph beginning ``第N条``; further paragraphs (款) and items (项, ``（一）…``) on their own lines."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from powercat.laws.model import Article, HistoryEntry, Item, Paragraph, article_label
from powercat.laws.numerals import NUMERAL_CHARS, cn_to_int, to_int
from powercat.laws.text import clean_line, half_width

PARSER_VERSION = "1"  # part of the cache key: a parser change rebuilds every index
INFO_END = "<!-- INFO END -->"
N = f"[{NUMERAL_CHARS}]+"
ARTICLE = re.compile(rf"第({N})条(?:之({N}))?(?:[ \u3000\t]+|$)")
LOOSE = re.compile(rf"[第笫]\s*({N})\s*条(?:之({N}))?\s*")
RUN = re.compile(rf"[ \u3000]+第({N})条(?:之({N}))?[ \u3000]")
ITEM = re.compile(rf"[（(]({N})[)）]")
DATE = re.compile(r"[（(]?\s*(\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月"
                  r"\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日")
FILE_DATE = re.compile(r"^(.*?)\s*\((\d{4})-(\d{2})-(\d{2})\)$")
COMMENT = re.compile(r"<!--.*?-->")
QUOTED = re.compile(r"《[^》]*》?|<[^>]*>|〈[^〉]*〉")
START = re.compile(r"自\s*(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*起?施行")
EVENTS = ("废止", "修订", "修正", "公布", "发布", "通过", "施行")


@dataclass
class ParsedFile:
    """What one file says. ``problems`` are (code, detail) pairs for `laws check`."""

    title: str = ""
    subtitle: str = ""
    history: list[HistoryEntry] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    starts: list[dt.date] = field(default_factory=list)  # 自…起施行 in the text
    problems: list[tuple[str, str]] = field(default_factory=list)


def split_name(stem: str) -> tuple[str, dt.date | None]:
    """``行政许可法(2019-04-23)`` -> (行政许可法, 2019-04-23); no date -> None."""
    match = FILE_DATE.match(stem)
    if not match:
        return stem.strip(), None
    try:
        return match.group(1), dt.date(int(match.group(2)), int(match.group(3)), int(match.group(4)))
    except ValueError:
        return match.group(1), None


def parse_date(text: str) -> dt.date | None:
    """The date a history line begins with (``2019年4月23日``, ``２０１２年１２月３日``, ``一九九五年三月二十六日``)."""
    match = DATE.match(half_width(text))
    if not match:
        return None
    try:
        return dt.date(*(cn_to_int(part) for part in match.groups()))
    except ValueError:
        return None


def event_of(text: str) -> str:
    """The event a history line records; titles quoted in it (《…决定》) do not count."""
    bare = QUOTED.sub("", text)
    return next((e if e != "发布" else "公布" for e in EVENTS if e in bare), "其他")


def parse_text(text: str) -> ParsedFile:
    """Parse a whole file."""
    out = ParsedFile()
    lines = text.splitlines()
    body_at = _read_header(lines, out)
    _read_body(lines[body_at:], out)
    if not out.title:
        out.problems.append(("no-title", ""))
    _sequence(out)
    return out


def _sequence(out: ParsedFile) -> None:
    """Articles numbered backwards or twice (an error: a citation could not tell them apart),
    numbers skipped, or no article at all."""
    if not out.articles:
        out.problems.append(("no-articles", ""))
        return
    last = (0, 0) if not out.subtitle else None
    for article in out.articles:
        here = (article.number, article.sub)
        if last is not None and here <= last:
            out.problems.append(("out-of-order", f"{_label_of(last)} → {article.label}"))
        elif last == (0, 0) and here != (1, 0):
            out.problems.append(("late-start", article.label))
        elif last is not None and here not in _next(last):
            out.problems.append(("gap", f"{_label_of(last)} → {article.label}"))
        last = here


def _label_of(number: tuple[int, int]) -> str:
    return article_label(*number)


def _read_header(lines: list[str], out: ParsedFile) -> int:
    """Title, part and history; returns the index of the first body line."""
    end = next((i for i, line in enumerate(lines) if line.strip() == INFO_END), None)
    if end is None:
        out.problems.append(("no-info-end", ""))
        end = next((i for i, line in enumerate(lines) if line.startswith("##") or ARTICLE.match(line)), len(lines))
    for line in lines[:end]:
        line = clean_line(COMMENT.sub("", line))
        if line.startswith("# "):
            _heading(clean_line(line[2:]), out)
        elif line and not line.startswith(("#", "---")):
            _history_line(line, out)
    return end + 1 if end < len(lines) and lines[end].strip() == INFO_END else end


def _heading(text: str, out: ParsedFile) -> None:
    if not out.title:
        out.title = text
    elif not out.subtitle:
        out.subtitle = text


def _history_line(line: str, out: ParsedFile) -> None:
    day = parse_date(line)
    if day is not None:
        out.history.append(HistoryEntry(day, event_of(line), line))
    elif out.history:  # a line the source broke in two
        last = out.history[-1]
        joined = last.text + line
        out.history[-1] = HistoryEntry(last.date, event_of(joined), joined)
    elif line not in out.title:  # not a title the source broke over two lines
        out.problems.append(("history-line", line[:60]))


class _Body:
    """The article being read: its paragraphs, and the items of the last paragraph."""

    def __init__(self, out: ParsedFile) -> None:
        self.out = out
        self.chapter: list[str] = []
        self.number: tuple[int, int] | None = None
        self.last = (0, 0)
        self.paragraphs: list[Paragraph] = []
        self.items: list[Item] = []
        self.text = ""

    def expected(self) -> tuple[int, int]:
        """The number of the article being read ((0, 0) before the first)."""
        return self.number or self.last

    def heading(self, line: str) -> None:
        depth = len(line) - len(line.lstrip("#"))
        text = clean_line(line.lstrip("#"))
        if text:
            self.close()
            del self.chapter[max(depth - 2, 0):]
            self.chapter.append(text)

    def article(self, number: int, sub: int, rest: str) -> None:
        self.close()
        self.number = (number, sub)
        self.text = rest

    def line(self, line: str) -> None:
        if self.number is None:  # a preamble (序言) or text before the first article
            return
        item = ITEM.match(line)
        number = to_int(item.group(1)) if item else None
        if number is not None:
            self.items.append(Item(number, line))
        elif not self.text and not self.items:
            self.text = line
        else:
            self.end_paragraph()
            self.text = line

    def end_paragraph(self) -> None:
        if self.text or self.items:
            self.paragraphs.append(Paragraph(self.text, tuple(self.items)))
        self.text, self.items = "", []

    def close(self) -> None:
        if self.number is None:
            return
        self.end_paragraph()
        number, sub = self.number
        self.out.articles.append(Article(number, sub, tuple(self.paragraphs), " ".join(self.chapter)))
        self.last, self.number, self.paragraphs = self.number, None, []


def _read_body(lines: list[str], out: ParsedFile) -> None:
    body = _Body(out)
    for raw in lines:
        line = clean_line(raw)
        if not line or line.startswith("<!--"):
            continue
        if line.startswith("#"):
            body.heading(line)
            continue
        for part in _run_together(line, body, out):
            _body_line(part, body, out)
    body.close()
    _starts(out)


def _body_line(line: str, body: _Body, out: ParsedFile) -> None:
    label = _label(line, body.expected())
    if label is None:
        body.line(line)
        return
    number, sub, rest, strict = label
    if not strict:
        out.problems.append(("loose-label", line[:24]))
    body.article(number, sub, rest)


def _label(line: str, expected: tuple[int, int]) -> tuple[int, int, str, bool] | None:
    """(number, sub, rest of the line, written as it should be) when the line begins an article.
    A label written loosely (笫五十四条, 第一百二十八 条…) counts only where that article is due."""
    match = ARTICLE.match(line)
    strict = match is not None
    match = match or LOOSE.match(line)
    if match is None:
        return None
    number, sub = to_int(match.group(1)), to_int(match.group(2) or "零")
    if number is None or sub is None or (not strict and (number, sub) not in _next(expected)):
        return None
    return number, sub, line[match.end():].strip(), strict


def _next(current: tuple[int, int]) -> tuple[tuple[int, int], ...]:
    number, sub = current
    return (number + 1, 0), (number, sub + 1)


def _run_together(line: str, body: _Body, out: ParsedFile) -> list[str]:
    """Articles the source ran together on one line (`…制定本规则。 第二条 凡…`), split where the
    next article is due; anything else stays one line."""
    if " 第" not in line and "\u3000第" not in line:
        return [line]
    parts, expected = [], body.expected()
    if ARTICLE.match(line):
        expected = (to_int(ARTICLE.match(line).group(1)) or 0, 0)
    start = 0
    for match in RUN.finditer(line):
        number, sub = to_int(match.group(1)), to_int(match.group(2) or "零")
        if (number, sub) in _next(expected):
            parts.append(line[start:match.start()])
            start, expected = match.start() + len(match.group(0)) - len(match.group(0).lstrip()), (number, sub)
    if parts:
        out.problems.append(("run-together", line[:24]))
    return [*parts, line[start:]]


def _starts(out: ParsedFile) -> None:
    """Dates of 本法自…起施行 in the last articles (where a law says when it takes effect)."""
    for article in out.articles[-3:]:
        for match in START.finditer(half_width(article.text)):
            day = parse_date(match.group(1))
            if day:
                out.starts.append(day)
