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
    """列出全部规则：代码、默认级别、标题。"""
    lang = lang_of(lang)
    table = Table(box=None, show_header=True, header_style="bold")
    for col in messages.t("ui.rules_header", lang).split():
        table.add_column(col)
    for code, rule in all_rules().items():
        table.add_row(code, messages.t("ui." + rule.severity, lang), messages.title(code, lang))
    Console(width=200, soft_wrap=True).print(table)


def explain_cmd(code: str = typer.Argument(..., help="规则代码，如 PC304"), lang: Optional[str] = LangOpt) -> None:
    """显示一条规则的说明：检查什么、为什么、法律依据、错误和正确示例。"""
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
    app.command("rules")(rules_cmd)
    app.command("explain")(explain_cmd)
