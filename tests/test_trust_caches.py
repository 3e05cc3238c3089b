"""Caches and output folders are an optimisation, never an input: what a pull request commits
under .powercat/ or an output folder, or what was edited there since, is drawn or computed again,
never published as it is (docs/security.md)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import time
from pathlib import Path

import orjson
import pytest
from typer.testing import CliRunner

from powercat.catalog.cache import Cache, file_hash
from powercat.catalog.model import Power
from powercat.charts.manifest import MANIFEST
from powercat.cli import app
from powercat.lint.engine import validate

from .conftest import CASES, write_repo

runner = CliRunner()
BASE = (CASES / "_power.yaml").read_text(encoding="utf-8")
POWER = "catalogs/demo/powers/XK-DEMO-001.yaml"
SCRIPT = "<script>alert(document.cookie)</script>"


def _cli(*args: str):  # noqa: ANN202
    return runner.invoke(app, list(args))


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "repo").mkdir()
    return write_repo(tmp_path / "repo", {POWER: BASE})


def _publish(root: Path, out: Path, *more: str):  # noqa: ANN202
    result = _cli("publish", "--root", str(root), "--out", str(out), "--no-fulltext", *more)
    assert result.exit_code == 0, result.output
    return result


def _forge_models(root: Path, sealed_by_us: bool) -> None:
    """A models cache whose entry for the power (right key, right digest) says a fee of 5000 元."""
    data = Power.model_validate(__import__("yaml").safe_load(BASE)).model_dump(mode="json", exclude_defaults=True)
    data["fee"] = {"charged": True, "standard": "每件 5000 元"}
    forged = Cache(root, "models", name="models")
    forged.put(POWER, file_hash((root / POWER).read_bytes()), Power.model_validate(data).model_dump_json())
    if sealed_by_us:  # sealed here, then edited: the seal no longer fits
        forged.save()
        head, _, body = forged.path.read_bytes().partition(b"\n")
        forged.path.write_bytes(head + b"\n" + body.replace(b"5000", b"6000"))
    else:  # committed by someone else: a seal made with another secret
        body = orjson.dumps(forged.fresh)
        forged.path.parent.mkdir(parents=True, exist_ok=True)
        forged.path.write_bytes(orjson.dumps({"key": forged.key, "mac": "ab" * 64}) + b"\n" + body)


@pytest.mark.parametrize("sealed_by_us", [False, True])
def test_a_crafted_models_cache_never_reaches_the_site(root: Path, tmp_path: Path, sealed_by_us: bool) -> None:
    _forge_models(root, sealed_by_us)
    out = tmp_path / "site"
    _publish(root, out, "--no-flowcharts")
    page = (out / "powers/XK-DEMO-001/index.html").read_text(encoding="utf-8")
    assert "5000" not in page and "6000" not in page
    assert "5000" not in (out / "data/powers.json").read_text(encoding="utf-8")


def test_a_same_size_edit_with_the_old_mtime_is_seen(root: Path) -> None:
    path = root / POWER
    assert not validate(root).diagnostics
    stat = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("category: licensing", "category: licencing"), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size and path.stat().st_mtime_ns == stat.st_mtime_ns
    assert [d.code for d in validate(root).diagnostics] == ["PC101"]


def _render(root: Path, out: Path):  # noqa: ANN202
    result = _cli("render", "--root", str(root), "--out", str(out))
    assert result.exit_code == 0, result.output
    return result


def _summary(result) -> tuple[int, int]:  # noqa: ANN001
    m = re.search(r"新绘制 (\d+) 张，未改动 (\d+) 张", result.output)
    assert m, result.output
    return int(m[1]), int(m[2])


def test_render_checks_its_outputs_before_reusing_them(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "charts"
    drawn, _ = _summary(_render(root, out))
    assert _summary(_render(root, out)) == (0, drawn)  # unchanged: nothing drawn
    chart = out / "XK-DEMO-001" / "external-0.svg"
    good = chart.read_bytes()
    chart.write_bytes(b"")  # emptied
    assert _summary(_render(root, out)) == (1, drawn - 1) and chart.read_bytes() == good
    same_size = good.replace(b"</svg>", b"<!---->").ljust(len(good), b" ")[: len(good)]
    chart.write_bytes(same_size)  # replaced, same size, mtime kept
    os.utime(chart, ns=(0, 0))
    assert _summary(_render(root, out)) == (1, drawn - 1) and chart.read_bytes() == good
    category = next((out / "categories").iterdir())
    category.write_bytes(category.read_bytes().replace(b"</svg>", SCRIPT.encode() + b"</svg>"))
    assert _summary(_render(root, out)) == (1, drawn - 1) and SCRIPT.encode() not in category.read_bytes()


def test_a_manifest_not_sealed_here_is_ignored(root: Path, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    out = tmp_path / "charts"
    drawn, _ = _summary(_render(root, out))
    chart = out / "XK-DEMO-001" / "external-0.svg"
    chart.write_bytes(chart.read_bytes().replace(b"</svg>", SCRIPT.encode() + b"</svg>"))
    head, _, body = (out / MANIFEST).read_bytes().partition(b"\n")
    manifest = orjson.loads(body)
    manifest["outputs"]["XK-DEMO-001/external-0.svg"]["hash"] = file_hash(chart.read_bytes())
    body = orjson.dumps(manifest)
    (out / MANIFEST).write_bytes(head + b"\n" + body + b"\n")  # the hash fits, the seal does not
    assert _summary(_render(root, out)) == (drawn, 0) and SCRIPT.encode() not in chart.read_bytes()
    _render(root, out)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "another-machine"))
    assert _summary(_render(root, out)) == (drawn, 0)  # sealed by another machine's secret


@pytest.mark.parametrize("where", [".powercat/flowcharts", "build/flowcharts"])
def test_a_tampered_chart_in_a_folder_publish_reuses_is_never_published(root: Path, tmp_path: Path, where: str) -> None:
    if where == "build/flowcharts":
        _render(root, root / where)
    _publish(root, tmp_path / "first")
    charts = root / where
    svgs = sorted(charts.rglob("*.svg"))
    assert svgs
    for svg in svgs:
        svg.write_bytes(svg.read_bytes().replace(b"</svg>", SCRIPT.encode() + b"</svg>"))
    (charts / "XK-DEMO-001" / "external-9.svg").write_text(f"<svg>{SCRIPT}</svg>", encoding="utf-8")
    out = tmp_path / "site"
    _publish(root, out)
    published = list(out.rglob("*.svg"))
    assert published and not [p for p in published if SCRIPT.encode() in p.read_bytes()]
    for page in out.rglob("*.html"):
        assert SCRIPT not in page.read_text(encoding="utf-8")


def test_init_ignores_everything_powercat_keeps_under_dot_powercat(tmp_path: Path) -> None:
    target = tmp_path / "new"
    result = _cli("init", str(target))
    assert result.exit_code == 0, result.output
    if not (target / ".git").exists():
        subprocess.run(["git", "init", "-q", str(target)], check=True)
    made = [".powercat/cache/validate.json", ".powercat/flowcharts/XK-1/external-0.svg",
            ".powercat/flowcharts/.powercat-render.json", ".powercat/laws/index.json", "build/site/index.html"]
    for rel in made:
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        (target / rel).write_text("x", encoding="utf-8")
    done = subprocess.run(["git", "-C", str(target), "check-ignore", *made], capture_output=True, text=True)
    assert done.stdout.split() == made


def _long_power(n: int = 3000) -> str:
    """A power of n steps whose edges cross everywhere: Graphviz does not finish laying it out."""
    steps = ["      - {id: s0, name: 申请, type: start, actor: 申请人, next: [s1]}"]
    names = {1: "受理", n - 1: "决定"}
    for i in range(1, n):
        jump = (i * 37) % (n - 1) + 1
        nxt = f"s{i + 1}" + (f", s{jump}" if jump not in (i, i + 1) else "")
        steps.append(f"      - {{id: s{i}, name: {names.get(i, f'审查{i}')}, post: reviewer, "
                     f"time_limit: on_the_spot, next: [{nxt}]}}")
    steps.append(f"      - {{id: s{n}, name: 送达, type: end}}")
    head = BASE[: BASE.index("procedures:")]
    return head + "procedures:\n  - kind: general\n    steps:\n" + "\n".join(steps) + "\n"


def test_graphviz_has_a_time_per_chart(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    (tmp_path / "repo").mkdir()
    root = write_repo(tmp_path / "repo", {POWER: _long_power(), "catalogs/demo/powers/XK-DEMO-002.yaml":
                                          BASE.replace("XK-DEMO-001", "XK-DEMO-002")})
    monkeypatch.setenv("POWERCAT_DOT_TIMEOUT", "2")
    start = time.perf_counter()
    result = _cli("render", "--root", str(root), "--out", str(tmp_path / "charts"), "--jobs", "1")
    assert time.perf_counter() - start < 60
    assert result.exit_code == 1, result.output
    assert "跳过 XK-DEMO-001/external-0：Graphviz 绘制这张图超过 2 秒仍未完成" in result.output
    assert (tmp_path / "charts/XK-DEMO-002/external-0.svg").stat().st_size > 1000  # the rest are drawn
    assert json.loads((tmp_path / "charts" / MANIFEST).read_bytes().partition(b"\n")[2])["outputs"]
