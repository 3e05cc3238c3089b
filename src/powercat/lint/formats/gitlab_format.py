"""`--format gitlab`: GitLab Code Quality JSON with fingerprints stable across line moves."""

from __future__ import annotations

import json
from typing import Any

from powercat import i18n as messages
from powercat.lint.fingerprint import fingerprints
from powercat.lint.diagnostics import Report

SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def as_list(report: Report, lang: str) -> list[dict[str, Any]]:
    return [
        {
            "description": messages.message(d.code, d.args, d.variant, lang),
            "check_name": d.code,
            "fingerprint": fp,
            "severity": SEVERITY[d.severity.value],
            "location": {"path": d.file, "lines": {"begin": d.line}},
        }
        for d, fp in zip(report.diagnostics, fingerprints(report.diagnostics))
    ]


def format_report(report: Report, lang: str, color: bool = False, strict: bool = False) -> str:
    return json.dumps(as_list(report, lang), ensure_ascii=False, indent=2) + "\n"
