"""The one way to translate: locale files, ``t`` by dotted key, format specs for codes and limits."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from powercat import i18n


def _keys(node: dict[str, Any], prefix: str = "") -> set[str]:
    out: set[str] = set()
    for key, value in node.items():
        out |= _keys(value, f"{prefix}{key}.") if isinstance(value, dict) else {f"{prefix}{key}"}
    return out


def test_every_key_exists_in_both_languages() -> None:
    zh, en = _keys(i18n.catalog("zh-CN")), _keys(i18n.catalog("en"))
    assert sorted(zh - en) == [], "keys only in zh-CN"
    assert sorted(en - zh) == [], "keys only in en"


def test_t_falls_back_to_zh_then_to_the_key() -> None:
    assert i18n.t("ui.error", "en") == "error"
    assert i18n.t("ui.error", "fr") == "错误"  # an unknown language is the default one
    assert i18n.t("no.such.key", "en") == "no.such.key"


def test_enum_labels_and_lists_follow_the_language() -> None:
    text = "{category:enum.Category}: {rights:enum.RightType}"
    args = {"category": "licensing", "rights": ["statement", "defense"]}
    assert i18n.fmt(text, args, "zh-CN") == "行政许可: 陈述、申辩"
    assert i18n.fmt(text, args, "en") == "administrative licensing: to state one's case, to defend oneself"
    assert i18n.fmt("{x:enum.Category}", {"x": "not-a-code"}, "en") == "not-a-code"


@pytest.mark.parametrize(("value", "zh", "en"), [
    ("on_the_spot", "当场", "on the spot"),
    ({"working": 1, "natural": 0}, "1个工作日", "1 working day"),
    ({"working": 3, "natural": 30, "about": 24.4}, "3个工作日加30个自然日(约合24.4个工作日)",
     "3 working days plus 30 natural days (about 24.4 working days)"),
    (None, "", ""),
])
def test_limits(value: Any, zh: str, en: str) -> None:
    assert i18n.fmt("{x:days}", {"x": value}, "zh-CN") == zh
    assert i18n.fmt("{x:days}", {"x": value}, "en") == en


def test_quoted_coded_and_missing_arguments() -> None:
    assert i18n.fmt("{s:quoted}", {"s": ["受理", "审查"]}, "zh-CN") == "“受理”、“审查”"
    assert i18n.fmt("{s:quoted}", {"s": ["a", "b"]}, "en") == '"a", "b"'
    assert i18n.fmt("{c:coded}", {"c": ["licensing", "xyz"]}, "zh-CN") == "licensing(行政许可)、xyz"
    assert i18n.fmt("{a} {b:days} {{x}}", {"a": 1}, "en") == "1 {b} {x}"


def test_a_message_error_speaks_the_language_of_whoever_shows_it() -> None:
    err = i18n.Message("ui.no_rule", code="PC999")
    assert "PC999" in err.text("en") and err.text("en").startswith("no rule")
    assert str(i18n.Message("plain text, no key")) == "plain text, no key"


def test_every_key_the_code_and_templates_name_exists() -> None:
    """A literal key in t("...") (Python or a template) names a text of the locale files."""
    root = Path(i18n.__file__).parents[2]
    used = re.compile(r"""\bt\(\s*["']((?:ui|cli|config|render|publish|import|export|init|help|diff|report|chart|"""
                      r"""site|punct|units|enum)\.[\w.]+)["']""")
    files = [*(root / "src" / "powercat").rglob("*.py"), *(root / "templates").glob("*.html")]
    keys = {k for f in files for k in used.findall(f.read_text(encoding="utf-8")) if not k.endswith(".")}
    assert len(keys) > 200
    assert sorted(k for k in keys if not isinstance(i18n.lookup(k, "zh-CN"), str)) == []
