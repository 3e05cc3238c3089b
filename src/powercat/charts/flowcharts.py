"""The three flowcharts as DOT source: a power's external procedure, its internal swimlanes, and a
category's standard procedure. Their words (labels, titles, the accessible descriptions) are in
the chosen language (``chart`` in locales/<lang>/charts.yaml); the catalog's content is as written.
"""

from __future__ import annotations

from typing import Any, Sequence

from powercat import i18n
from powercat.catalog import timelimits as tl
from powercat.catalog.enums import Category
from powercat.catalog.flow import procedure_label
from powercat.catalog.model import Channel, Department, Power, Step
from powercat.catalog.profile import CategoryProfile
from powercat.charts.dot import LINE, Chart, Graph, Html, box_label, columns, html, lines_label, new_graph, wrap, wrap_items

STEP_STYLE = {
    "start": {"shape": "box", "style": "rounded,filled", "fillcolor": "#e4f2e4"},
    "task": {"shape": "box", "style": "filled", "fillcolor": "white"},
    "decision": {"shape": "diamond", "style": "filled", "fillcolor": "#fdf3e1", "margin": "0.02,0.02"},
    "end": {"shape": "box", "style": "rounded,filled", "fillcolor": "#e6edf7", "penwidth": 2},
}
NOTE = {"shape": "note", "style": "filled", "fillcolor": "#fffbe6", "color": "#b08a2e"}
Rows = list[tuple[str, list[str]]]


def _t(key: str, lang: str | None, **args: Any) -> str:
    return i18n.t(f"chart.{key}", lang, **args)


def _punct(key: str, lang: str | None, **args: Any) -> str:
    return i18n.t(f"punct.{key}", lang, **args)


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


def _box(title: str, rows: Rows, lang: str | None) -> Html:
    return box_label(title, rows, colon=_punct("colon", lang), pad=_punct("indent", lang))


def _rows(step: Step, posts: dict[str, str], lang: str | None) -> Rows:
    rows: Rows = []
    if step.post:
        rows.append((_t("post", lang), wrap(posts.get(step.post, step.post), LINE - 6)))
    if step.actor:
        rows.append((_t("actor", lang), wrap(step.actor, LINE - 6)))
    if step.time_limit is not None:
        rows.append((_t("limit", lang), [tl.text(step.time_limit, lang)]))
    if step.rights:
        rights = [i18n.label("enum.RightType", r, lang) for r in step.rights]
        rows.append((_t("rights", lang), wrap_items(rights, LINE - 6, _punct("list", lang))))
    if step.documents:
        rows.append((_t("documents", lang), wrap_items(step.documents, LINE - 6, _punct("list", lang))))
    return rows


def step_summary(step: Step, posts: dict[str, str], lang: str | None = None) -> str:
    """「受理（窗口受理岗，1个工作日）」 for a chart's <desc>."""
    bits = [posts.get(step.post, step.post) if step.post else step.actor or ""]
    if step.time_limit is not None:
        bits.append(tl.text(step.time_limit, lang))
    inner = _punct("comma", lang).join(b for b in bits if b)
    return step.name + _punct("paren", lang, text=inner) if inner else step.name


def draw_steps(g: Graph, steps: Sequence[Step], prefix: str, posts: dict[str, str], lang: str | None) -> list[str]:
    """Nodes and edges of one procedure; returns the ids of its end nodes."""
    ids = {s.id for s in steps}
    ends = []
    for s in steps:
        nid = prefix + s.id
        g.node(nid, label=_box(s.name, _rows(s, posts, lang), lang), **STEP_STYLE[s.type.value])
        if s.type.value == "end":
            ends.append(nid)
        if s.supervision:
            note = lines_label([_t("supervision", lang), *wrap(s.supervision, 24)], bold_first=True)
            g.node(nid + "__sup", label=note, **NOTE)
            g.edge(nid, nid + "__sup", style="dashed", arrowhead="none", color="#b08a2e")
            g.same_rank(nid, nid + "__sup")
    for s in steps:
        for _, to, when in s.targets():
            if to in ids:
                g.edge(prefix + s.id, prefix + to, label="\n".join(wrap(when, 16)) if when else None)
    return ends


def _limits(power: Power, lang: str | None) -> list[str]:
    limits = power.time_limit
    if limits is None:
        return []
    parts = [(key, getattr(limits, key)) for key in ("statutory", "promised", "extension")]
    colon = _punct("colon", lang)
    return [f"{_t(key, lang)}{colon}{tl.text(v, lang)}" for key, v in parts if v is not None]


# --- the external flowchart ----------------------------------------------------------------

def _channels(g: Graph, power: Power, department: Department | None, ends: list[str], lang: str | None) -> list[str]:
    """The note of supervision and complaint channels; returns the complaint channels' texts."""
    sups = [*power.supervision, *(department.supervision if department else [])]
    coms = [*power.complaints, *(department.complaints if department else [])]
    if sups or coms:
        rows = [(_t("supervision_channels", lang), [x for c in sups for x in channel_lines(c)]),
                (_t("complaint_channels", lang), [x for c in coms for x in channel_lines(c)])]
        g.node("channels", label=_box(_t("channels", lang), [r for r in rows if r[1]], lang), **NOTE)
        for e in ends:
            g.edge(e, "channels", style="invis")
    return [channel_text(c) for c in coms]


def external_chart(power: Power, index: int, department: Department | None, lang: str | None = None) -> Chart:
    proc = power.procedures[index]
    posts = {p.id: p.name for p in department.posts} if department else {}
    pname = procedure_label(proc, lang)
    title = _t("external_title", lang, name=power.name, procedure=pname)
    limits = _limits(power, lang)
    category = i18n.label("enum.Category", power.category, lang)
    head = [title, _t("code_line", lang, code=power.code, category=category)]
    g = new_graph(title, head + ([" · ".join(limits)] if limits else []))
    complaints = _channels(g, power, department, draw_steps(g, proc.steps, "s_", posts, lang), lang)
    order = _punct("semicolon", lang).join(step_summary(s, posts, lang) for s in proc.steps)
    desc = _t("external_desc", lang, name=power.name, procedure=pname, count=len(proc.steps), steps=order)
    if limits:
        desc += _t("sentence", lang, text=_punct("comma", lang).join(limits))
    if complaints:
        desc += _t("complaints_desc", lang, channels=_punct("semicolon", lang).join(complaints))
    key = f"{power.code}/external-{index}"
    return Chart(key, key, title, desc, g.source())


# --- the internal (swimlane) flowchart -----------------------------------------------------

def _step_names(power: Power) -> tuple[dict[str, str], dict[str, int]]:
    names: dict[str, str] = {}
    order: dict[str, int] = {}
    for proc in power.procedures:
        for s in proc.steps:
            names.setdefault(s.id, s.name)
            order.setdefault(s.id, len(order))
    return names, order


def _cells(refinements: list[Any], names: dict[str, str], lane_of: dict[str, int], lang: str | None,
           ) -> tuple[dict[tuple[int, int], dict[str, Any]], list[tuple[int, int]]]:
    """The swimlane cells by (lane, row), and the (lane, row) of each task in order."""
    cells: dict[tuple[int, int], dict[str, Any]] = {}
    rows: list[tuple[int, int]] = []
    for ref in refinements:
        step = names.get(ref.step, ref.step)
        if ref.tasks:
            cells[(0, len(rows))] = {"label": step, **STEP_STYLE["start"]}
        for task in ref.tasks:
            info = [(_t("limit", lang), [tl.text(task.time_limit, lang)])] if task.time_limit is not None else []
            info.append((_t("external_step", lang), [step]))
            duty = "\n".join(wrap(task.duty or _t("task", lang), LINE))
            cells[(lane_of[task.post], len(rows))] = {"label": _box(duty, info, lang)}
            rows.append((lane_of[task.post], len(rows)))
    return cells, rows


def _lanes(g: Graph, lanes: list[str], cells: dict[tuple[int, int], dict[str, Any]], rows: list[tuple[int, int]]) -> None:
    hidden = {"label": "", "style": "invis", "width": 0.3, "height": 0.3}
    for lane, name in enumerate(lanes):
        with g.cluster(f"lane{lane}", Html(f"<b>{html(name)}</b>"), style="filled", color="#9fb3c8",
                       fillcolor="#f3f6fa" if lane == 0 else "#fbfbfb"):
            for r in range(len(rows)):
                g.node(f"c{lane}_{r}", **cells.get((lane, r), hidden))
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


def _tasks_text(refinements: list[Any], names: dict[str, str], posts: dict[str, str], lang: str | None) -> str:
    def task(x: Any) -> str:
        limit = _punct("paren", lang, text=tl.text(x.time_limit, lang)) if x.time_limit else ""
        return _t("task_desc", lang, post=posts.get(x.post, x.post), duty=x.duty or "") + limit

    colon = _punct("colon", lang)
    return _punct("semicolon", lang).join(
        f"{names.get(ref.step, ref.step)}{colon}" + " → ".join(task(x) for x in ref.tasks) for ref in refinements)


def internal_chart(power: Power, department: Department | None, lang: str | None = None) -> Chart:
    """Swimlanes: one column per post (the first column the external steps), one row per task."""
    posts = {p.id: p.name for p in department.posts} if department else {}
    names, order = _step_names(power)
    refinements = sorted(power.internal, key=lambda r: order.get(r.step, len(order)))
    lane_of: dict[str, int] = {}
    for ref in refinements:
        for task in ref.tasks:
            lane_of.setdefault(task.post, len(lane_of) + 1)
    cells, rows = _cells(refinements, names, lane_of, lang)
    title = _t("internal_title", lang, name=power.name)
    g = new_graph(title, [title, _t("internal_sub", lang, code=power.code)])
    g.attr(newrank=True)
    lanes = [_t("external_step", lang), *(posts.get(p, p) for p in lane_of)]
    _lanes(g, lanes, cells, rows)
    desc = _t("internal_desc", lang, name=power.name, lanes=i18n.join(lanes[1:], lang),
              steps=_tasks_text(refinements, names, posts, lang))
    return Chart(f"{power.code}/internal", f"{power.code}/internal", title, desc, g.source())


# --- the category flowchart ----------------------------------------------------------------

def category_chart(category: Category, profile_cat: CategoryProfile, lang: str | None = None) -> Chart:
    name = i18n.label("enum.Category", category, lang)
    title = _t("category_title", lang, category=name)
    most, ext = profile_cat.max_statutory, profile_cat.max_with_extension
    longest = _t("category_max", lang, limit=tl.text(most, lang))
    sub = [longest + (_t("category_max_ext", lang, limit=tl.text(ext, lang)) if ext else "")] if most else []
    g = new_graph(title, [title, *sub])
    parts = []
    for kind, proc in profile_cat.procedures.items():
        label = i18n.label("enum.ProcedureKind", kind, lang)
        with g.cluster(f"proc_{kind}", Html(f"<b>{html(label)}</b>"), color="#9fb3c8", style="rounded"):
            ends = draw_steps(g, proc.steps, f"{kind}_", {}, lang)
            basis = lines_label([_t("basis", lang), *wrap(proc.source, 36)], bold_first=True)
            g.node(f"{kind}__source", label=basis, **NOTE)
            for e in ends:
                g.edge(e, f"{kind}__source", style="invis")
        steps = " → ".join(step_summary(s, {}, lang) for s in proc.steps)
        parts.append(_t("category_part", lang, label=label, steps=steps, source=proc.source))
    desc = _t("category_desc", lang, category=name, parts=_punct("semicolon", lang).join(parts))
    return Chart(f"category/{category.value}", f"categories/{category.value}", title, desc, g.source(), solo=True)
