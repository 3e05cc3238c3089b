"""`powercat render` as a library call: flowcharts of a catalog as SVG, PNG or DOT files.

    result = render_catalog(Path("."), out=Path("build/flowcharts"))

Graphviz's processes are :mod:`powercat.charts.graphviz`'s: many graphs per ``dot`` process,
``jobs`` processes in parallel, each batch started while the next graphs are built. The DOT source of
every output is hashed into ``<out>/.powercat-render.json``: a graph whose source is unchanged
(and whose file is still there) is not rendered again, so an unchanged re-render starts no
Graphviz process at all.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

from powercat.charts.dot import FONT, FONT_STACK, Chart, html
from powercat.charts.flowcharts import category_chart, external_chart, internal_chart
from powercat.charts.graphviz import (  # noqa: F401 (the names render has always had)
    BATCH_MAX, Layouts, RenderError, dot_seconds, find_dot, render_sources, run_dot)
from powercat.charts.manifest import MANIFEST, Manifest
from powercat.catalog.cache import file_hash
from powercat.catalog.loader import Catalog, LoadedPower
from powercat.catalog.model import Department
from powercat.lint.diagnostics import Report
from powercat.i18n import DEFAULT_LANG, Message, pick_lang, t

FORMATS = ("svg", "png", "dot")
VERSION = "2"  # bump when the drawing changes, so every chart is drawn again

@dataclass(frozen=True, slots=True)
class Written:
    """A chart's file as written (its bytes are not kept: 16,815 charts would be 200 MB)."""

    digest: str


@dataclass
class RenderResult:
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file or chart, reason)
    paths: dict[str, Path] = field(default_factory=dict)  # chart key -> output file
    hashes: dict[str, str] = field(default_factory=dict)  # chart key -> digest of the file's bytes


# --- which charts ------------------------------------------------------------------------

def _selected(root: Path, file: str, paths: Sequence[Path]) -> bool:
    if not paths:
        return True
    here = (root / file).resolve()
    for given in paths:
        g = given.resolve()
        if g == here or g in here.parents:
            return True
        if g.name == "department.yaml" and g.parent == here.parent.parent:
            return True
    return False


def collect(catalog: Catalog, report: Report, paths: Sequence[Path] = (), lang: str | None = None,
            reuse: Callable[[LoadedPower], bool] = lambda lp: False, internal: bool = True,
            found: Callable[[Chart], None] = lambda chart: None) -> tuple[list[Chart], list[tuple[str, str]]]:
    """Every chart to draw (each told to ``found`` as soon as it is built), and the power files
    skipped because they have errors. Powers for which ``reuse`` says their charts are current
    get no chart built at all."""
    charts: list[Chart] = []
    skipped: list[tuple[str, str]] = []
    loaded = {lp.file: lp for lp in catalog.powers()}
    departments = catalog.departments
    categories = []
    for file in sorted({*loaded, *(d.file for d in report.diagnostics if "/powers/" in d.file)}):
        if not _selected(catalog.root, file, paths):
            continue
        errors = report.errors_in(file)
        if errors or file not in loaded:
            skipped.append((file, t("render.errors", lang, n=max(errors, 1))))
            continue
        if not reuse(loaded[file]):
            made = power_charts(loaded[file], departments.get(loaded[file].department), internal, lang)
            for chart in made:
                found(chart)
            charts += made
        categories.append(loaded[file].power.category)
    wanted = set(categories) if paths else set(catalog.profile.categories)
    for cat, cp in catalog.profile.categories.items():
        if cat in wanted and cp.procedures:
            charts.append(category_chart(cat, cp, lang))
            found(charts[-1])
    return charts, skipped


def power_charts(lp: LoadedPower, dept: Department | None, internal: bool = True, lang: str | None = None) -> list[Chart]:
    out = [external_chart(lp.power, i, dept, lang) for i in range(len(lp.power.procedures))]
    if internal and lp.power.internal:
        out.append(internal_chart(lp.power, dept, lang))
    return out


# --- SVG finishing -----------------------------------------------------------------------

_SVG_OPEN = re.compile(r"<svg\b[^>]*>")
_PAGE_ID = re.compile(r'id="page\d+,\d+_')
_CLUSTERS = re.compile(r'(?:<g id="clust\d+" class="cluster">\n.*?</g>\n)+', re.S)
_CLUSTER = re.compile(r'<g id="clust(\d+)" class="cluster">\n.*?</g>\n', re.S)


def canonical_svg(svg: str) -> str:
    """The same SVG whatever else its ``dot`` process drew before it.

    Graphviz 2.x keeps state across the graphs of one process: a later graph gets an id prefix
    (``page0,1_graph0``) and its clusters are written in an order that depends on memory
    addresses (the layout itself is the same). Drop the prefix and put clusters in id order.
    """
    svg = _PAGE_ID.sub('id="', svg)
    return _CLUSTERS.sub(lambda m: "".join(sorted(
        (c.group(0) for c in _CLUSTER.finditer(m.group(0))),
        key=lambda block: int(_CLUSTER.match(block).group(1)))), svg)  # type: ignore[union-attr]


def finish_svg(svg: str, chart: Chart) -> str:
    """The CJK font stack, and an accessible <title>/<desc> naming the chart in Chinese."""
    svg = canonical_svg(svg).replace(f'font-family="{FONT}"', f'font-family="{FONT_STACK}"')
    m = _SVG_OPEN.search(svg)
    if m is None:
        return svg
    ident = "pc-" + re.sub(r"[^A-Za-z0-9-]+", "-", chart.key)  # unique when several SVGs share a page
    tag = m.group(0)[:-1] + f' role="img" aria-labelledby="{ident}-title {ident}-desc">'
    head = f'\n<title id="{ident}-title">{html(chart.title)}</title>\n<desc id="{ident}-desc">{html(chart.desc)}</desc>'
    return svg[: m.start()] + tag + head + svg[m.end():]


def output_bytes(chart: Chart, fmt: str, laid_out: bytes | None) -> bytes:
    if fmt == "dot":
        return chart.source.encode("utf-8")
    assert laid_out is not None
    if fmt == "svg":
        return finish_svg(laid_out.decode("utf-8"), chart).encode("utf-8")
    return laid_out


def digest(chart: Chart, fmt: str) -> str:
    h = hashlib.sha256()
    for part in (VERSION, fmt, chart.title, chart.desc, chart.source):
        h.update(part.encode("utf-8") + b"\0")
    return h.hexdigest()


def input_digest(lp: LoadedPower, department_json: bytes, fmt: str) -> str:
    """What a power's charts are drawn from: the power, its department, the drawing version
    (the file's content digest from validate stands for the power when it is known)."""
    h = hashlib.sha256(f"{VERSION}\0{fmt}\0".encode())
    h.update(lp.digest.encode() if lp.digest else lp.power.model_dump_json().encode())
    h.update(department_json)
    return h.hexdigest()


# --- the library call --------------------------------------------------------------------

def render_catalog(
    catalog: Catalog,
    report: Report,
    paths: Sequence[Path] = (),
    *,
    out: Path = Path("build/flowcharts"),
    fmt: str = "svg",
    jobs: int | None = None,
    progress: bool = False,
    lang: str | None = None,
    internal: bool = True,
) -> RenderResult:
    """Draw the flowcharts of ``catalog`` (all, or the powers in ``paths``); ``report`` holds
    its findings: powers whose file has errors are skipped (listed in ``skipped``).

    A relative ``out`` is taken relative to the catalog's root. ``internal=False``: no internal
    charts, as for a public site.
    """
    if fmt not in FORMATS:
        raise RenderError("render.format", fmt=fmt)
    out = out if out.is_absolute() else catalog.root / out
    lang = pick_lang(lang)  # once: every label asks for it
    result = RenderResult()
    words = "" if lang == DEFAULT_LANG else f":{lang}"  # the charts' language
    manifest = Manifest.load(out, VERSION)  # outputs reused only as this machine drew them
    inputs, fresh_inputs = manifest.inputs, {}
    dept_json = {k: d.model_dump_json().encode() if d is not None else b"-" for k, d in catalog.departments.items()}

    def reuse(lp: LoadedPower) -> bool:
        """An unchanged power whose charts are all there as drawn: reuse them without building any DOT."""
        h = input_digest(lp, dept_json.get(lp.department, b"-"), fmt + ("" if internal else ":external") + words)
        known = inputs.get(lp.power.code)
        fresh_inputs[lp.power.code] = {"hash": h, "outputs": {}}
        if not isinstance(known, dict) or known.get("hash") != h:
            return False
        files = known.get("outputs", {})
        if not files or not all(isinstance(rel, str) and manifest.current(rel) for rel in files.values()):
            return False
        targets = {key: out / rel for key, rel in files.items()}
        result.paths.update(targets)
        result.unchanged.extend(targets.values())
        fresh_inputs[lp.power.code] = known
        return True

    todo: list[tuple[Chart, Path, str]] = []

    def finish(i: int, laid_out: bytes) -> Written:
        """A chart's file, written as soon as its batch is laid out (while later batches are
        still being drawn); only its digest is kept."""
        chart, target, _ = todo[i]
        data = output_bytes(chart, fmt, laid_out)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        return Written(file_hash(data))

    with Layouts(fmt, jobs or os.cpu_count() or 1, progress and t("render.progress", lang), finish) as layouts:

        def found(chart: Chart) -> None:
            """A chart is built: laid out at once unless it is there as drawn (Graphviz works while
            the next charts are built)."""
            target = out / f"{chart.stem}.{fmt}"
            h = digest(chart, fmt)
            result.paths[chart.key] = target
            if manifest.current(f"{chart.stem}.{fmt}", h):
                result.unchanged.append(target)
            else:
                todo.append((chart, target, h))
                layouts.add(chart.source, chart.solo)

        charts, result.skipped = collect(catalog, report, paths, lang, reuse, internal, found)
        laid = layouts.results()
    if todo:
        for (chart, target, h), res in zip(todo, laid):
            rel = target.relative_to(out).as_posix()
            if not isinstance(res, Written):  # Graphviz's error
                said = res.text(lang) if isinstance(res, Message) else t("render.graphviz", lang, detail=res)
                result.skipped.append((chart.key, said))
                result.paths.pop(chart.key, None)
                manifest.forget(rel)
                continue
            manifest.record(rel, h, res.digest)  # written by finish()
            result.written.append(target)
    for chart in charts:  # remember which outputs each power has, for the next run's reuse()
        code = chart.key.split("/", 1)[0]
        if code in fresh_inputs and chart.key in result.paths:
            fresh_inputs[code]["outputs"][chart.key] = f"{chart.stem}.{fmt}"
    for key, target in result.paths.items():
        entry = manifest.outputs.get(target.relative_to(out).as_posix())
        if entry is not None:
            result.hashes[key] = entry["hash"]
    if todo or fresh_inputs != inputs or not (out / MANIFEST).exists():
        manifest.inputs = {**inputs, **fresh_inputs}
        manifest.save()
    return result


def draw(root: Path, paths: Sequence[Path] = (), **options: Any) -> RenderResult:
    """`powercat render` as a library call: load the catalog under ``root``, lint it, and draw
    the charts of the powers in ``paths`` (all when empty) without errors."""
    from powercat.catalog.loader import load_catalog
    from powercat.lint.engine import lint, select

    catalog = load_catalog(root, keep_models=True)
    select(catalog, paths)  # a path that does not exist is a usage error
    return render_catalog(catalog, lint(catalog), paths, **options)
