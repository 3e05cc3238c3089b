"""The disclosure site's search: one ranked list, names first, then the pages' full text.

Measured on Chinese catalogs, Pagefind (even its extended build, which segments Chinese) misses
pages for terms after 对/与, finds nothing for quoted phrases, and found nothing for 行政复议 on
27 pages that say it. So the site searches by exact substring, in two files:

* ``search/index.json``: one small row per page people look for: every shown power (name, code,
  department and its short name, category, the power's own ``keywords`` and ``topics``), every
  department, and every month of records and complaints;
* ``search/text.json``: the words a citizen may type that are only in a page's text (the legal
  basis with its articles, the rights, conditions and materials, the 办事指南, the channels; a
  month's cases and complaint summaries), by URL; loaded after the first.

``templates/search.js`` (ES5, runs on old phones) keeps the rows that contain every word of the
query and ranks them (:func:`score`): a word in the name counts most (at its start more), then
the keywords, the code, department, category and topics, then the text; ties go to powers, then
to the shorter name. :func:`matches` is the same logic in Python, for the tests that measure
recall and ranking. Pagefind's hits, when it is installed, are added after these in the same list.
"""

from __future__ import annotations

import json
import unicodedata
from typing import Any, Iterable

from powercat.catalog.model import material_name
from powercat.i18n import label, t

INDEX_PATH = "search/index.json"
TEXT_PATH = "search/text.json"
QUOTES = "\"'“”‘’《》〈〉「」『』"
# (field, weight): a word found in a field scores its weight; the name's start scores more
WEIGHTS = (("n", 50), ("w", 40), ("c", 30), ("d", 20), ("a", 20), ("k", 20), ("p", 20))
START, TEXT = 10, 5
KINDS = {"power": 0, "department": 1, "month": 2}


def _power_text(v: Any, lang: str | None) -> str:
    """What a power page says that its row does not: the words people search for inside it."""
    p = v.power
    parts = [p.duties or "", p.accountability or "", p.service_commitment or "", *p.conditions,
             *(material_name(m) for m in p.materials)]
    parts += [f"{b.law}{b.article or ''} {b.text or ''}" for b in p.legal_basis]
    parts += [f"{label('enum.RightType', r.type, lang)} {r.note or ''} {r.basis or ''}" for r in p.rights]
    parts += [label("enum.RightType", "hearing", lang)] if p.hearing else []
    if p.guide:
        g = p.guide
        parts += [g.summary or "", *g.audience, *(q.question + q.answer for q in g.faq)]
        parts += [g.result.name if g.result else ""] + [c.name + (c.address or "") for c in g.places]
    parts += [c.name for key in ("complaints", "supervision", "consultation") for c in v.channels(key)]
    parts += [s.name for proc in p.procedures for s in proc.steps] + [d for proc in p.procedures for s in proc.steps
                                                                      for d in s.documents]
    return " ".join(x for x in parts if x)


def index_rows(views: Iterable[Any], lang: str | None = None) -> list[dict[str, str]]:
    """One small row per power page: n name, c code, d department, a its short name, k category,
    w keywords, p topics, u url, s status (category and status in the site's language)."""
    rows = []
    for v in views:
        row = {"n": v.power.name, "c": v.power.code, "d": v.dept_name,
               "k": label("enum.Category", v.power.category, lang), "u": v.url}
        if v.dept is not None and v.dept.short_name:
            row["a"] = v.dept.short_name
        if v.power.keywords:
            row["w"] = " ".join(v.power.keywords)
        if v.power.topics:
            row["p"] = " ".join(v.power.topics)
        if v.power.status.value != "active":
            row["s"] = label("enum.Status", v.power.status, lang)
        rows.append(row)
    return sorted(rows, key=lambda r: r["c"])


def page_rows(departments: dict[str, Any], runs: dict[str, Any], views: list[Any],
              month_name: Any, lang: str | None = None) -> tuple[list[dict[str, str]], dict[str, str]]:
    """Rows (t: department or month) and their text for the department and month pages
    (``month_name(m)``: a month as the pages name it)."""
    rows, texts = [], {}
    names = {v.power.code: v.power.name for v in views}
    for d, dept in sorted(departments.items()):
        if dept is None:
            continue
        url = f"departments/{d}/"
        rows.append({"n": dept.name, "c": d, "d": dept.name, "u": url, "t": "department",
                     **({"a": dept.short_name} if dept.short_name else {})})
        chans = [c for key in ("consultation", "supervision", "complaints") for c in getattr(dept, key)]
        texts[url] = " ".join([dept.address or "", *(c.name for c in chans)])
        for m in runs.get(d).months if runs.get(d) else []:
            url = m.url(d)
            title = t("site.records.title", lang, department=dept.name, month=month_name(m))
            rows.append({"n": title, "c": m.key, "d": dept.name, "u": url, "t": "month",
                         **({"a": dept.short_name} if dept.short_name else {})})
            kinds = [t(f"site.runs.{k}", lang) for k, items in (("records", m.records), ("complaints", m.complaints)) if items]
            texts[url] = " ".join([*kinds, *(e.text for e in m.records + m.complaints),
                                   *(names.get(e.power or "", "") for e in m.records + m.complaints)])
    return rows, texts


def power_texts(views: Iterable[Any], lang: str | None = None) -> dict[str, str]:
    return {v.url: _power_text(v, lang) for v in views}


def index_json(rows: Any) -> str:
    """The index as compact, deterministic JSON (Chinese kept as is: smaller than \\u escapes)."""
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"


def normalize(text: str) -> str:
    """What search.js does to both sides: NFKC (全角 → 半角), lower case, quotes removed."""
    text = unicodedata.normalize("NFKC", text).lower()
    return text.translate({ord(q): None for q in QUOTES})


def score(row: dict[str, str], text: str, words: list[str]) -> int:
    """How well ``row`` (with its page ``text``) answers ``words``: 0 when a word is missing."""
    total = 0
    for w in words:
        best = max((weight for key, weight in WEIGHTS if w in normalize(row.get(key, ""))), default=0)
        if best == 0 and w in normalize(text):
            best = TEXT
        if best == 0:
            return 0
        total += best + (START if normalize(row["n"]).startswith(w) else 0)
    return total


def matches(rows: list[dict[str, str]], query: str, texts: dict[str, str] | None = None) -> list[dict[str, str]]:
    """The rows containing every whitespace-separated word of ``query``, best first (as search.js)."""
    words = normalize(query).split()
    if not words:
        return []
    texts = texts or {}
    scored = [(score(r, texts.get(r["u"], ""), words), r) for r in rows]
    found = [(s, r) for s, r in scored if s > 0]
    found.sort(key=lambda sr: (-sr[0], KINDS.get(sr[1].get("t", "power"), 9), len(sr[1]["n"]), sr[1]["u"]))
    return [r for _, r in found]
