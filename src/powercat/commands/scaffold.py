"""`powercat init [DIR]`, `powercat new power ...` and `powercat codeowners`."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from powercat.catalog.enums import Category
from powercat.lint.formats import renderer
from powercat.lint.engine import validate
from powercat.adopt.scaffold import CODEOWNERS, ScaffoldError, init_repo, new_power, write_codeowners
from powercat.i18n import Message, t
from powercat.commands.common import (
    LangOpt,
    RootOpt,
    interactive,
    lang_of,
    resolve_root,
    user_errors,
)

new_app = typer.Typer(help="新建文件(事项)", no_args_is_help=True)


def _warn(warnings: list[Message], lang: str) -> None:
    for warning in warnings:
        typer.echo(f"powercat: {t('cli.warning', lang, text=warning.text(lang))}", err=True)


def init_cmd(
    directory: Path = typer.Argument(Path("."), help="新目录仓库的文件夹(默认当前文件夹)"),
    title: str = typer.Option("行政权力公开", "--title", help="公开网站的标题"),
    no_git: bool = typer.Option(False, "--no-git", help="不运行 git init"),
    lang: Optional[str] = LangOpt,
) -> None:
    """创建目录仓库：powercat.toml、示例部门、CI 工作流、CODEOWNERS、pre-commit 配置。"""
    lang = lang_of(lang)
    with user_errors(ScaffoldError, lang=lang):
        result = init_repo(directory, title=title, git=not no_git)
    for rel in result.written:
        typer.echo(t("init.written", lang, path=rel))
    for rel in result.skipped:
        typer.echo(t("init.skipped", lang, path=rel))
    if result.git:
        typer.echo(t("init.git", lang))
    _warn(result.warnings, lang)
    typer.echo(t("init.done", lang, directory=directory))


def new_power_cmd(
    department: str = typer.Option(..., "--department", "-d", help="部门文件夹名(id)"),
    category: str = typer.Option(..., "--category", "-c", help="|".join(c.value for c in Category)),
    procedure: str = typer.Option("general", "--procedure", "-p", help="程序类别：general、simple、on_the_spot ..."),
    code: Optional[str] = typer.Option(None, "--code", help="事项编码；默认按类别前缀自动编号，如 XK-ZJJ-001"),
    root: Optional[Path] = RootOpt,
    lang: Optional[str] = LangOpt,
) -> None:
    """按法律配置的标准程序新建一个事项文件(带 TODO 标记)，然后检查它。"""
    lang = lang_of(lang)
    with user_errors(ScaffoldError, lang=lang):
        folder = resolve_root(root)
        made = new_power(folder, department, category, procedure, code)
        rel = made.path.relative_to(folder).as_posix()
        typer.echo(t("init.created", lang, path=rel, code=made.code))
        report = validate(folder, [made.path])
        typer.echo(renderer("text")(report, lang, color=interactive()), nl=False)
    if made.todos:
        typer.echo(t("init.todos", lang, count=len(made.todos)))
        for line, text in made.todos:
            typer.echo(f"  {rel}:{line}  {text}")
    typer.echo(t("init.next", lang))


def codeowners_cmd(
    check: bool = typer.Option(False, "--check", help="只检查是否需要更新(需要则返回 1)，不写文件"),
    root: Optional[Path] = RootOpt,
    lang: Optional[str] = LangOpt,
) -> None:
    """根据 powercat.toml 的 codeowners 表和各部门 legal_reviewer 生成 .github/CODEOWNERS。"""
    lang = lang_of(lang)
    with user_errors(ScaffoldError, lang=lang):
        folder = resolve_root(root)
        changed, owners = write_codeowners(folder, check=check)
    _warn(owners.warnings, lang)
    if check:
        if changed:
            typer.echo(t("init.codeowners_stale", lang, file=CODEOWNERS), err=True)
        raise typer.Exit(1 if changed else 0)
    typer.echo(t("init.codeowners_updated" if changed else "init.codeowners_current", lang, file=CODEOWNERS))


def register(app: typer.Typer) -> None:
    app.command("init")(init_cmd)
    new_app.command("power")(new_power_cmd)
    app.add_typer(new_app, name="new")
    app.command("codeowners")(codeowners_cmd)
