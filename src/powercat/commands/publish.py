"""`powercat publish`"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from powercat.site.build import AUDIENCES, PublishError, PublishRefused, publish
from powercat.i18n import t
from powercat.commands.common import (
    LangOpt,
    RootOpt,
    error_text,
    fail,
    interactive,
    lang_of,
    parse_date,
    resolve_root,
    user_errors,
)

def publish_cmd(
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="输出文件夹，默认 <根目录>/build/site"),
    audience: str = typer.Option("public", "--audience", help="public 公开版(仅向社会公开的事项) · internal 内部版(全部)"),
    base_url: Optional[str] = typer.Option(None, "--base-url", help="网站地址(用于绝对链接和 sitemap.xml)，默认取 powercat.toml 的 site.base_url"),
    allow_errors: bool = typer.Option(False, "--allow-errors", help="目录有错误时也发布"),
    no_flowcharts: bool = typer.Option(False, "--no-flowcharts", help="不绘制流程图(页面仍有文字版流程)"),
    no_fulltext: bool = typer.Option(False, "--no-fulltext", help="不建全文搜索索引(Pagefind)"),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="办理状态的统计日期 YYYY-MM-DD，默认取目录最近一次提交的日期"),
    root: Optional[Path] = RootOpt,
    lang: Optional[str] = LangOpt,
) -> None:
    """生成公开网站：按部门、类别和事项公开权力清单，附流程图、搜索和开放数据。"""
    said = lang_of(lang)  # the site's own language may differ: --lang, else [site] lang, else POWERCAT_LANG
    if audience not in AUDIENCES:
        raise fail(t("publish.audience", said, value=audience))
    day = parse_date(as_of, lang=said)
    with user_errors(lang=said):
        top = resolve_root(root)
        try:
            result = publish(top, out if out is not None else top / "build" / "site", audience=audience,
                             base_url=base_url, allow_errors=allow_errors, flowcharts=not no_flowcharts,
                             fulltext=not no_fulltext, progress=interactive(), as_of=day, lang=lang)
        except PublishRefused as exc:
            raise fail(exc.text(said), 1) from None
        except PublishError as exc:
            raise fail(exc.text(said)) from None
    for note in result.notes:
        typer.echo(f"powercat: {error_text(note, said)}", err=True)
    typer.echo(t("publish.done", said, powers=result.powers, pages=result.pages, out=result.out,
                 audience_label=t(f"publish.{audience}", said), seconds=sum(result.seconds.values())))


def register(app: typer.Typer) -> None:
    app.command("publish")(publish_cmd)
