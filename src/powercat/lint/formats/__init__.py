"""Report formats of `powercat validate`: each module's ``format_report`` turns a Report into a string.

`validate --report FORMAT[:FILE]` writes several in one run: ``reports(["sarif:x.sarif", "junit:j.xml"])``
gives the (format, file) pairs, a file of None (or ``-``) being the terminal.
"""

from __future__ import annotations

from importlib import import_module
from typing import Protocol

from powercat import i18n as messages
from powercat.lint.diagnostics import Severity
from powercat.lint.diagnostics import Report

FORMATS = ("text", "json", "sarif", "github", "gitlab", "junit")


class Formatter(Protocol):
    def __call__(self, report: Report, lang: str, color: bool = False, strict: bool = False) -> str: ...


class ReportSpec(messages.Message):
    """A ``--report`` value that names no format, or the terminal twice: exit code 2."""


def reports(specs: list[str]) -> list[tuple[str, str | None]]:
    """``FORMAT[:FILE]`` values as (format, file) pairs; file None is the terminal (at most one)."""
    out: list[tuple[str, str | None]] = []
    for spec in specs:
        name, _, file = spec.partition(":")
        if name not in FORMATS:
            raise ReportSpec("ui.report_format", value=spec, formats=", ".join(FORMATS))
        out.append((name, None if file in ("", "-") else file))
    if sum(1 for _, file in out if file is None) > 1:
        raise ReportSpec("ui.report_terminal", reports=" ".join(f"--report {s}" for s in specs))
    return out


def formatter(name: str) -> Formatter:
    """The ``format_report`` function of format ``name`` (one module per format)."""
    if name not in FORMATS:
        raise ValueError(name)
    module = import_module(f"{__name__}.{name}_format")
    return module.format_report  # type: ignore[no-any-return]


def summary(report: Report, lang: str) -> str:
    counts = dict(files=report.files, powers=report.powers, errors=report.count(Severity.error),
                  warnings=report.count(Severity.warning), infos=report.count(Severity.info))
    line = messages.t("ui.summary" if report.diagnostics else "ui.clean", lang, **counts)
    if report.cached:
        line += " " + messages.t("ui.cached", lang, cached=report.cached)
    if report.baselined:
        line += " " + messages.t("ui.baselined", lang, count=report.baselined)
    return line
