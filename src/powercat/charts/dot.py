"""DOT building: the three flowcharts as DOT source (external, internal swimlane, category).

Graphviz sizes every node from the font's real metrics (pango), so a label fits its box as long
as the text is broken into lines of sensible width: ``wrap`` does that, counting a CJK character
as two columns.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass, field
from contextlib import contextmanager
from typing import Any, Iterable, Iterator, Sequence

from powercat.catalog.enums import Category, ProcedureKind
from powercat.catalog.model import Channel, Department, Power, Step, TimeLimit
from powercat.catalog.profile import CategoryProfile

FONT = "Noto Sans CJK SC"
FONT_STACK = "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif"
LINE = 30  # columns per label line (a CJK character is two columns)


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
    """Text escaped for a Graphviz HTML-like label."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def quote(text: str) -> str:
    """A DOT double-quoted string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


@dataclass(frozen=True, slots=True)
class Html:
    """An HTML-like label (written between < and > instead of quotes)."""

    body: str


def box_label(title: str, rows: Iterable[tuple[str, Sequence[str]]], *, small: int = 10) -> Html:
    """A bold title over left-aligned "key：value" rows; each value is a list of lines."""
    head = "<br/>".join(html(t) for t in title.split("\n"))
    out = [f"<tr><td><b>{head}</b></td></tr>"]
    for key, lines in rows:
        for i, line in enumerate(lines):
            text = f"{key}：{line}" if i == 0 and key else "\u3000" * (len(key) + 1 if key else 0) + line
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
    solo: bool = False  # lay out in a process of its own (see render.render_sources)


STEP_STYLE = {
    "start": {"shape": "box", "style": "rounded,filled", "fillcolor": "#e4f2e4"},
    "task": {"shape": "box", "style": "filled", "fillcolor": "white"},
    "decision": {"shape": "hexagon", "style": "filled", "fillcolor": "#fdf3e1"},
    "end": {"shape": "box", "style": "rounded,filled", "fillcolor": "#e6edf7", "penwidth": 2},
}
NOTE = {"shape": "note", "style": "filled", "fillcolor": "#fffbe6", "color": "#b08a2e"}


def limit_text(limit: TimeLimit) -> str:
    return "当场" if limit == "on_the_spot" else f"{limit.days}个{limit.unit.label}"


def channel_text(ch: Channel) -> str:
    how = next((v for v in (ch.phone, ch.url, ch.email, ch.address) if v), "")
    return f"{ch.name} {how}".strip()


def channel_lines(ch: Channel, limit: int = LINE + 10) -> list[str]:
    """A channel on one line, or its name and then its contact when that is too long."""
    one = channel_text(ch)
    if columns(one) <= limit:
        return [one]
    how = one[len(ch.name):].strip()
    return [*wrap(ch.name, limit), *([how] if how else [])]


def _rows(step: Step, posts: dict[str, str]) -> list[tuple[str, list[str]]]:
    rows: list[tuple[str, list[str]]] = []
    if step.post:
        rows.append(("岗位", wrap(posts.get(step.post, step.post), LINE - 6)))
    if step.actor:
        rows.append(("主体", wrap(step.actor, LINE - 6)))
    if step.time_limit is not None:
        rows.append(("时限", [limit_text(step.time_limit)]))
    if step.rights:
        rows.append(("权利", wrap_items([r.label for r in step.rights], LINE - 6)))
    if step.documents:
        rows.append(("文书", wrap_items(step.documents, LINE - 6)))
    return rows


def step_summary(step: Step, posts: dict[str, str]) -> str:
    """「受理（窗口受理岗，1个工作日）」 for a chart's <desc>."""
    bits = [posts.get(step.post, step.post) if step.post else step.actor or ""]
    if step.time_limit is not None:
        bits.append(limit_text(step.time_limit))
    inner = "，".join(b for b in bits if b)
    return f"{step.name}（{inner}）" if inner else step.name


def draw_steps(g: Graph, steps: Sequence[Step], prefix: str, posts: dict[str, str]) -> list[str]:
    """Nodes and edges of one procedure; returns the ids of its end nodes."""
    ids = {s.id for s in steps}
    ends = []
    for s in steps:
        nid = prefix + s.id
        g.node(nid, label=box_label(s.name, _rows(s, posts)), **STEP_STYLE[s.type.value])
        if s.type.value == "end":
            ends.append(nid)
        if s.supervision:
            g.node(nid + "__sup", label=lines_label(["监督制约", *wrap(s.supervision, 24)], bold_first=True), **NOTE)
            g.edge(nid, nid + "__sup", style="dashed", arrowhead="none", color="#b08a2e")
            g.same_rank(nid, nid + "__sup")
    for s in steps:
        for _, to, when in s.targets():
            if to in ids:
                g.edge(prefix + s.id, prefix + to, label="\n".join(wrap(when, 16)) if when else None)
    return ends


def _limits(power: Power) -> str:
    tl = power.time_limit
    if tl is None:
        return ""
    parts = [(k, getattr(tl, a)) for k, a in (("法定时限", "statutory"), ("承诺时限", "promised"), ("可延长", "extension"))]
    return " · ".join(f"{k}：{limit_text(v)}" for k, v in parts if v is not None)


def external_chart(power: Power, index: int, department: Department | None) -> Chart:
    proc = power.procedures[index]
    posts = {p.id: p.name for p in department.posts} if department else {}
    pname = proc.name or proc.kind.label
    title = f"{power.name} 外部流程图（{pname}）"
    limits = _limits(power)
    g = new_graph(title, [title, f"事项编码：{power.code} · {power.category.label}", *([limits] if limits else [])])
    ends = draw_steps(g, proc.steps, "s_", posts)
    sups = [*power.supervision, *(department.supervision if department else [])]
    coms = [*power.complaints, *(department.complaints if department else [])]
    sup, com = [channel_text(c) for c in sups], [channel_text(c) for c in coms]
    if sup or com:
        rows = [("监督渠道", [x for c in sups for x in channel_lines(c)]), ("投诉举报", [x for c in coms for x in channel_lines(c)])]
        g.node("channels", label=box_label("监督与投诉", [r for r in rows if r[1]]), **NOTE)
        for e in ends:
            g.edge(e, "channels", style="invis")
    order = "；".join(step_summary(s, posts) for s in proc.steps)
    desc = f"“{power.name}”{pname}共 {len(proc.steps)} 个环节，依次为：{order}。"
    if limits:
        desc += limits.replace(" · ", "，") + "。"
    if com:
        desc += "投诉举报：" + "；".join(com) + "。"
    return Chart(f"{power.code}/external-{index}", f"{power.code}/external-{index}", title, desc, g.source())


def internal_chart(power: Power, department: Department | None) -> Chart:
    """Swimlanes: one column per post (the first column the external steps), one row per task."""
    posts = {p.id: p.name for p in department.posts} if department else {}
    names: dict[str, str] = {}
    order: dict[str, int] = {}
    for proc in power.procedures:
        for s in proc.steps:
            names.setdefault(s.id, s.name)
            order.setdefault(s.id, len(order))
    refinements = sorted(power.internal, key=lambda r: order.get(r.step, len(order)))
    lane_of: dict[str, int] = {}
    for ref in refinements:
        for task in ref.tasks:
            lane_of.setdefault(task.post, len(lane_of) + 1)
    cells: dict[tuple[int, int], dict[str, Any]] = {}
    rows: list[tuple[int, int]] = []  # (lane, row) of each task, in order
    for ref in refinements:
        step = names.get(ref.step, ref.step)
        if ref.tasks:
            cells[(0, len(rows))] = {"label": step, **STEP_STYLE["start"]}
        for task in ref.tasks:
            info = ([("时限", [limit_text(task.time_limit)])] if task.time_limit is not None else []) + [("外部环节", [step])]
            cells[(lane_of[task.post], len(rows))] = {"label": box_label("\n".join(wrap(task.duty or "办理", LINE)), info)}
            rows.append((lane_of[task.post], len(rows)))
    title = f"{power.name} 内部流程图"
    g = new_graph(title, [title, f"事项编码：{power.code} · 泳道：每个岗位一列"])
    g.attr(newrank=True)
    lanes = ["外部环节", *(posts.get(p, p) for p in lane_of)]
    for lane, name in enumerate(lanes):
        with g.cluster(f"lane{lane}", Html(f"<b>{html(name)}</b>"), style="filled", color="#9fb3c8",
                       fillcolor="#f3f6fa" if lane == 0 else "#fbfbfb"):
            for r in range(len(rows)):
                g.node(f"c{lane}_{r}", **cells.get((lane, r), {"label": "", "style": "invis", "width": 0.3, "height": 0.3}))
            for r in range(len(rows) - 1):
                g.edge(f"c{lane}_{r}", f"c{lane}_{r + 1}", style="invis", weight=20)
    for r in range(len(rows)):
        g.same_rank(*(f"c{lane}_{r}" for lane in range(len(lanes))))
    if rows:
        for lane in range(len(lanes) - 1):
            g.edge(f"c{lane}_0", f"c{lane + 1}_0", style="invis")
    for (la, ra), (lb, rb) in zip(rows, rows[1:]):
        g.edge(f"c{la}_{ra}", f"c{lb}_{rb}")
    for lane, r in rows:
        if (0, r) in cells:
            g.edge(f"c0_{r}", f"c{lane}_{r}", style="dashed", color="#9fb3c8")
    steps_text = "；".join(
        f"{names.get(ref.step, ref.step)}：" + " → ".join(
            f"{posts.get(t.post, t.post)}{t.duty or ''}" + (f"（{limit_text(t.time_limit)}）" if t.time_limit else "")
            for t in ref.tasks) for ref in refinements)
    desc = f"“{power.name}”内部流程图，泳道（岗位）：{'、'.join(lanes[1:])}。{steps_text}。"
    return Chart(f"{power.code}/internal", f"{power.code}/internal", title, desc, g.source())


def category_chart(category: Category, profile_cat: CategoryProfile) -> Chart:
    title = f"{category.label}类别流程图"
    most, ext = profile_cat.max_statutory, profile_cat.max_with_extension
    sub = [f"法定最长时限：{limit_text(most)}" + (f"（延长后最长 {limit_text(ext)}）" if ext else "")] if most else []
    g = new_graph(title, [title, *sub])
    parts = []
    for kind, proc in profile_cat.procedures.items():
        label = _kind_label(kind)
        with g.cluster(f"proc_{kind}", Html(f"<b>{html(label)}</b>"), color="#9fb3c8", style="rounded"):
            ends = draw_steps(g, proc.steps, f"{kind}_", {})
            g.node(f"{kind}__source", label=lines_label(["依据", *wrap(proc.source, 36)], bold_first=True), **NOTE)
            for e in ends:
                g.edge(e, f"{kind}__source", style="invis")
        parts.append(f"{label}：" + " → ".join(step_summary(s, {}) for s in proc.steps) + f"（依据：{proc.source}）")
    desc = f"{category.label}的标准流程。" + "；".join(parts) + "。"
    return Chart(f"category/{category.value}", f"categories/{category.value}", title, desc, g.source(), solo=True)


def _kind_label(kind: str) -> str:
    return ProcedureKind(kind).label if kind in ProcedureKind.__members__ else kind
