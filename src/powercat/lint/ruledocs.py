"""A rule's docs page (what, why, law, bad and good example), for `explain` and docs/rules/.

The examples are the rule's own test cases (``rules/cases/PCxxx.yaml``), so the docs show
exactly what the tests prove.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from powercat import i18n as messages
from powercat.lint.rules import all_rules
from powercat.origin import origin


def docs_url(code: str, template: str = "") -> str | None:
    """The address of ``code``'s docs page: ``template`` (``[lint] docs_url``) with ``{code}``
    replaced, else its page under docs/rules/ in the repository and at the commit this powercat
    came from (``powercat.origin``); None when neither is known."""
    if template:
        return template.replace("{code}", code)
    return origin().rule_page(code)


@lru_cache(maxsize=64)
def cases(code: str) -> dict[str, Any]:
    """The test cases of one rule ({} when it has none yet)."""
    path = resources.files("powercat.lint.rules") / "cases" / f"{code}.yaml"
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        return {}


def example(code: str, kind: str) -> tuple[str, list[dict[str, Any]]] | None:
    """(YAML, expected findings) of the case marked ``doc: bad|good``, else the first fail/pass case."""
    all_cases = cases(code).get("cases", [])
    wanted = [c for c in all_cases if c.get("doc") == kind]
    if not wanted:
        wanted = [c for c in all_cases if bool(c.get("expect")) == (kind == "bad")]
    if not wanted:
        return None
    case = wanted[0]
    text = case.get("yaml") or next(iter((case.get("files") or {}).values()), "")
    return text, case.get("expect") or []


def page(code: str, lang: str | None = None) -> str:
    """The Markdown docs page of ``code`` in ``lang``."""
    lang = messages.pick_lang(lang)
    rule = all_rules()[code]
    e = messages.entry(code, lang)
    sev = messages.t(f"ui.{rule.severity}", lang)
    out = [f"# {code} — {e.get('title', '')}", "", f"**{sev}** · `{rule.family}`", ""]
    out += [f"## {messages.t('ui.what', lang)}", "", str(e.get("what", "")).strip(), ""]
    if rule.details is not None:  # a table the rule builds from its data (PC110: the placeholders)
        out += [rule.details(e).strip(), ""]
    out += [f"## {messages.t('ui.why', lang)}", "", str(e.get("why", "")).strip(), ""]
    if e.get("law"):
        out += [f"## {messages.t('ui.law', lang)}", "", str(e["law"]), ""]
    if not rule.statutory:
        out += [f"> {messages.t('ui.no_statute', lang, code=code)}", ""]
    for kind in ("bad", "good"):
        out += _example_lines(code, kind, lang)
    return "\n".join(out).rstrip() + "\n"


def expected_message(x: dict[str, Any], lang: str) -> str:
    """A case's expected message in ``lang`` (``message`` is zh-CN, ``message_en`` English)."""
    return str(x.get("message") if lang == messages.DEFAULT_LANG else x.get(f"message_{lang}", ""))


def _example_lines(code: str, kind: str, lang: str) -> list[str]:
    ex = example(code, kind)
    if ex is None:
        return []
    text, expect = ex
    out = [f"## {messages.t(f'ui.{kind}', lang)}", "", "```yaml", text.rstrip(), "```", ""]
    out += [f"- `{x['code']}` {x.get('line')}:{x.get('column')} {expected_message(x, lang)}" for x in expect]
    return out + ([""] if expect else [])
