"""`powercat init [DIR]`, `powercat new power ...` and `powercat codeowners`."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from powercat.catalog.enums import Category
from powercat.lint.formats import renderer
from powercat.lint.engine import validate
from powercat.adopt.scaffold import CODEOWNERS, ScaffoldError, init_repo, new_power, write_codeowners
from powercat.commands.common import (
    LangOpt,
    RootOpt,
    interactive,
    lang_of,
    resolve_root,
    user_errors,
)

new_app = typer.Typer(help="新建文件(事项)", no_args_is_help=True)


def _warn(lines: list[str]) -> None:
    for line in lines:
        typer.echo(f"powercat: 警告 (warning): {line}", err=True)


def init_cmd(
    directory: Path = typer.Argument(Path("."), help="新目录仓库的文件夹(默认当前文件夹)"),
    title: str = typer.Option("行政权力公开", "--title", help="公开网站的标题"),
    no_git: bool = typer.Option(False, "--no-git", help="不运行 git init"),
) -> None:
    """创建目录仓库：powercat.toml、示例部门、CI 工作流、CODEOWNERS、pre-commit 配置。"""
    with user_errors(ScaffoldError):
        result = init_repo(directory, title=title, git=not no_git)
    for rel in result.written:
        typer.echo(f"  写入 {rel}")
    for rel in result.skipped:
        typer.echo(f"  跳过 {rel}(已存在，未覆盖)")
    if result.git:
        typer.echo("  已初始化 git 仓库(分支 main)")
    _warn(result.warnings)
    typer.echo(
        f"\n目录仓库已创建：{directory}\n下一步：\n"
        f"  1. 在 powercat.toml 的 [codeowners] 中把法制审核人映射到 GitHub 账号，运行 powercat codeowners\n"
        f"  2. 复制 catalogs/example 为本部门文件夹，或运行 powercat new power --department example --category licensing\n"
        f"  3. 运行 powercat validate 检查；推送到 GitHub 后，合并请求会自动检查并评论变更"
    )


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
    with user_errors(ScaffoldError):
        folder = resolve_root(root)
        made = new_power(folder, department, category, procedure, code)
        rel = made.path.relative_to(folder).as_posix()
        typer.echo(f"已创建 {rel}(事项编码 {made.code})\n")
        report = validate(folder, [made.path])
        typer.echo(renderer("text")(report, lang, color=interactive()), nl=False)
    if made.todos:
        typer.echo(f"\n还需填写 {len(made.todos)} 处 TODO：")
        for line, text in made.todos:
            typer.echo(f"  {rel}:{line}  {text}")
    typer.echo("\n填写完成后运行 powercat validate 检查；TODO 未填完前出现的问题属正常。")


def codeowners_cmd(
    check: bool = typer.Option(False, "--check", help="只检查是否需要更新(需要则返回 1)，不写文件"),
    root: Optional[Path] = RootOpt,
) -> None:
    """根据 powercat.toml 的 codeowners 表和各部门 legal_reviewer 生成 .github/CODEOWNERS。"""
    with user_errors(ScaffoldError):
        folder = resolve_root(root)
        changed, owners = write_codeowners(folder, check=check)
    _warn(owners.warnings)
    if check:
        if changed:
            typer.echo(f"{CODEOWNERS} 需要更新：运行 powercat codeowners", err=True)
        raise typer.Exit(1 if changed else 0)
    typer.echo(f"{'已更新' if changed else '无需更新'} {CODEOWNERS}")


def register(app: typer.Typer) -> None:
    app.command("init")(init_cmd)
    new_app.command("power")(new_power_cmd)
    app.add_typer(new_app, name="new")
    app.command("codeowners")(codeowners_cmd)
