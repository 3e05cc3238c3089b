"""What every command shares: --root, --lang, terminal detection, and errors without tracebacks."""

from __future__ import annotations

import datetime as dt
import errno
import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

import typer

from powercat.catalog.config import CONFIG_NAME, ConfigError, find_root
from powercat.i18n import pick_lang
from powercat.catalog.profile import ProfileError

RootOpt = typer.Option(None, "--root", help="目录仓库根目录(含 powercat.toml)；默认从当前目录向上查找")
LangOpt = typer.Option(None, "--lang", help="消息语言：zh-CN(默认)或 en；也可设 POWERCAT_LANG")
LawsOpt = typer.Option(None, "--laws", help="法规库文件夹(可重复)；默认取环境变量 POWERCAT_LAWS 或 powercat.toml 的 \\[laws] library")


class CommandError(Exception):
    """A failure the user can fix; printed as one line, exit code 2."""


def parse_date(value: str | None, option: str = "--as-of") -> dt.date | None:
    """A YYYY-MM-DD option value; a wrong one is a usage error (exit 2)."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise fail(f"{option} {value}: 日期应写成 YYYY-MM-DD，如 2026-11-23") from None


def check_choice(value: str, choices: tuple[str, ...] | list[str], option: str = "--format") -> None:
    """A usage error (exit 2) unless ``value`` is one of ``choices``."""
    if value not in choices:
        raise fail(f"{option} {value}: 可选 {', '.join(choices)}")


def resolve_root(root: Path | None) -> Path:
    """The catalog repository: ``--root`` or the nearest folder up with powercat.toml. A folder with
    neither powercat.toml nor catalogs/ is refused, so that a command run in the wrong folder does not
    report "no problems" over nothing (a green CI) or write build/ and .github/ there."""
    if root is not None:
        if not root.is_dir():
            raise CommandError(f"--root {root}: 不是一个文件夹 (not a folder)")
        found = root.resolve()
    else:
        found = find_root(Path.cwd())
    if not (found / CONFIG_NAME).is_file() and not (found / "catalogs").is_dir():
        raise CommandError(f"{found}: 不是目录仓库：这里和上级文件夹都没有 {CONFIG_NAME}，也没有 catalogs 文件夹。"
                           "请在目录仓库的根目录运行，或用 --root 指定；新建仓库用 powercat init (not a catalog repository)")
    return found


def lang_of(lang: str | None) -> str:
    return pick_lang(lang)


def interactive() -> bool:
    """A terminal with a person at it: progress bars and colour; never in CI."""
    return sys.stdout.isatty() and os.environ.get("CI", "").lower() not in ("true", "1")


@contextmanager
def progress_bar(show: bool, label: str) -> Iterator[Callable[[int], Callable[[int], None]] | None]:
    """A rich progress bar on a terminal (``None`` otherwise), as a ``progress(total) -> tick(n)``."""
    if not show:
        yield None
        return
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        def start(total: int) -> Callable[[int], None]:
            task = bar.add_task(label, total=total)
            return lambda n: bar.advance(task, n)

        yield start


def fail(message: str, code: int = 2) -> "typer.Exit":
    typer.echo(f"powercat: {message}", err=True)
    return typer.Exit(code)


@contextmanager
def user_errors(*extra: type[Exception]) -> Iterator[None]:
    """Turn expected failures (and the command's own ``extra`` ones) into a one-line message
    and exit code 2, never a traceback."""
    from powercat.laws import LibraryError
    from powercat.lint.engine import UsageError

    try:
        yield
    except (CommandError, ConfigError, ProfileError, UsageError, LibraryError, *extra) as exc:
        raise fail(str(exc)) from None
    except OSError as exc:
        raise fail(os_error_text(exc)) from None


# what the system says, in words department staff read (the system's own English kept in brackets)
_ERRNO_ZH = {
    errno.ENOENT: "文件或文件夹不存在",
    errno.EISDIR: "这是一个文件夹，不是文件；请给出文件名",
    errno.ENOTDIR: "路径中有一段是文件而不是文件夹",
    errno.EEXIST: "已经存在同名的文件，无法在这里建立文件夹",
    errno.EACCES: "没有权限读写",
    errno.EPERM: "没有权限读写",
    errno.EROFS: "位于只读的磁盘上，不能写入",
    errno.ENOSPC: "磁盘空间已满",
}


def os_error_text(exc: OSError) -> str:
    """One line for a failed read or write: the file, what went wrong in Chinese, the system's words."""
    where = f"{exc.filename}: " if exc.filename else ""
    said = exc.strerror or str(exc)
    zh = _ERRNO_ZH.get(exc.errno)
    return f"{where}{zh} ({said})" if zh else f"{where}{said}"
