"""`powercat report`: per department powers by category, completeness, open warnings,
overdue records and complaints; `--month YYYY-MM` for the monthly report to the legal-affairs office."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Optional

import typer

from powercat.i18n import t
from powercat.supervise.report import build_report
from powercat.supervise.formats import FORMATS, format_report
from powercat.commands.common import (
    LangOpt,
    RootOpt,
    check_choice,
    interactive,
    lang_of,
    parse_date,
    resolve_root,
    user_errors,
)


def report_cmd(
    format: str = typer.Option("text", "--format", "-f", help="|".join(FORMATS)),
    month: Optional[str] = typer.Option(None, "--month", help=t("help.report.month")),
    as_of: Optional[str] = typer.Option(None, "--as-of", help=t("help.report.as_of")),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help=t("help.report.output")),
    root: Optional[Path] = RootOpt,
    lang: Optional[str] = LangOpt,
) -> None:
    """The `report` command (its help: ``help.report.help`` in the locale files)."""
    lang = lang_of(lang)
    check_choice(format, FORMATS, lang=lang)
    with user_errors(lang=lang):
        rep = build_report(resolve_root(root), as_of=parse_date(as_of, lang=lang), month=month)
        if output is not None:
            text = format_report(rep, format, lang)
            output.write_bytes(text.encode("utf-8"))
            typer.echo(t("ui.written", lang, path=output), err=True)
        else:
            color = interactive() and format == "text"
            width = shutil.get_terminal_size((120, 24)).columns if color else 120
            typer.echo(format_report(rep, format, lang, color, width), nl=False)


def register(app: typer.Typer) -> None:
    app.command("report", help=t("help.report.help"))(report_cmd)
