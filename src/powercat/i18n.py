"""Messages and docs by rule code, from data files: ``locales/<lang>/*.yaml``.

A new language is a new folder of data files; nothing in code changes.
"""

from __future__ import annotations

import os
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available

DEFAULT_LANG = "zh-CN"
LANGS = ("zh-CN", "en")


def pick_lang(lang: str | None = None) -> str:
    lang = lang or os.environ.get("POWERCAT_LANG") or DEFAULT_LANG
    lang = {"zh": "zh-CN", "zh_CN": "zh-CN", "cn": "zh-CN", "en-US": "en", "en_US": "en"}.get(lang, lang)
    return lang if lang in LANGS else DEFAULT_LANG


@lru_cache(maxsize=4)
def catalog(lang: str) -> dict[str, Any]:
    """All entries of one language, merged from its files."""
    folder = resources.files("powercat") / "locales" / lang
    merged: dict[str, Any] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            merged.update(yaml.load(entry.read_text(encoding="utf-8"), Loader=_LOADER) or {})
    return merged


class _Safe(dict):  # type: ignore[type-arg]
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def entry(code: str, lang: str | None = None) -> dict[str, Any]:
    lang = pick_lang(lang)
    return catalog(lang).get(code) or catalog(DEFAULT_LANG).get(code) or {}


def render(code: str, args: dict[str, Any], variant: str = "message", lang: str | None = None) -> str:
    """The message of ``code`` (``variant`` for rules with several) with its arguments."""
    e = entry(code, lang)
    msg = e.get("message", code)
    if isinstance(msg, dict):
        msg = msg.get(variant) or next(iter(msg.values()))
    return str(msg).format_map(_Safe(args))


def hint(code: str, args: dict[str, Any], variant: str = "message", lang: str | None = None) -> str:
    h = entry(code, lang).get("hint", "")
    if isinstance(h, dict):
        h = h.get(variant) or h.get("message", "")
    return str(h).format_map(_Safe(args)) if h else ""


def title(code: str, lang: str | None = None) -> str:
    return str(entry(code, lang).get("title", code))


def ui(key: str, lang: str | None = None, **args: Any) -> str:
    """A user-interface string (summary lines, headings) by key."""
    text = catalog(pick_lang(lang)).get("_ui", {}).get(key) or catalog(DEFAULT_LANG)["_ui"].get(key, key)
    return str(text).format_map(_Safe(args))
