"""`powercat laws show|search|check`: the law library from the command line."""

from __future__ import annotations

import datetime as dt
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import typer

from powercat.laws import Citation, Library, LibraryError, check, parse_citation
from powercat.catalog.config import ConfigError
from powercat.catalog.loader import configured_law_paths
from powercat.laws.locate import HOW, find_root
from powercat.laws.present import check_lines, search_lines, show_answer, show_law

LawsOpt = typer.Option(None, "--laws", help="法规库文件夹（可重复）；默认取环境变量 POWERCAT_LAWS 或 powercat.toml 的 \\[laws] library")
RootOpt = typer.Option(None, "--root", help="目录仓库根目录(含 powercat.toml)；默认从当前目录向上查找")
LangOpt = typer.Option(None, "--lang", help="消息语言：zh-CN(默认)或 en；也可设 POWERCAT_LANG")
CacheOpt = typer.Option(True, "--cache/--no-cache", help="使用 .powercat/laws 中的索引缓存")

app = typer.Typer(help="法规库：查看条文、搜索、检查法规库本身。", no_args_is_help=True)


class UsageError(Exception):
    """A wrong option or argument; one line, exit code 2."""


def _lang(lang: str | None) -> str:
    lang = lang or os.environ.get("POWERCAT_LANG") or "zh-CN"
    return "en" if lang.lower().startswith("en") else "zh-CN"


@contextmanager
def _errors() -> Iterator[None]:
    """Expected failures as ``powercat: message`` and exit code 2, never a traceback."""
    try:
        yield
    except (LibraryError, UsageError) as exc:
        typer.echo(f"powercat: {exc}", err=True)
        raise typer.Exit(2) from None
    except OSError as exc:
        typer.echo(f"powercat: {exc.filename or ''} {exc.strerror or exc}".strip(), err=True)
        raise typer.Exit(2) from None


def _open(laws: list[Path] | None, root: Path | None, cache: bool) -> Library:
    if root is not None and not root.is_dir():
        raise UsageError(f"--root {root}: 不是一个文件夹 (not a folder)")
    repo = root.resolve() if root is not None else find_root(Path.cwd())
    try:
        paths = configured_law_paths(repo or Path.cwd(), laws)
    except ConfigError as exc:
        raise LibraryError(str(exc)) from None
    if not paths:
        raise LibraryError(HOW)
    cache_dir = repo / ".powercat" / "laws" if cache and repo is not None else None
    return Library.open(paths, cache_dir)


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        raise UsageError(f"--on {value}: 日期应写成 YYYY-MM-DD，如 2024-01-01 (use YYYY-MM-DD)") from None


def _echo(lines: list[str]) -> None:
    typer.echo("\n".join(lines))


@app.command("show")
def show_cmd(
    title: str = typer.Argument(..., help="法规标题，可省略“中华人民共和国”，如 行政许可法；也可连同条文写，如 行政许可法第四十二条"),
    article: list[str] = typer.Argument(None, help="条文，如 第四十二条、第四十二条第二款、第42条"),
    on: str = typer.Option(None, "--on", help="按该日施行的版本（YYYY-MM-DD）；默认最新版本"),
    laws: list[Path] = LawsOpt, root: Path = RootOpt, lang: str = LangOpt, cache: bool = CacheOpt,
) -> None:
    """显示法规的条文（或款、项），注明版本日期和层级；只给标题时显示沿革和章节。"""
    lang = _lang(lang)
    with _errors():
        day = _date(on)
        library = _open(laws, root, cache)
        if article:
            name, citations = title, parse_citation("".join(article), title=title)
            if not citations:
                raise UsageError(f"{''.join(article)}: 不是条文序号，应写成 第四十二条 或 第42条 (not an article)")
        else:  # 行政许可法第四十二条 in one argument, or a title alone
            citations = parse_citation(title)
            name = citations[0].title if citations and citations[0].title else title
        _show(library, name, citations, day, lang)


def _show(library: Library, name: str, citations: list[Citation], day: dt.date | None, lang: str) -> None:
    roots = library.root_names
    if not citations:
        edition = library.find(name, day)
        if edition is None:
            typer.echo(f"powercat: {library.missing(name, day).message(lang)}", err=True)
            raise typer.Exit(1)
        _echo(show_law(edition, roots, lang))
        return
    failed = False
    for citation in citations:
        answer = library.cite(citation, on=day, title=name)
        if answer.ok:
            _echo(show_answer(answer, roots, lang))
        else:
            typer.echo(f"powercat: {answer.message(lang)}", err=True)
            failed = True
    if failed:
        raise typer.Exit(1)


@app.command("search")
def search_cmd(
    words: list[str] = typer.Argument(..., help="关键词（多个词须同时出现）"),
    limit: int = typer.Option(50, "--limit", min=1, help="最多列出的条文数"),
    laws: list[Path] = LawsOpt, root: Path = RootOpt, lang: str = LangOpt, cache: bool = CacheOpt,
) -> None:
    """搜索法规：先列出标题含关键词的法规，再列出含关键词的条文（各法规的最新版本）。"""
    lang = _lang(lang)
    with _errors():
        library = _open(laws, root, cache)
        titles, found = library.search(words, limit)
        _echo(search_lines(titles, found, words, limit, lang))


@app.command("check")
def check_cmd(
    show_all: bool = typer.Option(False, "--all", help="也列出提示(info)"),
    laws: list[Path] = LawsOpt, root: Path = RootOpt, lang: str = LangOpt, cache: bool = CacheOpt,
) -> None:
    """检查法规库本身：无法解析的文件、没有条文的文件、条文顺序、同一版本重复等；有错误时退出码为 1。"""
    lang = _lang(lang)
    with _errors():
        library = _open(laws, root, cache)
        problems = check(library)
        _echo(check_lines(problems, len(library.files), show_all, lang))
    if any(p.severity == "error" for p in problems):
        raise typer.Exit(1)


@app.command("fill")
def fill_cmd(
    paths: list[Path] = typer.Argument(None, help="要补全的事项文件或文件夹；默认全部"),
    force: bool = typer.Option(False, "--force", help="法条内容与原文不同时，也改为原文"),
    dry_run: bool = typer.Option(False, "--dry-run", help="只列出将要补全的内容，不写文件"),
    as_of: str = typer.Option(None, "--as-of", help="按该日施行的版本（YYYY-MM-DD）；默认今天"),
    laws: list[Path] = LawsOpt, root: Path = RootOpt, lang: str = LangOpt,
) -> None:
    """从法规库补全行使依据的效力层级(level)和法条内容(text)：只补没有写的；与原文不同的法条内容只报告，加 --force 才改为原文。"""
    from powercat.adopt.lawfill import fill, selected
    from powercat.catalog.loader import load_catalog
    from powercat.commands.common import parse_date, resolve_root, user_errors
    from powercat.i18n import t

    lang = _lang(lang)
    with user_errors():
        catalog = load_catalog(resolve_root(root), keep_models=True, laws=laws, as_of=parse_date(as_of))
        if catalog.laws is None:
            raise LibraryError(HOW)
        result = fill(catalog, selected(catalog, paths or ()), force=force, dry_run=dry_run)
    for f in result.fills:
        key = "fill_done" if f.written and not dry_run else ("fill_would" if f.written else "fill_differs")
        typer.echo(t(f"ui.{key}", lang, file=f.file, n=f.index + 1, field=f.key, new=f.new.replace("\n", " ")))
    typer.echo(t("ui.fill_summary", lang, fills=sum(f.written for f in result.fills), files=len(result.files),
                  differs=sum(not f.written for f in result.fills)))


def register(root_app: typer.Typer) -> None:
    root_app.add_typer(app, name="laws")
