"""Flowcharts inline in the pages: Graphviz's SVG made fit to sit inside HTML.

An ``<img>`` shrinks a chart to the column, so on a phone its smallest labels were 5–7 px. Inline,
the chart keeps its drawn size in ``rem`` (1 pt of the drawing = 4/3 CSS px at the browser's
default size, so a 10 pt label is 13.3 px, and 大字版 and the browser's font size scale it),
inside a box that scrolls both ways; the reader pans it, and chart.js adds zoom buttons.

:func:`inline_svg` drops the XML prolog, the DOCTYPE and the comments, and Graphviz's own ids
(``graph0``, ``node3`` …, the same in every chart: two charts on a page would repeat them),
keeps the chart's accessible ``<title>``/``<desc>`` (their ids are unique per chart), and
replaces the fixed width and height by a width in rem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

REM_PX = 17.0  # the site's root font size at 100 % (style.css: html { font-size: 106.25% })
_PROLOG = re.compile(r"^.*?(?=<svg\b)", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_GV_ID = re.compile(r' id="(?:graph|node|edge|clust|a_node|a_edge)\d+[^"]*"')
_SIZE = re.compile(r'<svg\b([^>]*?)\swidth="([\d.]+)pt"\s+height="([\d.]+)pt"', re.S)


@dataclass(frozen=True, slots=True)
class InlineChart:
    svg: str  # the <svg> element, ready to sit in the page
    width_rem: float  # its drawn width
    path: str  # the chart's own file in the site (opened alone)


def inline_svg(text: str, path: str) -> InlineChart | None:
    """``text`` (a chart as powercat render writes it) as an inline chart, or None when it is no SVG."""
    body = _COMMENT.sub("", _PROLOG.sub("", text, count=1))
    size = _SIZE.search(body)
    if not body.startswith("<svg") or size is None:
        return None
    width_px = float(size.group(2)) * 4 / 3
    rem = round(width_px / REM_PX, 2)
    head = f'<svg{size.group(1)} class="chart" style="width:{rem}rem"'
    body = body[: size.start()] + head + body[size.end():]
    body = _GV_ID.sub("", body)
    return InlineChart(body.strip() + "\n", rem, path)


@dataclass(frozen=True, slots=True)
class ChartFile:
    """A chart copied into the site, made inline only when its page is rendered (in the worker
    that renders it: 10,000 charts are never held at once)."""

    src: Path  # the drawn chart
    path: str  # its file in the site

    def inline(self) -> InlineChart | None:
        return inline_svg(self.src.read_text(encoding="utf-8"), self.path)


def inlined(chart: "ChartFile | InlineChart | None") -> InlineChart | None:
    return chart.inline() if isinstance(chart, ChartFile) else chart
