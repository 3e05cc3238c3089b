"""From files to editions: parse each file into a cache entry, then group entries into editions with
their level, edition date, date in force and repealed flag."""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable

from powercat.laws.model import LEVELS, HistoryEntry, LawEdition, Source
from powercat.laws.parse import QUOTED, ParsedFile, parse_text, split_name
from powercat.laws.scan import LawFile
from powercat.laws.text import title_key

REPEAL_MARKS = ("已废止", "已失效", "（废止）", "(废止)", "【废止】", "【失效】")


def parse_file(file: LawFile) -> ParsedFile:
    """The file's content; a file that cannot be read or decoded is an empty result with a problem."""
    if file.error:
        return ParsedFile(problems=[("unreadable", file.error)])
    try:
        text = file.data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return ParsedFile(problems=[("not-utf8", f"byte {exc.start}")])
    return parse_text(text)


def entry_of(file: LawFile, parsed: ParsedFile) -> dict[str, Any]:
    """What the index keeps of one file (plain JSON values)."""
    return {
        "root": file.root, "path": file.path, "digest": file.digest,
        "title": parsed.title, "subtitle": parsed.subtitle,
        "history": [[h.date.isoformat() if h.date else None, h.event, h.text] for h in parsed.history],
        "starts": [day.isoformat() for day in parsed.starts],
        "articles": len(parsed.articles),
        "first": parsed.articles[0].number if parsed.articles else 0,
        "problems": [list(problem) for problem in parsed.problems],
    }


def stem(path: str) -> str:
    """``行政法/行政许可法(2019-04-23).md`` -> ``行政许可法(2019-04-23)`` (paths in the index use /)."""
    name = path.rsplit("/", 1)[-1]
    return name[:-3] if name.endswith(".md") else name


def level_of(path: str, root_name: str) -> str | None:
    """The level named by the first folder of ``path`` that names one (else by the root's own name)."""
    for part in (*path.split("/")[:-1], root_name):
        if part in LEVELS:
            return LEVELS[part]
    return None


def editions_of(entries: list[dict[str, Any]], root_names: list[str],
                loader: Callable[[LawEdition], Any]) -> list[LawEdition]:
    """One edition per file, except the parts of one code (same title and date, each with its own
    part heading), which make one edition in article order. Raises ValueError on a bad date."""
    groups: dict[tuple[str, dt.date | None, str], list[dict[str, Any]]] = {}
    for entry in entries:
        if not entry["title"]:
            continue
        date = edition_date(entry)
        # parts group together; whole files stay apart (two of them are a duplicate for `laws check`)
        apart = "" if entry["subtitle"] else f"{entry['root']}/{entry['path']}"
        groups.setdefault((title_key(entry["title"]), date, apart), []).append(entry)
    return [_edition(parts, date, root_names, loader) for (_, date, _), parts in groups.items()]


def _edition(parts: list[dict[str, Any]], date: dt.date | None, root_names: list[str],
             loader: Callable[[LawEdition], Any]) -> LawEdition:
    parts = sorted(parts, key=lambda e: (e["first"] == 0, e["first"]))
    first = parts[0]
    history = tuple(HistoryEntry(_day(d), event, text) for d, event, text in first["history"])
    name, _ = split_name(stem(first["path"]))
    starts = [_day(day) for part in parts for day in part["starts"]]
    return LawEdition(
        title=first["title"],
        name=first["title"] if first["subtitle"] else name,
        level=level_of(first["path"], root_names[first["root"]]) or "other",
        date=date,
        effective=_effective(date, history, starts),
        history=history,
        repealed=_repealed(first["title"], history) is not None,
        sources=tuple(Source(p["root"], p["path"], p["digest"], p["subtitle"]) for p in parts),
        article_count=sum(p["articles"] for p in parts),
        _loader=loader,
    )


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text is not None else None


def edition_date(entry: dict[str, Any]) -> dt.date | None:
    """The date in the file's name, else its newest history entry (other than 施行)."""
    _, date = split_name(stem(entry["path"]))
    if date is not None:
        return date
    days = [_day(d) for d, event, _ in entry["history"] if d and event != "施行"]
    return max(days) if days else None


def _effective(date: dt.date | None, history: tuple[HistoryEntry, ...], starts: list[dt.date]) -> dt.date | None:
    """In force from: a 施行 date in the history on or after the edition, else the text's
    本法自…起施行 on or after the edition, else the edition date itself."""
    if date is None:
        return None
    said = [h.date for h in history if h.date and h.date >= date and "施行" in h.text and "施行" in event_text(h)]
    later = [day for day in starts if day and day >= date]
    return min(said) if said else min(later) if later else date


def event_text(entry: HistoryEntry) -> str:
    """The history line without the titles it quotes."""
    return QUOTED.sub("", entry.text)


def _repealed(title: str, history: tuple[HistoryEntry, ...]) -> dt.date | None:
    """The date the law was repealed (dt.date.min when only the title says so), or None."""
    for entry in history:
        if entry.event == "废止":
            return entry.date or dt.date.min
    return dt.date.min if any(mark in title for mark in REPEAL_MARKS) else None


def repealed_on(edition: LawEdition) -> dt.date | None:
    return _repealed(edition.title, edition.history) if edition.repealed else None
