"""DOT building blocks: labels, a deterministic graph writer, powercat's look (the three
flowcharts themselves are in :mod:`powercat.charts.flowcharts`).

Graphviz sizes every node from the font's real metrics (pango), so a label fits its box as long
as the text is broken into lines of sensible width: ``wrap`` does that, counting a CJK character
as two columns.
"""

from __future__ import annotations

import math
import unicodedata
from functools import lru_cache
from dataclasses import dataclass, field
from contextlib import contextmanager
from typing import Iterable, Iterator, Sequence

from powercat.safe import xml_text


FONT = "Noto Sans CJK SC"
FONT_STACK = "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif"
LINE = 30  # columns per label line (a CJK character is two columns)


@lru_cache(maxsize=65536)  # single characters and labels repeat across charts
def columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrap(text: str, limit: int = LINE) -> list[str]:
    """``text`` broken into lines of at most ``limit`` columns (explicit newlines kept)."""
    lines: list[str] = []
    for para in text.splitlines() or [""]:
        para = para.strip()
        total = columns(para)
        width = min(limit, math.ceil(total / math.ceil(total / limit)) + 1) if total > limit else limit  # even lines
        line, used = "", 0
        for ch in para:
            w = columns(ch)
            if used + w > width and line:
                lines.append(line)
                line, used = "", 0
            line, used = line + ch, used + w
        lines.append(line)
    return lines


def wrap_items(items: Sequence[str], limit: int = LINE, sep: str = "、") -> list[str]:
    """Items joined by ``sep``, breaking lines between items where possible."""
    lines: list[str] = []
    line = ""
    for item in items:
        candidate = f"{line}{sep}{item}" if line else item
        if line and columns(candidate) > limit:
            lines.append(line + sep)
            candidate = item
        line = candidate
    if line:
        lines.append(line)
    return [piece for ln in lines for piece in wrap(ln, limit)]


def html(text: str) -> str:
    """Text escaped for a Graphviz HTML-like label (XML: no control character either)."""
    return (xml_text(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def quote(text: str) -> str:
    """A DOT double-quoted string (no control character: Graphviz stops at some)."""
    return '"' + xml_text(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


@dataclass(frozen=True, slots=True)
class Html:
    """An HTML-like label (written between < and > instead of quotes)."""

    body: str


def box_label(title: str, rows: Iterable[tuple[str, Sequence[str]]], *, small: int = 10, colon: str = "：",
              pad: str = "\u3000") -> Html:
    """A bold title over left-aligned "key：value" rows; each value is a list of lines (the
    following ones indented by the width of "key：" in ``pad`` characters)."""
    head = "<br/>".join(html(t) for t in title.split("\n"))
    out = [f"<tr><td><b>{head}</b></td></tr>"]
    for key, lines in rows:
        indent = pad * (columns(key + colon) // max(1, columns(pad)) if key else 0)
        for i, line in enumerate(lines):
            text = f"{key}{colon}{line}" if i == 0 and key else indent + line
            out.append(f'<tr><td align="left"><font point-size="{small}">{html(text)}</font></td></tr>')
    return Html('<table border="0" cellborder="0" cellspacing="0" cellpadding="1">' + "".join(out) + "</table>")


def lines_label(lines: Sequence[str], *, bold_first: bool = False, size: int = 10, align: str = "left") -> Html:
    """Lines of text (a note, a title): the first may be bold."""
    rows = []
    for i, line in enumerate(lines):
        text = f"<b>{html(line)}</b>" if bold_first and i == 0 else html(line)
        rows.append(f'<tr><td align="{align}"><font point-size="{size}">{text}</font></td></tr>')
    return Html('<table border="0" cellborder="0" cellspacing="0" cellpadding="1">' + "".join(rows) + "</table>")


def _value(v: object) -> str:
    if isinstance(v, Html):
        return f"<{v.body}>"
    if isinstance(v, bool):
        return "true" if v else "false"
    return quote(str(v))


def attrs(**kw: object) -> str:
    """``[a="1", b=<...>]`` in keyword order; None values left out."""
    items = [f"{k.rstrip('_')}={_value(v)}" for k, v in kw.items() if v is not None]
    return f" [{', '.join(items)}]" if items else ""


@dataclass
class Graph:
    """A digraph written line by line: deterministic, in the order things are added."""

    name: str
    lines: list[str] = field(default_factory=list)
    nodes: set[str] = field(default_factory=set)
    depth: int = 1

    def add(self, line: str) -> None:
        self.lines.append("  " * self.depth + line)

    def set(self, kind: str, **kw: object) -> None:
        self.add(f"{kind}{attrs(**kw)};")

    def attr(self, **kw: object) -> None:
        for k, v in kw.items():
            if v is not None:
                self.add(f"{k}={_value(v)};")

    def node(self, nid: str, **kw: object) -> None:
        self.nodes.add(nid)
        self.add(f"{quote(nid)}{attrs(**kw)};")

    def edge(self, a: str, b: str, **kw: object) -> None:
        self.add(f"{quote(a)} -> {quote(b)}{attrs(**kw)};")

    def same_rank(self, *nids: str) -> None:
        self.add("{rank=same; " + " ".join(quote(n) for n in nids) + "}")

    @contextmanager
    def cluster(self, cid: str, label: str | Html | None = None, **kw: object) -> Iterator["Graph"]:
        self.add(f"subgraph {quote('cluster_' + cid)} {{")
        self.depth += 1
        self.attr(label=label, **kw)
        try:
            yield self
        finally:
            self.depth -= 1
            self.add("}")

    def source(self) -> str:
        return f"digraph {quote(self.name)} {{\n" + "\n".join(self.lines) + "\n}\n"


def new_graph(name: str, title: Sequence[str]) -> Graph:
    """A graph with powercat's look: CJK font, title on top, readable spacing."""
    g = Graph(name)
    g.attr(rankdir="TB", charset="UTF-8", fontname=FONT, fontsize=14, labelloc="t",
           label=lines_label(title, bold_first=True, size=14, align="center"), nodesep=0.35, ranksep=0.4,
           pad=0.2, bgcolor="white")
    g.set("node", fontname=FONT, fontsize=12, shape="box", style="filled", fillcolor="white",
          color="#3b5b80", margin="0.12,0.06")
    g.set("edge", fontname=FONT, fontsize=10, color="#3b5b80", fontcolor="#7a3b00")
    return g


# --- the flowcharts ----------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Chart:
    """One flowchart: its key in RenderResult.paths, output stem, accessible title/desc, DOT."""

    key: str
    stem: str
    title: str
    desc: str
    source: str
    solo: bool = False  # lay out in a process of its own (see graphviz.Layouts)
