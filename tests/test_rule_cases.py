"""Every rule's cases (src/powercat/lint/rules/cases/PCxxx.yaml): exact code, line, column, and
the exact message in zh-CN (``message``) and English (``message_en``).

`pytest -k PC304` runs one rule's cases.
"""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path

import pytest
import yaml

from powercat import i18n as messages
from powercat.lint.engine import validate
from powercat.lint.rules import CODES, all_rules

from .conftest import write_repo

CASE_DIR = resources.files("powercat.lint.rules") / "cases"
LAWS = Path(__file__).resolve().parent / "data" / "laws" / "national"  # cases with ``laws: true``
POWER_PATH = "catalogs/demo/powers/XK-DEMO-001.yaml"


def _load_cases() -> list:
    params = []
    for entry in sorted(CASE_DIR.iterdir(), key=lambda e: e.name):
        if not entry.name.startswith("PC"):
            continue
        doc = yaml.safe_load(entry.read_text(encoding="utf-8"))
        for case in doc["cases"]:
            params.append(pytest.param(doc["rule"], case, id=f"{doc['rule']}-{case['name']}"))
    return params


def _run(tmp_path: Path, code: str, case: dict) -> list:
    files = dict(case.get("files") or {})
    if "yaml" in case:
        files[case.get("path", POWER_PATH)] = case["yaml"]
    root = write_repo(tmp_path, files)
    if case.get("config"):
        (root / "powercat.toml").write_text(case["config"], encoding="utf-8")
    as_of = dt.date.fromisoformat(str(case["as_of"])) if case.get("as_of") else None
    report = validate(root, as_of=as_of, use_cache=False, laws=[LAWS] if case.get("laws") else None)
    return [d for d in report.diagnostics if d.code == code]


@pytest.mark.parametrize(("code", "case"), _load_cases())
def test_rule_case(tmp_path: Path, code: str, case: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("POWERCAT_LAWS", raising=False)
    found = _run(tmp_path, code, case)
    expect = case.get("expect") or []
    got = [(d.code, d.line, d.column) for d in found]
    assert got == [(x["code"], x["line"], x["column"]) for x in expect], [
        messages.message(d.code, d.args, d.variant, "zh-CN") for d in found
    ]
    for d, x in zip(found, expect):
        assert messages.message(d.code, d.args, d.variant, "zh-CN") == x["message"]
        assert messages.message(d.code, d.args, d.variant, "en") == x["message_en"]
        if "file" in x:
            assert d.file == x["file"]


def test_every_expected_finding_has_its_message_in_both_languages() -> None:
    """The docs pages show these messages under each bad example, in both languages."""
    for param in _load_cases():
        code, case = param.values
        for x in case.get("expect") or []:
            assert x.get("message") and x.get("message_en"), (code, case["name"])


def test_every_rule_is_registered_and_has_cases() -> None:
    rules = all_rules()
    assert list(rules) == CODES
    for code in CODES:
        doc = yaml.safe_load((CASE_DIR / f"{code}.yaml").read_text(encoding="utf-8"))
        kinds = {bool(c.get("expect")) for c in doc["cases"]}
        assert kinds == {True, False}, f"{code} needs at least one failing and one passing case"


def test_every_rule_has_messages_in_both_languages() -> None:
    for code in all_rules():
        for lang in messages.LANGS:
            e = messages.catalog(lang).get(code)
            assert e and e.get("title") and e.get("message") and e.get("what") and e.get("why"), (code, lang)
