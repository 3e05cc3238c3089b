"""`powercat import FILE --department D` and `powercat export --format csv|xlsx|docx`."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Optional

import typer

from powercat import i18n as messages
from powercat.lint.diagnostics import Diagnostic, Severity
from powercat.adopt.export import AUDIENCES, FORMATS, ExportError, export
from powercat.adopt.importer import ImportError_, ImportResult, import_file
from powercat.lint.engine import Report, validate
from powercat.commands.common import LangOpt, RootOpt, error_text, lang_of, resolve_root, user_errors

def _t(lang: str, key: str, **args: object) -> str:
    return messages.t(key if "." in key else f"import.{key}", lang, **args)


def _lines(numbers: list[int], lang: str) -> str:
    shown = messages.join(numbers[:8], lang) + ("…" if len(numbers) > 8 else "")
    return _t(lang, "lines", lines=shown)


def _group(diags: list[Diagnostic], lang: str) -> list[str]:
    by_code: dict[tuple[Severity, str], list[int]] = defaultdict(list)
    for d in diags:
        by_code[(d.severity, d.code)].append(d.line)
    out = []
    for (severity, code), lines in sorted(by_code.items(), key=lambda kv: (-kv[0][0].rank, kv[0][1])):
        times = f" ×{len(lines)}" if len(lines) > 1 else ""
        out.append(f"  {messages.t('ui.' + severity.value, lang)}  {code} {messages.title(code, lang)}{times}  "
                   f"{_lines(sorted(set(lines)), lang)}")
    return out


def missing_summary(result: ImportResult, report: Report, lang: str) -> list[str]:
    """Per written file: its findings grouped by code, then its TODO markers grouped by text."""
    out = [_t(lang, "check")]
    for row in result.rows:
        if row.status != "written" or row.path is None:
            continue
        rel = row.path.relative_to(report.root).as_posix() if row.path.is_relative_to(report.root) else str(row.path)
        diags = [d for d in report.diagnostics if d.file == rel]
        out.append(_t(lang, "file", path=rel, errors=sum(d.severity == Severity.error for d in diags),
                      warnings=sum(d.severity == Severity.warning for d in diags), todos=len(row.todos)))
        out += _group(diags, lang)
        todos: dict[str, list[int]] = defaultdict(list)
        for line, text in row.todos:
            todos[text.split("#", 1)[0].strip()].append(line)
        for text, lines in todos.items():
            times = f" ×{len(lines)}" if len(lines) > 1 else ""
            out.append(_t(lang, "todo", text=text, times=times, where=_lines(lines, lang)))
    return out


def import_cmd(
    file: Path = typer.Argument(..., help=messages.t("help.import.file")),
    department: str = typer.Option(..., "--department", "-d", help=messages.t("help.import.department")),
    force: bool = typer.Option(False, "--force", help=messages.t("help.import.force")),
    root: Optional[Path] = RootOpt,
    lang: Optional[str] = LangOpt,
) -> None:
    """The `import` command (its help: ``help.import.help`` in the locale files)."""
    lang = lang_of(lang)
    with user_errors(ImportError_, lang=lang):
        folder = resolve_root(root)
        result = import_file(folder, file, department, force=force)
        typer.echo(_t(lang, "read", file=file, rows=len(result.rows)))
        typer.echo(_t(lang, "columns", pairs=[f"{k}→{v}" for k, v in result.columns.items() if not v.startswith("_")]))
        if result.unknown:
            typer.echo(_t(lang, "unknown", names=result.unknown))
        if result.kept:
            typer.echo(_t(lang, "kept", names=result.kept))
        for row in result.rows:
            if row.status == "written" and row.path is not None:
                typer.echo(_t(lang, "written", path=row.path.relative_to(folder).as_posix(), row=row.row))
            else:
                typer.echo(_t(lang, "skipped", row=row.row, why=error_text(row.message, lang)))
        if not result.written:
            typer.echo(_t(lang, "none"))
            raise typer.Exit(1)
        report = validate(folder, result.written)
    typer.echo("\n".join(missing_summary(result, report, lang)))


def export_cmd(
    format: str = typer.Option("xlsx", "--format", "-f", help="|".join(FORMATS)),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help=messages.t("help.export.output")),
    audience: str = typer.Option("public", "--audience", help=messages.t("help.export.audience")),
    root: Optional[Path] = RootOpt,
    lang: Optional[str] = LangOpt,
) -> None:
    """The `export` command (its help: ``help.export.help`` in the locale files)."""
    lang = lang_of(lang)
    with user_errors(ExportError, lang=lang):
        folder = resolve_root(root)
        data, count, report = export(folder, format, audience)
        path = output or folder / "build" / "export" / f"职权目录.{format}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    errors = report.count(Severity.error)
    if errors:
        typer.echo(_t(lang, "export.errors", errors=errors), err=True)
    typer.echo(_t(lang, "export.exported", count=count, path=path))


def register(app: typer.Typer) -> None:
    app.command("import", help=messages.t("help.import.help"))(import_cmd)
    app.command("export", help=messages.t("help.export.help"))(export_cmd)


__all__ = ["AUDIENCES", "import_cmd", "export_cmd", "register", "missing_summary"]
