"""`powercat lsp`: the language server for editors, on stdin and stdout."""

from __future__ import annotations

import logging
from typing import Optional

import typer

from powercat.commands.common import LangOpt


def lsp_cmd(
    lang: Optional[str] = LangOpt,
    debounce: int = typer.Option(100, "--debounce", help="停止输入多少毫秒后检查(默认 100)"),
    log_file: Optional[str] = typer.Option(None, "--log-file", help="把服务器日志写入该文件"),
) -> None:
    """语言服务器(LSP，标准输入输出)：在编辑器中边写边检查，悬停说明、补全、跳转和快速修复。"""
    from powercat.lsp.features import make_server

    if log_file:
        logging.basicConfig(filename=log_file, level=logging.INFO)
    server = make_server(lang)
    server.debounce = max(0, debounce) / 1000
    server.start_io()


def register(app: typer.Typer) -> None:
    app.command("lsp")(lsp_cmd)
