"""`powercat render [PATHS...]`: flowcharts as SVG (or PNG, or DOT source).

Exit codes: 0 when the charts were drawn (powers with errors are skipped and listed, the rest
are drawn); 1 when every selected power was skipped because of errors, or Graphviz failed on a
chart; 2 for a usage error (unknown format, no Graphviz, bad path).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

import typer

from powercat.i18n import t
from powercat.charts.render import FORMATS, RenderError, RenderResult, draw
from powercat.commands.common import (
    LangOpt,
    RootOpt,
    interactive,
    lang_of,
    resolve_root,
    user_errors,
)

LIST_MAX = 20  # written files are listed one by one up to this many, else only counted

def _show(path: Path) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if rel.startswith("..") else rel


def report_lines(result: RenderResult, out: Path, lang: str) -> list[str]:
    lines = [t("render.skipped", lang, file=f, reason=r) for f, r in result.skipped]
    if len(result.written) <= LIST_MAX:
        lines += [t("render.wrote", lang, path=_show(p)) for p in result.written]
    lines.append(t("render.summary", lang, written=len(result.written), unchanged=len(result.unchanged),
                   skipped=len(result.skipped), out=_show(out)))
    return lines


def exit_code(result: RenderResult) -> int:
    failed_chart = any(not key.endswith(".yaml") for key, _ in result.skipped)
    power_drawn = any(not k.startswith("category/") for k in result.paths)
    all_skipped = bool(result.skipped) and not power_drawn
    return 1 if failed_chart or all_skipped else 0


def render_cmd(
    paths: list[Path] = typer.Argument(None, help=t("help.render.paths")),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help=t("help.render.out")),
    format: str = typer.Option("svg", "--format", "-f", help="|".join(FORMATS)),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help=t("help.render.jobs")),
    root: Optional[Path] = RootOpt,
    lang: Optional[str] = LangOpt,
) -> None:
    """The `render` command (its help: ``help.render.help`` in the locale files)."""
    lang = lang_of(lang)
    with user_errors(RenderError, lang=lang):
        base = resolve_root(root)
        target = out.resolve() if out is not None else base / "build" / "flowcharts"
        result = draw(base, paths or (), out=target, fmt=format, jobs=jobs, progress=interactive(), lang=lang)
    for line in report_lines(result, target, lang):
        typer.echo(line)
    raise typer.Exit(exit_code(result))


def register(app: typer.Typer) -> None:
    app.command("render", help=t("help.render.help"))(render_cmd)
