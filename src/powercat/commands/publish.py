"""`powercat publish`"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from powercat.site.build import AUDIENCES, PublishError, PublishRefused, publish
from powercat.commands.common import (
    LangOpt,
    RootOpt,
    fail,
    interactive,
    lang_of,
    parse_date,
    resolve_root,
    user_errors,
)

TEXT = {
    "zh-CN": {
        "done": "已发布 {powers} 个事项({audience_label})，共 {pages} 个页面，写入 {out}，用时 {seconds:.1f} 秒",
        "public": "公开版", "internal": "内部版",
        "audience": "--audience {value}：可选 public、internal",
    },
    "en": {
        "done": "Published {powers} power(s) ({audience_label}), {pages} pages, to {out} in {seconds:.1f} s",
        "public": "public", "internal": "internal",
        "audience": "--audience {value}: choose public or internal",
    },
}


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
    text = TEXT[lang_of(lang)]
    if audience not in AUDIENCES:
        raise fail(text["audience"].format(value=audience))
    day = parse_date(as_of)
    with user_errors():
        top = resolve_root(root)
        try:
            result = publish(top, out if out is not None else top / "build" / "site", audience=audience,
                             base_url=base_url, allow_errors=allow_errors, flowcharts=not no_flowcharts,
                             fulltext=not no_fulltext, progress=interactive(), as_of=day)
        except PublishRefused as exc:
            raise fail(str(exc), 1) from None
        except PublishError as exc:
            raise fail(str(exc)) from None
    for note in result.notes:
        typer.echo(f"powercat: {note}", err=True)
    typer.echo(text["done"].format(powers=result.powers, pages=result.pages, out=result.out,
                                   audience_label=text[audience], seconds=sum(result.seconds.values())))


def register(app: typer.Typer) -> None:
    app.command("publish")(publish_cmd)
