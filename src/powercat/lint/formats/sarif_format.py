"""`--format sarif`: SARIF 2.1.0, one rule per code, valid against the final OASIS schema
(2.1.0 with Errata 01). Each rule carries its whole docs page as ``help`` (Markdown, as GitHub code
scanning shows it) and, when known, ``helpUri`` (``[lint] docs_url``, else the page under
docs/rules/ at the commit this powercat came from)."""

from __future__ import annotations

import json
from typing import Any

from powercat import __version__
from powercat import i18n as messages
from powercat.lint.diagnostics import Diagnostic
from powercat.lint.fingerprint import fingerprints
from powercat.lint.diagnostics import Report
from powercat.lint.ruledocs import docs_url, page
from powercat.lint.rules import all_rules
from powercat.origin import origin

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _location(file: str, line: int, column: int) -> dict[str, Any]:
    return {"physicalLocation": {
        "artifactLocation": {"uri": file, "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": line, "startColumn": column},
    }}


def _help_text(code: str, lang: str) -> str:
    """The docs page's prose without Markdown: what, why and the law."""
    e = messages.entry(code, lang)
    parts = [messages.title(code, lang), str(e.get("what", "")).strip(), str(e.get("why", "")).strip()]
    if e.get("law"):
        parts.append(f"{messages.t('ui.law', lang)}: {e['law']}")
    return "\n\n".join(p for p in parts if p)


def _rule(code: str, severity: str, lang: str, template: str) -> dict[str, Any]:
    e = messages.entry(code, lang)
    rule: dict[str, Any] = {
        "id": code,
        "name": code,
        "shortDescription": {"text": messages.title(code, lang)},
        "fullDescription": {"text": str(e.get("what", messages.title(code, lang))).strip()},
        "help": {"text": _help_text(code, lang), "markdown": page(code, lang)},
        "defaultConfiguration": {"level": LEVEL[severity]},
    }
    url = docs_url(code, template)
    if url:
        rule["helpUri"] = url
    return rule


def _result(d: Diagnostic, index: dict[str, int], fp: str, lang: str) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": d.code,
        "ruleIndex": index[d.code],
        "level": LEVEL[d.severity.value],
        "message": {"text": messages.message(d.code, d.args, d.variant, lang)},
        "locations": [_location(d.file, d.line, d.column)],
        "partialFingerprints": {"powercat/v1": fp},
    }
    if d.related:
        result["relatedLocations"] = [
            {"id": i, **_location(r.file, r.line, r.column)} for i, r in enumerate(d.related, 1)
        ]
    hint = messages.hint(d.code, d.args, d.variant, lang)
    if hint:
        result["properties"] = {"hint": hint}
    return result


def as_dict(report: Report, lang: str) -> dict[str, Any]:
    rules = all_rules()
    index = {code: i for i, code in enumerate(rules)}
    driver: dict[str, Any] = {
        "name": "powercat",
        "version": __version__,
        "rules": [_rule(code, r.severity, lang, report.docs_url) for code, r in rules.items()],
    }
    home = origin().repository
    if home:
        driver["informationUri"] = home
    fps = fingerprints(report.diagnostics)
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": driver},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": report.root.as_uri() + "/"}},
            "columnKind": "unicodeCodePoints",
            "results": [_result(d, index, fp, lang) for d, fp in zip(report.diagnostics, fps)],
        }],
    }


def format_report(report: Report, lang: str, color: bool = False, strict: bool = False) -> str:
    return json.dumps(as_dict(report, lang), ensure_ascii=False, indent=2) + "\n"
