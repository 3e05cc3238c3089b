"""`powercat import FILE --department D` and `powercat export --format csv|xlsx|docx`."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Optional

import typer

from powercat import i18n as messages
from powercat.adopt.export import AUDIENCES, FORMATS, ExportError, export
from powercat.adopt.fields import map_pairs, MapError
from powercat.adopt.importer import ImportError_, ImportResult, import_file
from powercat.adopt.summary import basis_lines, coverage_lines, item_lines
from powercat.i18n import t
from powercat.commands.common import LangOpt, LawsOpt, RootOpt, fail, lang_of, resolve_root, user_errors
from powercat.lint.diagnostics import Diagnostic, Severity
from powercat.lint.engine import Report, validate


def _lines(numbers: list[int], lang: str) -> str:
    shown = "、".join(str(n) for n in numbers[:8]) + ("…" if len(numbers) > 8 else "")
    return t("adopt.report.lines", lang, lines=shown)


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
    out = [t("adopt.report.check", lang)]
    for row in result.rows:
        if row.status != "written" or row.path is None:
            continue
        rel = row.path.relative_to(report.root).as_posix() if row.path.is_relative_to(report.root) else str(row.path)
        diags = [d for d in report.diagnostics if d.file == rel]
        out.append(t("adopt.report.file", lang, path=rel, errors=sum(d.severity == Severity.error for d in diags),
                     warnings=sum(d.severity == Severity.warning for d in diags), todos=len(row.todos)))
        out += _group(diags, lang)
        todos: dict[str, list[int]] = defaultdict(list)
        for line, text in row.todos:
            todos[text.split("#", 1)[0].strip()].append(line)
        for text, lines in todos.items():
            times = f" ×{len(lines)}" if len(lines) > 1 else ""
            out.append(t("adopt.report.todo", lang, text=text, times=times, where=_lines(lines, lang)))
    return out


def _head(result: ImportResult, file: Path, lang: str) -> list[str]:
    sep = "、" if lang == "zh-CN" else ", "
    out = [t("adopt.report.read", lang, file=file, items=len(result.rows))]
    out.append(t("adopt.report.columns", lang, pairs=sep.join(f"{k}→{v}" for k, v in result.columns.items()
                                                       if not v.startswith("_"))))
    if result.unknown:
        out.append(t("adopt.report.unknown", lang, names=sep.join(result.unknown)))
    if result.kept:
        out.append(t("adopt.report.kept", lang, names=sep.join(result.kept)))
    return out


def _rows(result: ImportResult, folder: Path, lang: str) -> list[str]:
    if result.dry_run:
        return [t("adopt.report.dry_run", lang), *(line for row in result.rows for line in item_lines(row, folder, lang, result.profile))]
    out = []
    for row in result.rows:
        if row.status == "written" and row.path is not None:
            out.append(t("adopt.report.written", lang, path=row.path.relative_to(folder).as_posix(), where=row.place(lang)))
        else:
            out.append(t("adopt.report.skipped", lang, where=row.place(lang), why=row.why(lang)))
    return out


def import_cmd(
    file: Path = typer.Argument(..., help="部门现有的清单：.json、.csv(UTF-8 或 GB18030)或 .xlsx"),
    department: str = typer.Option(..., "--department", "-d", help="部门文件夹名(id)，须已有 department.yaml"),
    force: bool = typer.Option(False, "--force", help="覆盖已存在的事项文件"),
    dry_run: bool = typer.Option(False, "--dry-run", help="不写文件：逐项列出将写入什么、还缺什么"),
    category: Optional[str] = typer.Option(None, "--category", "-c",
                                           help="源表没有事项类型时各项的类别，如 inspection 或 行政检查"),
    maps: Optional[list[str]] = typer.Option(None, "--map", "-m", help="列名=字段：对照表认不出的列(可重复)，如 监管事项名称=name"),
    laws: Optional[list[Path]] = LawsOpt,
    root: Optional[Path] = RootOpt,
    lang: Optional[str] = LangOpt,
) -> None:
    """从部门现有的清单(权责清单、随机抽查事项清单、政务服务事项目录等)导入事项文件，然后检查还缺什么。"""
    lang = lang_of(lang)
    with user_errors():
        folder = resolve_root(root)
        try:
            result = import_file(folder, file, department, force=force, dry_run=dry_run, category=category,
                                 mapping=map_pairs(maps or []), laws=laws)
        except ImportError_ as exc:
            raise fail(exc.message(lang)) from None
        except MapError as exc:
            raise fail(ImportError_("bad_map", value=str(exc), fields="name, code, …").message(lang)) from None
        typer.echo("\n".join([*_head(result, file, lang), *_rows(result, folder, lang)]))
        typer.echo("\n".join([*coverage_lines(result, lang), *basis_lines(result, lang)]))
        if dry_run:
            return
        if not result.written:
            typer.echo(t("adopt.report.none", lang))
            raise typer.Exit(1)
        report = validate(folder, result.written, laws=laws)
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
    with user_errors(ExportError):
        folder = resolve_root(root)
        data, count, report = export(folder, format, audience)
        path = output or folder / "build" / "export" / f"职权目录.{format}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    errors = report.count(Severity.error)
    if errors:
        typer.echo(t("adopt.report.export_errors", lang, errors=errors), err=True)
    typer.echo(t("adopt.report.exported", lang, count=count, path=path))


def register(app: typer.Typer) -> None:
    app.command("import")(import_cmd)
    app.command("export")(export_cmd)


__all__ = ["AUDIENCES", "import_cmd", "export_cmd", "register", "missing_summary"]
