"""`powercat diff BASE [HEAD]`"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from powercat.i18n import t

from powercat.review.diff import diff_catalogs
from powercat.review.formats import FORMATS, format_diff
from powercat.catalog.git import GitError
from powercat.commands.common import (
    LangOpt,
    RootOpt,
    check_choice,
    lang_of,
    resolve_root,
    user_errors,
)


def diff_cmd(
    base: str = typer.Argument(..., help=t("help.diff.base")),
    head: Optional[str] = typer.Argument(None, help=t("help.diff.head")),
    format: str = typer.Option("text", "--format", "-f", help="|".join(FORMATS)),
    fail_on_weakening: bool = typer.Option(
        False, "--fail-on-weakening", help=t("help.diff.fail_on_weakening")),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help=t("help.diff.output")),
    root: Optional[Path] = RootOpt,
    lang: Optional[str] = LangOpt,
) -> None:
    """The `diff` command (its help: ``help.diff.help`` in the locale files)."""
    lang = lang_of(lang)
    check_choice(format, FORMATS, lang=lang)
    with user_errors(GitError, lang=lang):
        result = diff_catalogs(resolve_root(root), base, head)
        text = format_diff(result, format, lang)
        if output is not None:
            output.write_text(text, encoding="utf-8")
            s = result.summary()
            counts = " · ".join(f"{t('diff.' + k, lang)} {s[k]}" for k in ("added", "removed", "changed", "renamed", "weakening"))
            typer.echo(f"{output}: {counts}", err=True)
        else:
            typer.echo(text, nl=False)
    raise typer.Exit(1 if fail_on_weakening and result.weakened else 0)


def register(app: typer.Typer) -> None:
    app.command("diff", help=t("help.diff.help"))(diff_cmd)
