"""`powercat schema [--out schemas/]`"""

from __future__ import annotations

from pathlib import Path

import typer

from powercat.i18n import t

from powercat.catalog.schema import write_schemas
from powercat.commands.common import user_errors


def schema_cmd(out: Path = typer.Option(Path("schemas"), "--out", help=t("help.schema.out"))) -> None:
    """The `schema` command (its help: ``help.schema.help`` in the locale files)."""
    with user_errors():
        for path in write_schemas(out):
            typer.echo(path.as_posix())


def register(app: typer.Typer) -> None:
    app.command("schema", help=t("help.schema.help"))(schema_cmd)
