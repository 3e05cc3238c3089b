"""The `powercat` command: a thin typer layer over the library (one module per command)."""

from __future__ import annotations

import gc
import importlib
import sys

import typer

# command name -> the module in powercat.commands that registers it (with `register(app)`)
COMMANDS = {
    "validate": "validate", "rules": "rules", "explain": "rules", "schema": "schema",
    "render": "render", "publish": "publish", "diff": "diff",
    "init": "scaffold", "new": "scaffold", "codeowners": "scaffold",
    "import": "adopt", "export": "adopt", "report": "report", "laws": "laws", "lsp": "lsp",
}


def _version(value: bool) -> None:
    if value:
        from powercat import __version__

        typer.echo(f"powercat {__version__}")
        raise typer.Exit()


def make_app(modules: list[str] | None = None) -> typer.Typer:
    """The CLI with the commands of ``modules`` (default: all). Its help is in POWERCAT_LANG's
    language (``--lang`` is read after the help is shown)."""
    from powercat.i18n import t

    app = typer.Typer(
        name="powercat",
        help=t("help.app"),
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )

    @app.callback()
    def _main(
        version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help=t("help.version")),
    ) -> None:
        """Administrative power catalogs as code."""

    for name in dict.fromkeys(modules or COMMANDS.values()):
        module = f"powercat.commands.{name}"
        try:
            importlib.import_module(module).register(app)
        except ModuleNotFoundError as exc:  # a command still being built is left out
            if exc.name != module:
                raise
    return app


def __getattr__(name: str) -> typer.Typer:
    """``powercat.cli.app``: every command (built on first use, for tests and documentation)."""
    if name == "app":
        globals()["app"] = built = make_app()
        return built
    raise AttributeError(name)


def main() -> None:
    """Console script: import only the command being run, so start-up stays short."""
    words = [a for a in sys.argv[1:] if not a.startswith("-")]
    wanted = COMMANDS.get(words[0]) if words else None
    app = make_app([wanted] if wanted else None)
    # A short-lived process holding tens of thousands of models: collect rarely, and never
    # scan what was loaded at start-up (the loaded catalog holds no reference cycles).
    gc.freeze()
    gc.set_threshold(50_000, 50, 100)
    app()
