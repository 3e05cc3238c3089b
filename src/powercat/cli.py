"""The `powercat` command: a thin typer layer over the library (one module per command)."""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    name="powercat",
    help="行政权力职权目录即代码：检查、绘制流程图、发布公开网站、审核变更。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)



def _version(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"powercat {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="显示版本"),
) -> None:
    """行政权力职权目录即代码。"""


# each module in powercat.commands registers its command(s) on `app`
COMMANDS = ["validate", "rules", "schema", "render", "publish", "diff", "scaffold", "adopt", "report"]

for _name in COMMANDS:
    _module = f"powercat.commands.{_name}"
    try:
        importlib.import_module(_module).register(app)
    except ModuleNotFoundError as _exc:  # a command still being built is left out
        if _exc.name != _module:
            raise


def main() -> None:
    app()
