"""`laws check`: what the library itself cannot resolve, file by file and across files."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from powercat.laws.build import edition_date, level_of, stem
from powercat.laws.messages import PROBLEMS
from powercat.laws.parse import split_name
from powercat.laws.text import title_key

if TYPE_CHECKING:
    from powercat.laws.library import Library

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # root folder name / path in it
    code: str
    detail: str = ""

    @property
    def severity(self) -> str:
        return PROBLEMS[self.code][0]

    def message(self, lang: str = "zh-CN") -> str:
        _, zh, en = PROBLEMS[self.code]
        return (en if lang == "en" else zh).format(detail=self.detail)


def check(library: Library) -> list[Problem]:
    """Every problem, errors first, then by file."""
    names = library.root_names
    found: list[Problem] = []
    for entry in library.entries:
        found.extend(_file_problems(entry, names))
    found.extend(_duplicates(library, names))
    return sorted(found, key=lambda p: (SEVERITIES.index(p.severity), p.path, p.code, p.detail))


def where(entry: dict[str, Any], names: list[str]) -> str:
    return f"{names[entry['root']]}/{entry['path']}"


def _file_problems(entry: dict[str, Any], names: list[str]) -> list[Problem]:
    path = where(entry, names)
    out = [Problem(path, code, detail) for code, detail in _merged(entry["problems"])]
    if entry["title"] and level_of(entry["path"], names[entry["root"]]) is None:
        out.append(Problem(path, "unknown-folder"))
    _, date = split_name(stem(entry["path"]))
    days = {d for d, _, _ in entry["history"] if d}
    if date and days and date.isoformat() not in days:
        out.append(Problem(path, "date-mismatch", date.isoformat()))
    if entry["title"] and not date and not days:
        out.append(Problem(path, "no-date"))
    return out


def _merged(problems: list[list[str]]) -> list[tuple[str, str]]:
    """One problem per code and file, the details joined (a file with 12 run-together lines is one)."""
    details: dict[str, list[str]] = {}
    for code, detail in problems:
        details.setdefault(code, []).append(detail)
    return [(code, "；".join(d for d in found[:3] if d) + ("……" if len(found) > 3 else ""))
            for code, found in details.items()]


def _wording(library: Library, entry: dict[str, Any]) -> list[tuple[int, int, str]]:
    return [(a.number, a.sub, a.text) for a in library.file_articles(entry)]


def _duplicates(library: Library, names: list[str]) -> list[Problem]:
    """Two whole files (not parts of one code) with the same title and the same edition date: an error
    when their articles differ (which one is the law?), a warning when they are copies."""
    seen: dict[tuple[str, Any], dict[str, Any]] = {}
    out: list[Problem] = []
    for entry in library.entries:
        if not entry["title"] or entry["subtitle"]:
            continue
        key = (title_key(entry["title"]), edition_date(entry))
        first = seen.setdefault(key, entry)
        if first is not entry:
            same = _wording(library, first) == _wording(library, entry)
            out.append(Problem(where(entry, names), "copy" if same else "duplicate", where(first, names)))
    return out
