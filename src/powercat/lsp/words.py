"""The server's own words, from ``locales/<lang>/lsp.yaml`` (the ``lsp`` table), zh-CN as fallback."""

from __future__ import annotations

from typing import Any

from powercat import i18n as messages


class _Safe(dict):  # type: ignore[type-arg]
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def word(key: str, lang: str | None = None, **args: Any) -> str:
    """The text of ``lsp.<key>`` in ``lang`` with its arguments."""
    for language in dict.fromkeys((messages.pick_lang(lang), messages.DEFAULT_LANG)):
        text = (messages.catalog(language).get("lsp") or {}).get(key)
        if isinstance(text, str):
            return text.format_map(_Safe(args))
    return key
