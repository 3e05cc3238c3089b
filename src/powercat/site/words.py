"""The site's words in its language: the templates' ``t`` and the filters that show values.

    {{ t("site.nav.home") }}                    a text of the site (locales/<lang>/site.yaml)
    {{ p.category | label }}                    an enum value's label (enum.Category.licensing)
    {{ s.time_limit | limit }}                  5个工作日 / 5 working days
    {{ proc | procedure }} · {{ m | month }}    a procedure's name or kind; a month of records

The locale texts are trusted HTML (they may hold <strong> or a link); every argument is escaped.
"""

from __future__ import annotations

from enum import Enum
from typing import Any, Callable

from markupsafe import Markup, escape

from powercat import i18n
from powercat.catalog import timelimits as tl
from powercat.catalog.flow import procedure_label


def translator(lang: str) -> Callable[..., Markup]:
    """``t(key, **args)`` for the templates: the text in ``lang``, its string arguments escaped."""
    def t(key: str, **args: Any) -> Markup:
        safe = {k: escape(v) if isinstance(v, str) else v for k, v in args.items()}
        return Markup(i18n.t(key, lang, **safe))
    return t


def label(value: Any, lang: str) -> str:
    """An enum member's label (its class names the table), or the value as it is."""
    return i18n.label(f"enum.{type(value).__name__}", value, lang) if isinstance(value, Enum) else str(value)


def human_size(n: int, lang: str) -> str:
    """A file size for the download page: 812 字节, 174.0 KB, 3.4 MB."""
    if n < 1024:
        return i18n.t("site.data.bytes", lang, n=n)
    return f"{n / 1024:.1f} KB" if n < 1024 * 1024 else f"{n / 1048576:.1f} MB"


def month(m: Any, lang: str) -> str:
    """A month of records (``Month`` or ``YYYY-MM``): 2024年9月, September 2024."""
    key = getattr(m, "key", m)
    name = i18n.t(f"site.months.{int(key[5:7])}", lang)
    return i18n.t("site.month", lang, year=key[:4], month=int(key[5:7]), name=name)


def filters(lang: str) -> dict[str, Callable[..., Any]]:
    return {
        "label": lambda x: label(x, lang),
        "limit": lambda x: tl.text(x, lang) if x is not None else "",
        "procedure": lambda x: procedure_label(x, lang),
        "size": lambda n: human_size(n, lang),
        "month": lambda m: month(m, lang),
    }
