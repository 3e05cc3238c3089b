"""`--format json`: exactly the structure CLI.md gives (version 1)."""

from __future__ import annotations

import json
from typing import Any

from powercat import i18n as messages
from powercat.lint.diagnostics import Severity
from powercat.lint.diagnostics import Report


def as_dict(report: Report, lang: str) -> dict[str, Any]:
    return {
        "version": 1,
        "diagnostics": [
            {
                "code": d.code,
                "severity": d.severity.value,
                "file": d.file,
                "line": d.line,
                "column": d.column,
                "message": messages.message(d.code, d.args, d.variant, lang),
                "hint": messages.hint(d.code, d.args, d.variant, lang),
            }
            for d in report.diagnostics
        ],
        "summary": {
            "files": report.files,
            "powers": report.powers,
            "errors": report.count(Severity.error),
            "warnings": report.count(Severity.warning),
            "infos": report.count(Severity.info),
        },
    }


def format_report(report: Report, lang: str, color: bool = False, strict: bool = False) -> str:
    return json.dumps(as_dict(report, lang), ensure_ascii=False, indent=2) + "\n"
