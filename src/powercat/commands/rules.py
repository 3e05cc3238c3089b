"""`powercat rules` and `powercat explain CODE`"""

from __future__ import annotations

from typing import Optional

import typer
from rich.console import Console
from rich.markdown import Markdown
from rich.table import Table

from powercat import i18n as messages
from powercat.lint.ruledocs import page
from powercat.lint.rules import all_rules
from powercat.commands.common import LangOpt, fail, interactive, lang_of


def rules_cmd(lang: Optional[str] = LangOpt) -> None:
    """The `rules` command (its help: ``help.rules.help`` in the locale files)."""
    lang = lang_of(lang)
    table = Table(box=None, show_header=True, header_style="bold")
    for col in messages.t("ui.rules_header", lang).split():
        table.add_column(col)
    for code, rule in all_rules().items():
        table.add_row(code, messages.t("ui." + rule.severity, lang), messages.title(code, lang))
    Console(width=200, soft_wrap=True).print(table)


def explain_cmd(code: str = typer.Argument(..., help=messages.t("help.explain.code")), lang: Optional[str] = LangOpt) -> None:
    """The `explain` command (its help: ``help.explain.help`` in the locale files)."""
    lang = lang_of(lang)
    code = code.upper()
    if code not in all_rules():
        raise fail(messages.t("ui.no_rule", lang, code=code))
    text = page(code, lang)
    if interactive():
        Console().print(Markdown(text))
    else:
        typer.echo(text, nl=False)


def register(app: typer.Typer) -> None:
    app.command("rules", help=messages.t("help.rules.help"))(rules_cmd)
    app.command("explain", help=messages.t("help.explain.help"))(explain_cmd)
