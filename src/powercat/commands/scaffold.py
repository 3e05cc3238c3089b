"""`powercat init [DIR]`, `powercat new power ...` and `powercat codeowners`."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from powercat.catalog.enums import Category
from powercat.lint.formats import formatter
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

new_app = typer.Typer(help=t("help.new"), no_args_is_help=True)


def _warn(warnings: list[Message], lang: str) -> None:
    for warning in warnings:
        typer.echo(f"powercat: {t('cli.warning', lang, text=warning.text(lang))}", err=True)


def init_cmd(
    directory: Path = typer.Argument(Path("."), help=t("help.init.directory")),
    title: str = typer.Option("行政权力公开", "--title", help=t("help.init.title")),
    no_git: bool = typer.Option(False, "--no-git", help=t("help.init.no_git")),
    lang: Optional[str] = LangOpt,
) -> None:
    """The `init` command (its help: ``help.init.help`` in the locale files)."""
    lang = lang_of(lang)
    with user_errors(ScaffoldError, lang=lang):
        result = init_repo(directory, title=title, git=not no_git)
    for rel in result.written:
        typer.echo(t("init.written", lang, path=rel))
    for rel in result.skipped:
        typer.echo(t("init.skipped", lang, path=rel))
    if result.git:
        typer.echo(t("init.git", lang))
    typer.echo(t("init.pinned", lang, action=result.pin["@@ACTION@@"]))
    _warn(result.warnings, lang)
    typer.echo(t("init.done", lang, directory=directory))


def new_power_cmd(
    department: str = typer.Option(..., "--department", "-d", help=t("help.new_power.department")),
    category: str = typer.Option(..., "--category", "-c", help="|".join(c.value for c in Category)),
    procedure: str = typer.Option("general", "--procedure", "-p", help=t("help.new_power.procedure")),
    code: Optional[str] = typer.Option(None, "--code", help=t("help.new_power.code")),
    root: Optional[Path] = RootOpt,
    lang: Optional[str] = LangOpt,
) -> None:
    """The `new power` command (its help: ``help.new_power.help`` in the locale files)."""
    lang = lang_of(lang)
    with user_errors(ScaffoldError, lang=lang):
        folder = resolve_root(root)
        made = new_power(folder, department, category, procedure, code)
        rel = made.path.relative_to(folder).as_posix()
        typer.echo(t("init.created", lang, path=rel, code=made.code))
        report = validate(folder, [made.path])
        typer.echo(formatter("text")(report, lang, color=interactive()), nl=False)
    if made.todos:
        typer.echo(t("init.todos", lang, count=len(made.todos)))
        for line, text in made.todos:
            typer.echo(f"  {rel}:{line}  {text}")
    typer.echo(t("init.next", lang))


def codeowners_cmd(
    check: bool = typer.Option(False, "--check", help=t("help.codeowners.check")),
    root: Optional[Path] = RootOpt,
    lang: Optional[str] = LangOpt,
) -> None:
    """The `codeowners` command (its help: ``help.codeowners.help`` in the locale files)."""
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
    app.command("init", help=t("help.init.help"))(init_cmd)
    new_app.command("power", help=t("help.new_power.help"))(new_power_cmd)
    app.add_typer(new_app, name="new")
    app.command("codeowners", help=t("help.codeowners.help"))(codeowners_cmd)
