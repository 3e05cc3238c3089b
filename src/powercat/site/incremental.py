"""Which power pages a publish can keep as the last build left them: each page's input key.

A power page is a function of its inputs only: the power's file (its bytes' digest), its
department, its last-changed date, the article texts it shows, its flowcharts (the digests of
their bytes), the site's settings (title, language, base URL, audience ...), the templates and
words, the profile and powercat.toml, and powercat's version. :func:`page_keys` hashes exactly
these, so a page whose key is the one recorded for it (``site.state``) renders to the same bytes
and is kept; any other is rendered again. The footer of a power page gives the page's own date,
not the catalog's newest, so that a change to one power does not change every page; when the
repository has templates of its own (they may show anything of ``site``), the catalog's newest
and reference dates are part of every key.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

import jinja2
import orjson

from powercat import i18n
from powercat.site.views import PowerView


TEMPLATE_KINDS = ("html", "js", "css", "xml", "txt")
# what changes with every commit and the package's power page does not show: the catalog's newest
# date and the reference date of the records
NOT_ON_POWER_PAGES = ("updated", "as_of")


def _h(*parts: bytes) -> str:
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    return h.hexdigest()


@lru_cache(maxsize=1)
def code_digest() -> str:
    """powercat's version and the digest of its code (an editable install changes without a new version)."""
    try:
        version = metadata.version("powercat")
    except metadata.PackageNotFoundError:
        version = "source"
    package = Path(__file__).resolve().parent.parent
    return _h(version.encode(), *(p.relative_to(package).as_posix().encode() + b"\0" + p.read_bytes()
                                  for p in sorted(package.rglob("*.py"))))


def environment_key(env: jinja2.Environment, catalog: Any, site: dict[str, Any], own_templates: bool) -> bytes:
    """What every power page depends on besides its own inputs."""
    words = i18n.catalog(i18n.pick_lang(site.get("lang")))
    parts = [code_digest().encode(), catalog.config.digest.encode(), catalog.profile.model_dump_json().encode(),
             orjson.dumps(words, default=str, option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS)]
    for name in sorted(env.list_templates(extensions=TEMPLATE_KINDS)):
        source, _, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
        parts.append(name.encode() + b"\0" + source.encode())
    shown = {k: v for k, v in site.items() if own_templates or k not in NOT_ON_POWER_PAGES}
    parts.append(orjson.dumps(shown, default=str, option=orjson.OPT_SORT_KEYS))
    return _h(*parts).encode()


def chart_files(v: PowerView, internal: bool) -> dict[str, str]:
    """{chart key: its file in the site} for the charts a power page shows."""
    code = v.power.code
    files = {f"{code}/external-{i}": f"powers/{code}/external-{i}.svg" for i in range(len(v.power.procedures))}
    if internal and v.power.internal:
        files[f"{code}/internal"] = f"powers/{code}/internal.svg"
    return files


def page_keys(views: list[PowerView], base: bytes, charts: dict[str, str], internal: bool) -> dict[str, str]:
    """{power page URL: the key of its inputs}; ``charts``: {chart key: digest of its bytes}."""
    depts: dict[str, bytes] = {}
    keys = {}
    for v in views:
        if v.dept_id not in depts:
            depts[v.dept_id] = v.dept.model_dump_json().encode() if v.dept is not None else b"-"
        shown = [charts.get(k, "-") for k in chart_files(v, internal)]
        laws = orjson.dumps([repr(t) for t in v.law_texts])
        keys[v.url] = _h(base, v.url.encode(), v.lp.digest.encode(), v.power.code.encode(), depts[v.dept_id],
                         (v.changed or "-").encode(), laws, " ".join(shown).encode())
    return keys


def page_file(url: str) -> str:
    return url + "index.html"
