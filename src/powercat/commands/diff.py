"""`powercat diff BASE [HEAD]`"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from powercat.review.diff import diff_catalogs
from powercat.review.formats import FORMATS, render, t
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
    base: str = typer.Argument(..., help="基准版本，如 origin/main"),
    head: Optional[str] = typer.Argument(None, help="新版本；省略则为当前工作区(含未提交的修改)"),
    format: str = typer.Option("text", "--format", "-f", help="|".join(FORMATS)),
    fail_on_weakening: bool = typer.Option(
        False, "--fail-on-weakening", help="有削弱相对人权益的变更时返回 1"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="把结果写入文件(如 PR 评论正文)"),
    root: Optional[Path] = RootOpt,
    lang: Optional[str] = LangOpt,
) -> None:
    """比较两个版本的职权目录，标出削弱相对人权益的变更(供法制审核)。"""
    lang = lang_of(lang)
    check_choice(format, FORMATS, lang=lang)
    with user_errors(GitError, lang=lang):
        result = diff_catalogs(resolve_root(root), base, head)
        text = render(result, format, lang)
        if output is not None:
            output.write_text(text, encoding="utf-8")
            s = result.summary()
            counts = " · ".join(f"{t(k, lang)} {s[k]}" for k in ("added", "removed", "changed", "renamed", "weakening"))
            typer.echo(f"{output}: {counts}", err=True)
        else:
            typer.echo(text, nl=False)
    raise typer.Exit(1 if fail_on_weakening and result.weakened else 0)


def register(app: typer.Typer) -> None:
    app.command("diff")(diff_cmd)
