"""The templates' environment, and the site's words in its language: ``t`` and the filters.

    {{ t("site.nav.home") }}                    a text of the site (locales/<lang>/site.yaml)
    {{ p.category | label }}                    an enum value's label (enum.Category.licensing)
    {{ s.time_limit | limit }}                  5个工作日 / 5 working days
    {{ proc | procedure }} · {{ m | month }}    a procedure's name or kind; a month of records

The locale texts are trusted HTML (they may hold <strong> or a link); every argument is escaped.
When a catalog repository brings templates of its own (its templates/ folder), every template
runs in Jinja's sandbox (``Sandbox``): a template can show the data it is given and run no Python.
"""

from __future__ import annotations

import io
import os
import types
from enum import Enum
from importlib import resources
from pathlib import Path
from typing import Any, Callable

import jinja2
from jinja2.sandbox import SandboxedEnvironment
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


class Sandbox(SandboxedEnvironment):
    """The environment when the repository brings templates of its own: Jinja's sandbox (no
    attribute starting with _, so no way to Python's internals, no unsafe call) and no attribute
    at all of a path, a file or a module, so a template shows the catalog and runs nothing else.
    (The package's own templates alone render in a plain environment, twice as fast.)"""

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if isinstance(obj, (os.PathLike, io.IOBase, types.ModuleType)):
            return False
        return super().is_safe_attribute(obj, attr, value)


class TemplateOutside(jinja2.TemplateError):
    """A template of the repository that is a link to a file outside it."""


class RepositoryLoader(jinja2.FileSystemLoader):
    """The repository's templates/, where a link out of the repository is no template."""

    def __init__(self, folder: Path, root: Path) -> None:
        super().__init__(str(folder))
        self.top = root.resolve()

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        if not Path(filename).resolve().is_relative_to(self.top):
            raise TemplateOutside(f"templates/{template}: {Path(filename).resolve()}")
        return source, filename, uptodate


def environment(root: Path, lang: str | None = None) -> jinja2.Environment:
    """Jinja2 (sandboxed) over the repository's templates/ (first) and the package's templates,
    with the site's words in ``lang`` (``t``, and the filters ``label``, ``limit``,
    ``procedure``, ``month``)."""
    lang = i18n.pick_lang(lang)
    package = jinja2.FileSystemLoader(str(resources.files("powercat.templates")))
    loaders: list[jinja2.BaseLoader] = [package]
    own = (root / "templates").is_dir()
    if own:
        loaders.insert(0, RepositoryLoader(root / "templates", root))
    kind = Sandbox if own else jinja2.Environment  # the repository's templates are never trusted
    env = kind(loader=jinja2.ChoiceLoader(loaders), autoescape=True, trim_blocks=True,
               lstrip_blocks=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    env.filters.update(steps=ordered_steps, **filters(lang))
    env.tests["web"] = is_web
    env.globals.update(Category=Category, t=translator(lang), **site_records.template_globals(),
                       record_status=i18n.lookup("site.record_status", lang),  # as templates before t() had them
                       complaint_status=i18n.lookup("site.complaint_status", lang))
    return env
