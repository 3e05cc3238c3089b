"""The disclosure site's search: an exact-substring index, and Pagefind for full text.

Measured on Chinese catalogs, Pagefind (even its extended build, which segments Chinese) misses
pages for terms after 对/与 and finds nothing for quoted phrases. So the site's first search is
a plain one: ``search/index.json`` holds every shown power's name, code, department and
category, and ``templates/search.js`` (ES5, runs on old phones) keeps the rows that contain
every word of the query as an exact substring. :func:`matches` is the same logic in Python, for
the tests that measure recall. Pagefind's full-text results are shown beside it when the
``pagefind`` package is installed (``pip install 'pagefind[extended]'``).
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any, Iterable

from powercat.i18n import Message, label

INDEX_PATH = "search/index.json"
QUOTES = "\"'“”‘’《》〈〉「」『』"
FIELDS = ("n", "c", "d", "k")  # name, code, department, category: the fields searched


def index_rows(views: Iterable[Any], lang: str | None = None) -> list[dict[str, str]]:
    """One small row per power page: n name, c code, d department, k category, u url, s status
    (category and status in the site's language)."""
    rows = []
    for v in views:
        row = {"n": v.power.name, "c": v.power.code, "d": v.dept_name,
               "k": label("enum.Category", v.power.category, lang), "u": v.url}
        if v.power.status.value != "active":
            row["s"] = label("enum.Status", v.power.status, lang)
        rows.append(row)
    return sorted(rows, key=lambda r: r["c"])


def index_json(rows: list[dict[str, str]]) -> str:
    """The index as compact, deterministic JSON (Chinese kept as is: smaller than \\u escapes)."""
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"


def normalize(text: str) -> str:
    """What search.js does to both sides: NFKC (全角 → 半角), lower case, quotes removed."""
    text = unicodedata.normalize("NFKC", text).lower()
    return text.translate({ord(q): None for q in QUOTES})


def matches(rows: list[dict[str, str]], query: str) -> list[dict[str, str]]:
    """The rows containing every whitespace-separated word of ``query`` (as search.js finds them)."""
    words = normalize(query).split()
    if not words:
        return []
    found = []
    for row in rows:
        hay = normalize(" ".join(row[f] for f in FIELDS))
        if all(w in hay for w in words):
            found.append(row)
    return found


# --- full text: Pagefind ---------------------------------------------------------------------

def pagefind_available() -> bool:
    return importlib.util.find_spec("pagefind") is not None


def run_pagefind(site: Path) -> Message | None:
    """Index ``site`` with Pagefind into ``site/pagefind``; returns a note when it could not."""
    if not pagefind_available():
        return Message("publish.no_pagefind")
    cmd = [sys.executable, "-m", "pagefind", "--site", str(site), "--silent"]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=1800)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return Message("publish.pagefind_failed", detail=str(exc))
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or [""]
        return Message("publish.pagefind_failed", detail=detail[0])
    return None
