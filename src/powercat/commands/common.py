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
from powercat.catalog.profile_file import ProfileError
from powercat.i18n import Message, lookup, pick_lang, t

RootOpt = typer.Option(None, "--root", help=t("help.root"))
LangOpt = typer.Option(None, "--lang", help=t("help.lang"))
LawsOpt = typer.Option(None, "--laws", help=t("help.laws"))


class CommandError(Message):
    """A failure the user can fix; printed as one line, exit code 2."""


def parse_date(value: str | None, option: str = "--as-of", lang: str | None = None) -> dt.date | None:
    """A YYYY-MM-DD option value; a wrong one is a usage error (exit 2)."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise fail(t("cli.bad_date", lang, option=option, value=value)) from None


def check_choice(value: str, choices: tuple[str, ...] | list[str], option: str = "--format",
                 lang: str | None = None) -> None:
    """A usage error (exit 2) unless ``value`` is one of ``choices``."""
    if value not in choices:
        raise fail(t("cli.bad_choice", lang, option=option, value=value, choices=", ".join(choices)))


def resolve_root(root: Path | None) -> Path:
    """The catalog repository: ``--root`` or the nearest folder up with powercat.toml. A folder with
    neither powercat.toml nor catalogs/ is refused, so that a command run in the wrong folder does not
    report "no problems" over nothing (a green CI) or write build/ and .github/ there."""
    if root is not None:
        if not root.is_dir():
            raise CommandError("cli.not_a_folder", root=root)
        found = root.resolve()
    else:
        found = find_root(Path.cwd())
    if not (found / CONFIG_NAME).is_file() and not (found / "catalogs").is_dir():
        raise CommandError("cli.not_a_repo", found=found, config=CONFIG_NAME)
    return found


def lang_of(lang: str | None) -> str:
    return pick_lang(lang)


def in_ci() -> bool:
    """Run by CI: GitHub Actions, GitLab CI and most others set CI=true."""
    return os.environ.get("CI", "").lower() in ("true", "1")


def interactive() -> bool:
    """A terminal with a person at it: progress bars and colour; never in CI."""
    return sys.stdout.isatty() and not in_ci()


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


def error_text(exc: Exception, lang: str | None = None) -> str:
    """An exception's one line: in ``lang`` when it is a :class:`~powercat.i18n.Message`."""
    return exc.text(lang) if isinstance(exc, Message) else str(exc)


@contextmanager
def user_errors(*extra: type[Exception], lang: str | None = None) -> Iterator[None]:
    """Turn expected failures (and the command's own ``extra`` ones) into a one-line message
    in ``lang`` and exit code 2, never a traceback."""
    from powercat.catalog.git import ShallowClone
    from powercat.catalog.loader import ReadError
    from powercat.laws.scan import LibraryError
    from powercat.lint.engine import UsageError

    try:
        yield
    except (CommandError, ConfigError, ProfileError, ReadError, ShallowClone, UsageError, LibraryError,
            *extra) as exc:
        raise fail(error_text(exc, lang)) from None
    except OSError as exc:
        raise fail(os_error_text(exc, lang)) from None


def os_error_text(exc: OSError, lang: str | None = None) -> str:
    """One line for a failed read or write: the file, what went wrong in words department staff
    read (``cli.os.<errno name>``), and the system's own words."""
    where = f"{exc.filename}: " if exc.filename else ""
    said = exc.strerror or str(exc)
    text = lookup(f"cli.os.{errno.errorcode.get(exc.errno or 0, '-')}", lang)
    return t("cli.os_error", lang, where=where, text=text, said=said) if text else f"{where}{said}"
