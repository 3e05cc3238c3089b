"""`--format github`: workflow commands (annotations), plus a job summary listing every finding.

GitHub shows only a few annotations per step, so when ``GITHUB_STEP_SUMMARY`` is set the full
list is appended there as Markdown.
"""

from __future__ import annotations

import os
from pathlib import Path

from powercat import i18n as messages
from powercat.lint.diagnostics import Diagnostic
from powercat.lint.diagnostics import Report
from powercat.lint.formats import summary
from powercat.safe import code_span, markdown

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_prop(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


def annotation(d: Diagnostic, lang: str) -> str:
    msg = messages.message(d.code, d.args, d.variant, lang)
    hint = messages.hint(d.code, d.args, d.variant, lang)
    text = f"{msg}\n{messages.t('ui.hint', lang)}: {hint}" if hint else msg
    props = f"file={_escape_prop(d.file)},line={d.line},col={d.column},title={_escape_prop(d.code)}"
    return f"::{COMMAND[d.severity.value]} {props}::{_escape_data(text)}"


def _cell(s: str) -> str:
    """A message in the summary's table: shown as written, never HTML or markup."""
    return markdown(s)


def job_summary(report: Report, lang: str) -> str:
    lines = ["## powercat validate", "", summary(report, lang), ""]
    if report.diagnostics:
        lines += [messages.t("ui.summary_table", lang), "|---|---|---|---|---|"]
        for d in report.diagnostics:
            msg = _cell(messages.message(d.code, d.args, d.variant, lang))
            lines.append(f"| {code_span(d.file)} | {d.line}:{d.column} | {messages.t('ui.' + d.severity.value, lang)} | {d.code} | {msg} |")
    return "\n".join(lines) + "\n"


def format_report(report: Report, lang: str, color: bool = False, strict: bool = False) -> str:
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if target:
        try:
            with Path(target).open("a", encoding="utf-8") as fh:
                fh.write(job_summary(report, lang))
        except OSError:
            pass  # the annotations below still carry every finding
    out = [annotation(d, lang) for d in report.diagnostics]
    out.append(summary(report, lang))
    return "\n".join(out) + "\n"
