"""The templates' environment, and the site's words in its language: ``t`` and the filters.

    {{ t("site.nav.home") }}                    a text of the site (locales/<lang>/site.yaml)
    {{ p.category | label }}                    an enum value's label (enum.Category.licensing)
    {{ s.time_limit | limit }}                  5个工作日 / 5 working days
    {{ proc | procedure }} · {{ m | month }}    a procedure's name or kind; a month of records

The locale texts are trusted HTML (they may hold <strong> or a link); every argument is escaped.
"""

from __future__ import annotations

from enum import Enum
from importlib import resources
from pathlib import Path
from typing import Any, Callable

import jinja2
from markupsafe import Markup, escape

from powercat import i18n
from powercat.catalog import timelimits as tl
from powercat.catalog.enums import Category
from powercat.catalog.flow import Flow, procedure_label
from powercat.site import records as site_records


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


def is_web(value: Any) -> bool:
    """A web address the pages may link to (http or https only: never javascript: or data:)."""
    return isinstance(value, str) and value.strip().lower().startswith(("https://", "http://"))


def filters(lang: str) -> dict[str, Callable[..., Any]]:
    return {
        "label": lambda x: label(x, lang),
        "limit": lambda x: tl.text(x, lang) if x is not None else "",
        "procedure": lambda x: procedure_label(x, lang),
        "procedure_kind": lambda x: i18n.label("enum.ProcedureKind", x, lang),
        "size": lambda n: human_size(n, lang),
        "month": lambda m: month(m, lang),
    }


def ordered_steps(procedure: Any) -> list[Any]:
    """A procedure's steps in reading order: from the start, breadth first; unreachable ones last."""
    flow = Flow.of(procedure)
    order: list[str] = []
    queue = list(flow.starts()) or flow.ids[:1]
    while queue:
        sid = queue.pop(0)
        if sid in order:
            continue
        order.append(sid)
        queue += [s for s in flow.successors(sid) if s not in order]
    order += [s for s in flow.ids if s not in order]
    return [flow.step(s) for s in order]


def environment(root: Path, lang: str | None = None) -> jinja2.Environment:
    """Jinja2 over the repository's templates/ (first) and the package's templates, with the
    site's words in ``lang`` (``t``, and the filters ``label``, ``limit``, ``procedure``, ``month``)."""
    lang = i18n.pick_lang(lang)
    package = jinja2.FileSystemLoader(str(resources.files("powercat.templates")))
    loaders: list[jinja2.BaseLoader] = [package]
    if (root / "templates").is_dir():
        loaders.insert(0, jinja2.FileSystemLoader(str(root / "templates")))
    env = jinja2.Environment(loader=jinja2.ChoiceLoader(loaders), autoescape=True, trim_blocks=True,
                             lstrip_blocks=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    env.filters.update(steps=ordered_steps, **filters(lang))
    env.tests["web"] = is_web
    env.globals.update(Category=Category, t=translator(lang), **site_records.template_globals(),
                       record_status=i18n.lookup("site.record_status", lang),  # as templates before t() had them
                       complaint_status=i18n.lookup("site.complaint_status", lang))
    return env
