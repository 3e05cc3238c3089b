"""The words of `import` and `export` and of their reports, by dotted key, from the ``adopt``
namespace of locales/<lang>/adopt.yaml (zh-CN when the language lacks one, the key when neither has).

    t("errors.no_header", "en", source="清单.csv", rows=30)
"""

from __future__ import annotations

from typing import Any

from powercat import i18n


class _Safe(dict):  # type: ignore[type-arg]
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def t(key: str, lang: str | None = None, **args: Any) -> str:
    """The text at ``adopt.<key>`` in ``lang`` with its arguments."""
    for language in dict.fromkeys((i18n.pick_lang(lang), i18n.DEFAULT_LANG)):
        node: Any = i18n.catalog(language).get("adopt")
        for part in key.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        if isinstance(node, str):
            return node.format_map(_Safe(args))
    return key
