"""Every user-visible string, from data files: ``locales/<lang>/*.yaml``.

    t("render.summary", "en", written=3, unchanged=0, skipped=0, out="build")   # UI text by dotted key
    message("PC304", diagnostic.args, "promised", "en")                        # a rule's message
    t("enum.Category.licensing", "en")  ->  "administrative licensing"

A key missing in the chosen language falls back to zh-CN, then to the key itself. Arguments are
language-neutral (codes, numbers, names, lists); a format spec in the text says how to show one
in the chosen language:

* ``{category:enum.Category}`` — a code (or a list of codes) as labels of the table ``enum.Category``
  (any dotted key naming a table; an unknown code is shown as it is);
* ``{limit:days}`` — a limit (``on_the_spot`` or ``{"working": 5, "natural": 0, "about": 3.6}``);
* ``{steps:quoted}`` — each item in quotes; ``{codes:coded}`` — each code with its label;
* a list without a spec is joined with the language's list separator (``punct.list``).

Enum labels are in ``locales/<lang>/enums.yaml`` (zh-CN: the format's own vocabulary, which
import and export also read, as ``powercat.catalog.enums.LABELS``).
A new language is a new folder of data files; nothing in code changes.
"""

from __future__ import annotations

import os
import re
import string
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available

DEFAULT_LANG = "zh-CN"
LANGS = ("zh-CN", "en")
_ALIASES = {"zh": "zh-CN", "zh_CN": "zh-CN", "cn": "zh-CN", "en-US": "en", "en_US": "en", "en-GB": "en"}


def pick_lang(lang: str | None = None) -> str:
    """``lang``, else POWERCAT_LANG, else zh-CN; unknown languages are zh-CN."""
    if lang in LANGS:  # said already (the hot path: a chart or a page asks for hundreds of words)
        return lang  # type: ignore[return-value]
    lang = lang or os.environ.get("POWERCAT_LANG") or DEFAULT_LANG
    lang = _ALIASES.get(lang, lang)
    return lang if lang in LANGS else DEFAULT_LANG


@lru_cache(maxsize=4)
def catalog(lang: str) -> dict[str, Any]:
    """All entries of one language, merged from its files (top-level keys: rule codes, namespaces)."""
    folder = resources.files("powercat") / "locales" / lang
    merged: dict[str, Any] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            merged.update(yaml.load(entry.read_text(encoding="utf-8"), Loader=_LOADER) or {})
    return merged


def lookup(key: str, lang: str | None = None) -> Any:
    """The entry at dotted ``key`` (a text or a table) in ``lang``, else in zh-CN, else None."""
    return _lookup(key, pick_lang(lang))


@lru_cache(maxsize=16384)
def _lookup(key: str, lang: str) -> Any:
    for language in dict.fromkeys((lang, DEFAULT_LANG)):
        node: Any = catalog(language)
        for part in key.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        if node is not None:
            return node
    return None


def t(key: str, lang: str | None = None, **args: Any) -> str:
    """The text at dotted ``key`` with its arguments (the key itself when no language has it)."""
    text = lookup(key, lang)
    if not isinstance(text, str):
        text = key
    if not args and "{" not in text:  # most words: nothing to fill in (a chart asks for ~80 of them)
        return text
    return fmt(text, args, lang)


def label(table: str, value: Any, lang: str | None = None) -> str:
    """``value``'s entry in the table at ``table`` (``enum.Category``), else ``value`` itself."""
    found = lookup(f"{table}.{value}", lang) if value not in (None, "") else None
    return str(found) if isinstance(found, str) else str(value if value is not None else "")


def join(items: Any, lang: str | None = None) -> str:
    """Items joined by the language's list separator (、 or , )."""
    return str(lookup("punct.list", lang)).join(map(str, items))


# --- formatting ----------------------------------------------------------------------------

def _field(value: Any, spec: str, lang: str) -> str:
    """One argument as the spec says (the module docstring), or as ``format`` does."""
    if spec in _SPECS:
        return _SPECS[spec](value, lang)
    if spec[:1].isalpha():
        return join((label(spec, v, lang) for v in _items(value)), lang)
    if isinstance(value, (list, tuple)):
        return join(value, lang)
    return format(value, spec)


@lru_cache(maxsize=4096)
def _parsed(text: str) -> tuple[tuple[str, str | None, str | None, str | None], ...]:
    return tuple(string.Formatter().parse(text))  # (literal, field, spec, conversion), parsed once


def fmt(text: str, args: dict[str, Any], lang: str | None = None) -> str:
    """``text`` with ``args`` filled in for ``lang``; a missing argument stays ``{name}``."""
    if not _has_spec(text) and not any(isinstance(v, (list, tuple, dict)) for v in args.values()):
        return text.format_map(_Safe(args))  # the common case, at C speed
    lang = pick_lang(lang)
    out = []
    for literal, name, spec, conversion in _parsed(text):
        out.append(literal)
        if name is None:
            continue
        if name not in args:
            out.append("{" + name + "}")
            continue
        value = repr(args[name]) if conversion == "r" else args[name]
        out.append(_field(value, spec or "", lang))
    return "".join(out)


_SPEC = re.compile(r"\{\w+:[A-Za-z]")


@lru_cache(maxsize=4096)
def _has_spec(text: str) -> bool:
    """Whether ``text`` shows an argument with one of this module's specs (``{x:enum.Category}``)."""
    return _SPEC.search(text) is not None


class _Safe(dict):  # type: ignore[type-arg]
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _items(value: Any) -> list[Any]:
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _quoted(value: Any, lang: str) -> str:
    return join((t("punct.quote", lang, text=v) for v in _items(value)), lang)


def _coded(value: Any, lang: str) -> str:
    """Codes with the label of the first enum that has them: ``licensing(行政许可)``."""
    tables = lookup("enum", lang) or {}
    def one(code: Any) -> str:
        found = next((table[code] for table in tables.values() if code in table), None)
        return t("punct.coded", lang, code=code, label=found) if found else str(code)
    return join((one(v) for v in _items(value)), lang)


def number(value: float) -> str:
    """A day count for people: ``5``, ``21.4`` (one decimal at most)."""
    rounded = round(float(value), 1)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:.1f}"


def days(value: Any, lang: str | None = None) -> str:
    """A limit as an argument holds it, in words: ``当场``, ``5个工作日``, ``3 working days plus
    30 natural days (about 24.4 working days)``; "" for none."""
    if value in (None, "", {}):
        return ""
    if value == "on_the_spot":
        return t("units.spot", lang)
    units = [u for u in _UNITS if value.get(u)] or [u for u in _UNITS if u in value][:1] or ["working"]
    parts = [_unit(value.get(u, 0), u, lang) for u in units]
    shown = t("units.mixed", lang, working=parts[0], natural=parts[1]) if len(parts) == 2 else parts[0]
    if value.get("about") is None:
        return shown
    return t("units.about", lang, text=shown, about=_unit(value["about"], "working", lang))


_UNITS = ("working", "natural")


def _unit(count: float, unit: str, lang: str | None) -> str:
    n = number(count)
    return t(f"units.{unit}", lang, n=n, s="" if n == "1" else "s")


_SPECS = {"days": days, "quoted": _quoted, "coded": _coded}


# --- rule messages and docs ----------------------------------------------------------------

def entry(code: str, lang: str | None = None) -> dict[str, Any]:
    """A rule's entry (title, message, hint, what, why, law) in ``lang``, else zh-CN."""
    found = catalog(pick_lang(lang)).get(code) or catalog(DEFAULT_LANG).get(code)
    return found if isinstance(found, dict) else {}


def _variant(text: Any, variant: str, fallback: bool = True) -> str:
    """The text of ``variant`` when the entry has several (else the first, or "" for hints)."""
    if isinstance(text, dict):
        return str(text.get(variant) or (next(iter(text.values())) if fallback else text.get("message", "")))
    return str(text or "")


def message(code: str, args: dict[str, Any], variant: str = "message", lang: str | None = None) -> str:
    """The message of ``code`` (``variant`` for rules with several) with its arguments."""
    return fmt(_variant(entry(code, lang).get("message", code), variant), args, lang)


def hint(code: str, args: dict[str, Any], variant: str = "message", lang: str | None = None) -> str:
    text = _variant(entry(code, lang).get("hint", ""), variant, fallback=False)
    return fmt(text, args, lang) if text else ""


def title(code: str, lang: str | None = None) -> str:
    return str(entry(code, lang).get("title", code))


class Message(Exception):
    """An error (or a note) whose text is a locale key and its arguments, said in the language of
    the command that shows it (``str()``: POWERCAT_LANG's, else zh-CN). A key that no locale has
    is shown as it is, so plain text works too; an argument that is a Message is said alike."""

    def __init__(self, key: str, **args: Any) -> None:
        super().__init__(key)
        self.key, self.params = key, args

    def text(self, lang: str | None = None) -> str:
        args = {k: v.text(lang) if isinstance(v, Message) else v for k, v in self.params.items()}
        return t(self.key, lang, **args)

    def __str__(self) -> str:
        return self.text()
