"""Plain-text views of the library for the command line (`powercat laws`), Chinese or English."""

from __future__ import annotations

from powercat.laws.answer import ArticleAnswer, law_name
from powercat.laws.check import Problem
from powercat.laws.model import Article, LawEdition
from powercat.laws.messages import level_name
from powercat.laws.text import wording

SEVERITY_NAMES = {"error": ("错误", "error"), "warning": ("警告", "warning"), "info": ("提示", "info")}
SNIPPET = 36


def _pick(lang: str, zh: str, en: str) -> str:
    return en if lang == "en" else zh


def where(edition: LawEdition, roots: list[str]) -> str:
    return f"{roots[edition.sources[0].root]}/{edition.path}"


def about(edition: LawEdition, roots: list[str], lang: str) -> str:
    """``2019-04-23版 · 法律 · 共83条 · national/行政法/行政许可法(2019-04-23).md``."""
    parts = [law_name(edition, lang).rsplit("（" if lang != "en" else " (", 1)[-1].rstrip("）)"),
             level_name(edition.level, lang),
             _pick(lang, f"共{edition.article_count}条", f"{edition.article_count} articles")]
    if edition.effective and edition.effective != edition.date:
        parts.append(_pick(lang, f"{edition.effective.isoformat()}起施行", f"in force from {edition.effective.isoformat()}"))
    if edition.repealed:
        parts.append(_pick(lang, "已废止", "repealed"))
    return " · ".join([*parts, where(edition, roots)])


def show_answer(answer: ArticleAnswer, roots: list[str], lang: str) -> list[str]:
    """The cited text under a heading line and the edition's line."""
    edition = answer.edition
    assert edition is not None and answer.text is not None
    head = f"《{edition.title}》{answer.label}" if lang != "en" else f"{edition.title} {answer.label}"
    return [head, about(edition, roots, lang), *answer.text.splitlines()]


def show_law(edition: LawEdition, roots: list[str], lang: str) -> list[str]:
    """A law without an article asked for: its history and chapters."""
    lines = [f"《{edition.title}》" if lang != "en" else edition.title, about(edition, roots, lang)]
    if edition.history:
        lines.append(_pick(lang, "沿革：", "history:"))
        lines.extend(f"  {h.text}" for h in edition.history)
    if edition.chapters:
        lines.append(_pick(lang, "章节：", "chapters:"))
        lines.extend(f"  {chapter}" for chapter in edition.chapters)
    return lines


def search_lines(titles: list[LawEdition], found: list[tuple[LawEdition, Article]], words: list[str],
                 limit: int, lang: str) -> list[str]:
    lines = [_pick(lang, f"标题（{len(titles)}）：", f"titles ({len(titles)}):")]
    lines.extend(f"  《{e.title}》 {level_name(e.level, lang)}" for e in titles)
    more = _pick(lang, f"，只列出前 {limit} 条", f", the first {limit} shown") if len(found) >= limit else ""
    lines.append(_pick(lang, f"条文（{len(found)}{more}）：", f"articles ({len(found)}{more}):"))
    lines.extend(f"  《{e.title}》{a.label}：{snippet(a.text, words)}" for e, a in found)
    return lines


def snippet(text: str, words: list[str]) -> str:
    """A short piece of ``text`` around the first word found."""
    flat = "".join(text.split())
    keys = [wording(w) for w in words]
    at = min((flat.find(k) for k in keys if flat.find(k) >= 0), default=0)
    start = max(0, at - SNIPPET // 3)
    piece = flat[start:start + SNIPPET]
    return ("……" if start else "") + piece + ("……" if start + SNIPPET < len(flat) else "")


def check_lines(problems: list[Problem], files: int, show_info: bool, lang: str) -> list[str]:
    lines = [f"{_severity(p.severity, lang)} {p.path}: {p.message(lang)}"
             for p in problems if show_info or p.severity != "info"]
    counts = {s: sum(p.severity == s for p in problems) for s in SEVERITY_NAMES}
    hint = _pick(lang, "（用 --all 列出提示）", " (--all lists them)") if counts["info"] and not show_info else ""
    lines.append(_pick(lang, f"{files} 个文件：错误 {counts['error']}，警告 {counts['warning']}，提示 {counts['info']}{hint}",
                       f"{files} files: {counts['error']} errors, {counts['warning']} warnings, "
                       f"{counts['info']} notes{hint}"))
    return lines


def _severity(severity: str, lang: str) -> str:
    zh, en = SEVERITY_NAMES[severity]
    return en if lang == "en" else zh
