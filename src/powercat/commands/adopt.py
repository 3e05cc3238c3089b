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
    file: Path = typer.Argument(..., help="部门现有的权力清单：.json、.csv(UTF-8 或 GB18030)或 .xlsx"),
    department: str = typer.Option(..., "--department", "-d", help="部门文件夹名(id)，须已有 department.yaml"),
    force: bool = typer.Option(False, "--force", help="覆盖已存在的事项文件"),
    root: Optional[Path] = RootOpt,
    lang: Optional[str] = LangOpt,
) -> None:
    """从部门现有的权力清单(国家字段名)导入事项文件，然后检查还缺什么。"""
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
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="输出文件；默认 build/export/职权目录.<格式>"),
    audience: str = typer.Option("public", "--audience", help="public：只含向社会公开的事项；internal：全部"),
    root: Optional[Path] = RootOpt,
    lang: Optional[str] = LangOpt,
) -> None:
    """导出职权目录：一行一个事项(csv、xlsx)，或 Word 文档(docx)，供报送法制审核。"""
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
    app.command("import")(import_cmd)
    app.command("export")(export_cmd)


__all__ = ["AUDIENCES", "import_cmd", "export_cmd", "register", "missing_summary"]
