"""`powercat validate [PATHS...]`"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Optional

import typer

from powercat.lint.baseline import write_baseline as write_baseline_file
from powercat.lint.diagnostics import Severity
from powercat.lint.diagnostics import Report
from powercat.lint.formats import FORMATS, ReportSpec, formatter, reports, summary
from powercat.catalog.loader import load_catalog
from powercat.lint.engine import lint, only, select
from powercat.i18n import t
from powercat.catalog.workdays import CalendarGap, gap_message
from powercat.commands.common import (
    LangOpt,
    LawsOpt,
    RootOpt,
    check_choice,
    interactive,
    lang_of,
    parse_date,
    progress_bar,
    resolve_root,
    user_errors,
)


def validate_cmd(
    paths: list[Path] = typer.Argument(None, help=t("help.validate.paths")),
    format: Optional[str] = typer.Option(None, "--format", "-f", help="|".join(FORMATS)),
    report_to: Optional[list[str]] = typer.Option(None, "--report", help=t("help.validate.report")),
    as_of: Optional[str] = typer.Option(None, "--as-of", help=t("help.validate.as_of")),
    severity: Severity = typer.Option(Severity.info, "--severity", help=t("help.validate.severity")),
    strict: bool = typer.Option(False, "--strict", help=t("help.validate.strict")),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help=t("help.validate.output")),
    no_cache: bool = typer.Option(False, "--no-cache", help=t("help.validate.no_cache")),
    write_baseline: bool = typer.Option(False, "--write-baseline", help=t("help.validate.write_baseline")),
    no_baseline: bool = typer.Option(False, "--no-baseline", help=t("help.validate.no_baseline")),
    laws: Optional[list[Path]] = LawsOpt,
    root: Optional[Path] = RootOpt,
    lang: Optional[str] = LangOpt,
) -> None:
    """The `validate` command (its help: ``help.validate.help`` in the locale files)."""
    lang = lang_of(lang)
    check_choice(format or "text", FORMATS, lang=lang)
    with user_errors(ReportSpec, lang=lang):
        targets = _targets(format, output, report_to or [])
        with warnings.catch_warnings(record=True) as gaps:
            warnings.simplefilter("always", CalendarGap)
            with progress_bar(interactive(), t("ui.checking", lang)) as bar:
                catalog = load_catalog(resolve_root(root), as_of=parse_date(as_of, lang=lang), use_cache=not no_cache,
                                       laws=laws, keep_bytes=False)
                selected = select(catalog, paths or ())
                report = only(lint(catalog, use_baseline=not (no_baseline or write_baseline), progress=bar), selected)
        for gap in gaps:  # a year the holiday calendar does not know yet: say so, plainly
            typer.echo(f"powercat: {gap_message(getattr(gap.message, 'year', 0)).text(lang)}", err=True)
        for key, args in report.notes:  # e.g. no law library: said once, not a finding
            typer.echo(f"powercat: {t('ui.' + key, lang, **args)}", err=True)
        if write_baseline:
            path = write_baseline_file(report, catalog.config)
            typer.echo(t("ui.baseline_written", lang, path=path, count=len(report.diagnostics)))
            raise typer.Exit(0)
        _write(report, report.at_least(severity), targets, lang, strict)
    raise typer.Exit(report.exit_code(strict))


def _targets(format: str | None, output: Path | None, specs: list[str]) -> list[tuple[str, str | None]]:
    """Where each report goes: ``--report FORMAT[:FILE]`` values, ``--format`` to the terminal (or
    to ``--output``); text to the terminal when every report goes to a file."""
    targets = reports(specs)
    on_terminal = any(file is None for _, file in targets)
    if output is not None:
        targets.append((format or "text", str(output)))
    elif format is not None and on_terminal:
        raise ReportSpec("ui.report_terminal", reports=" ".join([f"--format {format}", *(f"--report {s}" for s in specs)]))
    elif not on_terminal:
        targets.insert(0, (format or "text", None))
    return targets


def _write(report: Report, shown: Report, targets: list[tuple[str, str | None]], lang: str, strict: bool) -> None:
    """Each report to its place; the summary (when no report is on the terminal) and where each
    file went on stdout, or on stderr beside a machine format."""
    terminal = next((name for name, file in targets if file is None), None)
    files = [(name, file) for name, file in targets if file is not None]
    if terminal is not None:
        typer.echo(formatter(terminal)(shown, lang, color=interactive() and terminal == "text", strict=strict), nl=False)
    for name, file in files:
        path = Path(file)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(formatter(name)(shown, lang, strict=strict), encoding="utf-8")
    if terminal is None:
        typer.echo(summary(report, lang), err=any(name != "text" for name, _ in files))
    for name, file in files:
        typer.echo(t("ui.written", lang, path=file), err=(terminal or name) != "text")


def register(app: typer.Typer) -> None:
    app.command("validate", help=t("help.validate.help"))(validate_cmd)
