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
    in_ci,
    interactive,
    lang_of,
    parse_date,
    resolve_root,
    user_errors,
)

# the internal build never lands where the public one is deployed from
DEFAULT_OUT = {"public": Path("build") / "site", "internal": Path("build") / "site-internal"}


def publish_cmd(
    out: Optional[Path] = typer.Option(None, "--out", "-o", help=t("help.publish.out")),
    audience: str = typer.Option("public", "--audience", help=t("help.publish.audience")),
    base_url: Optional[str] = typer.Option(None, "--base-url", help=t("help.publish.base_url")),
    allow_errors: bool = typer.Option(False, "--allow-errors", help=t("help.publish.allow_errors")),
    no_flowcharts: bool = typer.Option(False, "--no-flowcharts", help=t("help.publish.no_flowcharts")),
    no_fulltext: bool = typer.Option(False, "--no-fulltext", help=t("help.publish.no_fulltext")),
    as_of: Optional[str] = typer.Option(None, "--as-of", help=t("help.publish.as_of")),
    root: Optional[Path] = RootOpt,
    lang: Optional[str] = LangOpt,
) -> None:
    """The `publish` command (its help: ``help.publish.help`` in the locale files)."""
    said = lang_of(lang)  # the site's own language may differ: --lang, else [site] lang, else POWERCAT_LANG
    if audience not in AUDIENCES:
        raise fail(t("publish.audience", said, value=audience))
    day = parse_date(as_of, lang=said)
    with user_errors(lang=said):
        top = resolve_root(root)
        try:
            result = publish(top, out if out is not None else top / DEFAULT_OUT[audience], audience=audience,
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
    if result.kept:  # an incremental build: say how much stayed as it was
        typer.echo(t("publish.kept", said, kept=result.kept, powers=result.powers))
    if result.gaps and in_ci():  # a site without its charts or its search must not be deployed unnoticed
        raise fail(t("publish.incomplete", said, out=result.out), 1)


def register(app: typer.Typer) -> None:
    app.command("publish", help=t("help.publish.help"))(publish_cmd)
