"""Benchmark: drawing a catalog's flowcharts the naive way vs the powercat way.

    .venv/bin/python benchmarks/bench_render.py [--powers 300] [--jobs N]

Builds a temporary catalog of N powers (each with two procedures and an internal flow, so
3 charts a power, plus the category charts), validates it once, then times:

* naive: one ``graphviz.Source(dot).pipe()`` per graph (one Graphviz process each, in turn),
  writing each SVG;
* powercat: ``render_catalog`` (batched ``dot -O`` processes, ``--jobs`` in parallel, SVGs
  finished and written);
* powercat again with nothing changed (no Graphviz process at all).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import graphviz

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from powercat.catalog.loader import load_catalog  # noqa: E402
from powercat.lint.engine import lint  # noqa: E402
from powercat.charts.render import collect, finish_svg, render_catalog  # noqa: E402
from tests.conftest import write_repo  # noqa: E402
from tests.test_render import power_yaml  # noqa: E402

NAMES = ["建筑工程施工许可证核发", "城镇污水排入排水管网许可", "燃气经营许可证核发", "房屋建筑工程竣工验收备案",
         "商品房预售许可", "建筑业企业资质核准", "临时占用城市道路许可", "城市建筑垃圾处置核准"]


def build(root: Path, n: int) -> Path:
    files = {}
    for i in range(n):
        code = f"XK-BENCH-{i:04d}"
        files[f"catalogs/demo/powers/{code}.yaml"] = power_yaml(code, f"{NAMES[i % len(NAMES)]}（{i}）")
    root.mkdir(parents=True)
    return write_repo(root, files)


def naive(catalog, report, out: Path) -> int:  # noqa: ANN001
    charts, _ = collect(catalog, report)
    for chart in charts:
        svg = graphviz.Source(chart.source).pipe(format="svg").decode("utf-8")
        target = out / f"{chart.stem}.svg"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(finish_svg(svg, chart), encoding="utf-8")
    return len(charts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--powers", type=int, default=300)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="powercat-bench-") as tmp:
        root = build(Path(tmp) / "repo", args.powers)
        catalog = load_catalog(root, keep_models=True, use_cache=False)
        report = lint(catalog)
        assert not report.diagnostics, report.diagnostics[:3]

        t0 = time.perf_counter()
        graphs = naive(catalog, report, Path(tmp) / "naive")
        t_naive = time.perf_counter() - t0

        t0 = time.perf_counter()
        result = render_catalog(catalog, report, out=Path(tmp) / "pc", jobs=args.jobs)
        t_pc = time.perf_counter() - t0
        assert len(result.written) == graphs and not result.skipped

        t0 = time.perf_counter()
        again = render_catalog(catalog, report, out=Path(tmp) / "pc", jobs=args.jobs)
        t_again = time.perf_counter() - t0
        assert len(again.unchanged) == graphs

    print(f"{args.powers} powers, {graphs} graphs, {os.cpu_count()} CPUs, --jobs {args.jobs}")
    print(f"naive    (one graphviz pipe() per graph): {t_naive:7.2f} s  ({1000 * t_naive / graphs:.1f} ms/graph)")
    print(f"powercat (batched dot -O, parallel):      {t_pc:7.2f} s  ({1000 * t_pc / graphs:.1f} ms/graph)")
    print(f"powercat, nothing changed:                {t_again:7.2f} s")
    print(f"speed-up: {t_naive / t_pc:.1f}x (first render), {t_naive / t_again:.0f}x (unchanged re-render)")


if __name__ == "__main__":
    main()
