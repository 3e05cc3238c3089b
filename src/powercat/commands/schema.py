"""`powercat schema [--out schemas/]`"""

from __future__ import annotations

from pathlib import Path

import typer

from powercat.catalog.schema import write_schemas
from powercat.commands.common import user_errors


def schema_cmd(out: Path = typer.Option(Path("schemas"), "--out", help="输出文件夹")) -> None:
    """生成 JSON Schema(部门、事项、登记)，供编辑器提示和校验。"""
    with user_errors():
        for path in write_schemas(out):
            typer.echo(path.as_posix())


def register(app: typer.Typer) -> None:
    app.command("schema")(schema_cmd)
