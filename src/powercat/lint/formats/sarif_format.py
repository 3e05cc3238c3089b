"""`--format sarif`: SARIF 2.1.0, one rule per code, valid against the official schema."""

from __future__ import annotations

import json
from typing import Any

from powercat import __version__
from powercat import i18n as messages
from powercat.lint.diagnostics import Diagnostic
from powercat.lint.fingerprint import fingerprints
from powercat.lint.diagnostics import Report
from powercat.lint.ruledocs import DOCS_BASE
from powercat.lint.rules import all_rules

LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _location(file: str, line: int, column: int) -> dict[str, Any]:
    return {"physicalLocation": {
        "artifactLocation": {"uri": file, "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": line, "startColumn": column},
    }}


def _rule(code: str, severity: str, lang: str) -> dict[str, Any]:
    e = messages.entry(code, lang)
    return {
        "id": code,
        "name": code,
        "shortDescription": {"text": messages.title(code, lang)},
        "fullDescription": {"text": str(e.get("what", messages.title(code, lang))).strip()},
        "helpUri": f"{DOCS_BASE}{code}/",
        "help": {"text": str(e.get("why", "")).strip() or messages.title(code, lang)},
        "defaultConfiguration": {"level": LEVEL[severity]},
    }


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
    driver = {
        "name": "powercat",
        "version": __version__,
        "informationUri": DOCS_BASE.rsplit("rules/", 1)[0],
        "rules": [_rule(code, r.severity, lang) for code, r in rules.items()],
    }
    fps = fingerprints(report.diagnostics)
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": driver},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": report.root.as_uri() + "/"}},
            "columnKind": "unicodeCodePoints",
            "results": [_result(d, index, fp, lang) for d, fp in zip(report.diagnostics, fps)],
        }],
    }


def format_report(report: Report, lang: str, color: bool = False) -> str:
    return json.dumps(as_dict(report, lang), ensure_ascii=False, indent=2) + "\n"
