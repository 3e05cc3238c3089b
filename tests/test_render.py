"""`powercat render`: real Graphviz output opened and checked (nodes, labels, lanes, PNG size)."""

from __future__ import annotations

import struct
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from powercat.charts import graphviz as graphviz_mod
from powercat.cli import app
from powercat.charts.dot import FONT_STACK, columns, wrap, wrap_items
from powercat.charts.render import BATCH_MAX, Layouts, draw, run_dot

from .conftest import CASES, write_repo

SVG = "{http://www.w3.org/2000/svg}"
POWER = "catalogs/demo/powers/XK-DEMO-001.yaml"
STEPS = """procedures:
  - kind: general
    steps:
      - {id: apply, name: 申请, type: start, actor: 申请人, next: [accept]}
      - id: accept
        name: 受理
        post: window
        time_limit: {days: 1, unit: working}
        documents: [受理通知书, 不予受理决定书, 补正材料通知书]
        supervision: 窗口负责人每日抽查受理台账
        next: [{to: review, when: 材料齐全、符合法定形式}, {to: reject, when: 不符合受理条件}]
      - {id: reject, name: 不予受理, type: end, rights: [explanation, reconsideration, litigation]}
      - {id: review, name: 审查, type: decision, post: reviewer, time_limit: {days: 2, unit: working}, rights: [statement, defense], next: [decide]}
      - {id: decide, name: 决定, post: chief, time_limit: {days: 1, unit: working}, next: [deliver]}
      - {id: deliver, name: 送达, type: end}
  - kind: on_the_spot
    steps:
      - {id: spot-apply, name: 申请, type: start, actor: 申请人, next: [spot-decide]}
      - {id: spot-decide, name: 当场决定, post: window, time_limit: on_the_spot, next: [spot-deliver]}
      - {id: spot-deliver, name: 当场送达, type: end}
internal:
  - step: decide
    tasks:
      - {post: chief, duty: 签发决定, time_limit: {days: 1, unit: working}}
  - step: review
    tasks:
      - {post: reviewer, duty: 材料审核, time_limit: {days: 1, unit: working}}
      - {post: section-chief, duty: 科长复核, time_limit: {days: 1, unit: working}}
"""


def power_yaml(code: str = "XK-DEMO-001", name: str = "建筑工程施工许可证核发") -> str:
    base = (CASES / "_power.yaml").read_text(encoding="utf-8")
    base = base[: base.index("procedures:")] + STEPS
    return base.replace("XK-DEMO-001", code).replace("建筑工程施工许可证核发", name)


@pytest.fixture
def catalog(repo):  # noqa: ANN001, ANN201
    return repo({POWER: power_yaml()})


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):  # noqa: ANN001, ANN201
    """The fixture catalog drawn once (all charts, SVG) for the tests that only read it."""
    root = write_repo(tmp_path_factory.mktemp("rendered"), {POWER: power_yaml()})
    return root, draw(root, out=root / "out", jobs=2)


def svg_of(path: Path) -> ET.Element:
    return ET.fromstring(path.read_bytes())


def texts(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def visible_nodes(root: ET.Element) -> list[ET.Element]:
    """Graphviz node groups that draw something (invisible layout helpers draw nothing)."""
    return [g for g in root.iter(f"{SVG}g") if g.get("class") == "node" and
            any(c.tag in (f"{SVG}polygon", f"{SVG}path", f"{SVG}ellipse") for c in g)]


def clusters(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for g in root.iter(f"{SVG}g") if g.get("class") == "cluster"
            for t in g.iter(f"{SVG}text")]


def test_external_flowchart_shows_every_step_and_its_details(rendered) -> None:  # noqa: ANN001
    root, result = rendered
    assert result.skipped == []
    path = result.paths["XK-DEMO-001/external-0"]
    assert path == root / "out" / "XK-DEMO-001" / "external-0.svg"
    svg = svg_of(path)
    words = texts(svg)
    # six steps, one supervision note, one channels note
    assert len(visible_nodes(svg)) == 8
    for name in ("申请", "受理", "不予受理", "审查", "决定", "送达"):
        assert name in words
    for line in ("岗位：窗口受理岗", "时限：1个工作日", "主体：申请人", "岗位：审查岗", "时限：2个工作日",
                 "权利：陈述、申辩", "文书：受理通知书、", "不予受理决定书、", "补正材料通知书",
                 "权利：要求说明理由、", "申请行政复议、", "提起行政诉讼"):
        assert any(w.strip("\u3000") == line for w in words), line
    assert "不符合受理条件" in words  # the branch's when label
    assert {"材料齐全、符", "合法定形式"} <= set(words)
    assert "监督制约" in words and "窗口负责人每日" in words and "抽查受理台账" in words
    assert "投诉举报：12345 政务服务便民热线 12345" in words
    assert "监督渠道：局纪检监察室 0000-1234568" in words
    edges = [g for g in svg.iter(f"{SVG}g") if g.get("class") == "edge"]
    assert len(edges) == 6  # 5 flow edges + the supervision link (invisible layout edges are not drawn)
    second = svg_of(result.paths["XK-DEMO-001/external-1"])
    assert {"当场决定", "时限：当场", "当场送达"} <= set(texts(second))


def test_svg_is_accessible_and_names_a_cjk_font_stack(rendered) -> None:  # noqa: ANN001
    _, result = rendered
    svg = svg_of(result.paths["XK-DEMO-001/external-0"])
    first, second = list(svg)[:2]
    assert first.tag == f"{SVG}title" and first.text == "建筑工程施工许可证核发 外部流程图（一般程序）"
    assert second.tag == f"{SVG}desc"
    assert second.text.startswith("“建筑工程施工许可证核发”一般程序共 6 个环节，依次为：申请（申请人）；受理（窗口受理岗，1个工作日）")
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == f"{first.get('id')} {second.get('id')}"
    fonts = {t.get("font-family") for t in svg.iter(f"{SVG}text")}
    assert fonts == {FONT_STACK}


def test_internal_flowchart_has_one_lane_per_post_in_step_order(rendered) -> None:  # noqa: ANN001
    _, result = rendered
    svg = svg_of(result.paths["XK-DEMO-001/internal"])
    assert clusters(svg) == ["外部环节", "审查岗", "科长", "分管局长"]
    words = texts(svg)
    assert {"材料审核", "科长复核", "签发决定", "外部环节：审查", "外部环节：决定", "时限：1个工作日"} <= set(words)
    assert len(visible_nodes(svg)) == 5  # 3 tasks + the 2 external steps they refine
    # tasks follow the external order (审查 before 决定) even though the file lists 决定 first
    desc = svg.find(f"{SVG}desc").text
    assert desc.index("审查岗材料审核") < desc.index("分管局长签发决定")
    # lanes are columns side by side: each lane's title further right than the one before
    xs = [float(t.get("x")) for g in svg.iter(f"{SVG}g") if g.get("class") == "cluster" for t in g.iter(f"{SVG}text")]
    assert xs == sorted(xs)


def test_category_flowcharts_draw_the_profile_procedures_side_by_side(rendered) -> None:  # noqa: ANN001
    root, result = rendered
    lic = svg_of(result.paths["category/licensing"])
    assert result.paths["category/licensing"] == root / "out" / "categories" / "licensing.svg"
    assert clusters(lic) == ["一般程序", "当场决定"]
    words = set(texts(lic))
    assert {"申请", "受理", "审查", "听证", "决定", "当场决定", "涉及重大利益关系", "不符合受理条件"} <= words
    pen = svg_of(result.paths["category/penalty"])
    assert clusters(pen) == ["一般程序", "简易程序"]
    assert {"立案", "调查取证", "告知", "法制审核", "负责人审查", "决定", "送达", "表明身份", "当事人要求听证"} <= set(texts(pen))
    assert "行政处罚类别流程图" in texts(pen)
    assert len(result.paths) == 3 + 15  # 2 external + internal, one per profile category


def test_unchanged_graphs_start_no_graphviz_process(catalog: Path, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    out = tmp_path / "out"
    first = draw(catalog, out=out, jobs=2)
    assert len(first.written) == 18 and first.unchanged == []
    powers = [catalog / "catalogs"]

    def no_process(*a, **kw):  # noqa: ANN002, ANN003, ANN202
        raise AssertionError("Graphviz started for an unchanged graph")

    monkeypatch.setattr(graphviz_mod.subprocess, "run", no_process)
    again = draw(catalog, out=out, jobs=2)
    assert again.written == [] and len(again.unchanged) == 18
    assert draw(catalog, powers, out=out, fmt="svg").unchanged
    monkeypatch.undo()
    (catalog / POWER).write_text(power_yaml().replace("窗口负责人每日", "科长每周"), encoding="utf-8")
    changed = draw(catalog, powers, out=out, jobs=2)
    assert changed.written == [out / "XK-DEMO-001" / "external-0.svg"]
    assert "科长每周抽查受理台账" in "".join(texts(svg_of(changed.written[0])))
    (out / "categories" / "licensing.svg").unlink()  # a deleted output is drawn again
    assert draw(catalog, powers, out=out, jobs=2).written == [out / "categories" / "licensing.svg"]


def test_output_is_deterministic(catalog: Path, tmp_path: Path) -> None:
    a = draw(catalog, [catalog / POWER], out=tmp_path / "a", jobs=1)
    b = draw(catalog, [catalog / POWER], out=tmp_path / "b", jobs=3)
    assert len(a.written) == 4
    for key, path in a.paths.items():
        assert path.read_bytes() == b.paths[key].read_bytes(), key


def test_a_power_with_errors_is_skipped_and_the_rest_render(repo, tmp_path: Path) -> None:  # noqa: ANN001
    broken = power_yaml("XK-DEMO-002", "坏事项").replace("next: [decide]", "next: [nowhere]")
    root = repo({POWER: power_yaml(), "catalogs/demo/powers/XK-DEMO-002.yaml": broken,
                 "catalogs/demo/powers/XK-DEMO-003.yaml": "code: [unclosed\n"})
    result = draw(root, [root / "catalogs/demo/powers"], out=tmp_path / "out", jobs=2)
    files = [f for f, _ in result.skipped]
    assert files == ["catalogs/demo/powers/XK-DEMO-002.yaml", "catalogs/demo/powers/XK-DEMO-003.yaml"]
    assert "请先运行 powercat validate" in result.skipped[0][1]
    assert "XK-DEMO-001/external-0" in result.paths
    assert not any(k.startswith("XK-DEMO-002") for k in result.paths)
    assert not (tmp_path / "out" / "XK-DEMO-002").exists()


def test_paths_select_powers_and_their_categories(repo, tmp_path: Path) -> None:  # noqa: ANN001
    root = repo({POWER: power_yaml(), "catalogs/demo/powers/XK-DEMO-002.yaml": power_yaml("XK-DEMO-002", "另一事项")})
    result = draw(root, [root / "catalogs/demo/powers/XK-DEMO-002.yaml"], out=tmp_path / "o", jobs=1)
    assert sorted(result.paths) == ["XK-DEMO-002/external-0", "XK-DEMO-002/external-1", "XK-DEMO-002/internal",
                                    "category/licensing"]


def test_png_of_a_demo_power_is_a_real_image_of_sane_size(catalog: Path, tmp_path: Path) -> None:
    result = draw(catalog, [catalog / POWER], out=tmp_path / "png", fmt="png", jobs=2)
    data = result.paths["XK-DEMO-001/external-0"].read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    assert 400 <= width <= 3000 and 800 <= height <= 4000, (width, height)
    assert data.endswith(b"IEND\xaeB`\x82")


def test_dot_format_writes_the_source_without_graphviz(catalog: Path, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(graphviz_mod, "find_dot", lambda: pytest.fail("no Graphviz needed for dot"))
    result = draw(catalog, out=tmp_path / "d", fmt="dot")
    src = result.paths["XK-DEMO-001/external-0"].read_text(encoding="utf-8")
    assert src.startswith('digraph "建筑工程施工许可证核发 外部流程图（一般程序）" {')
    assert '"s_accept" -> "s_reject" [label="不符合受理条件"];' in src
    checked = subprocess.run(["dot", "-Tcanon"], input=src.encode(), capture_output=True)
    assert checked.returncode == 0, checked.stderr


def test_a_graph_graphviz_rejects_fails_alone(tmp_path: Path) -> None:
    good = 'digraph { a -> b }'
    outs = run_dot("dot", [good, "digraph { a -> }", good], "svg", tmp_path)
    assert outs[0].startswith(b"<?xml") and outs[2].startswith(b"<?xml")
    assert isinstance(outs[1], str) and "syntax error" in outs[1]


def batches_of(sources: int, jobs: int, monkeypatch, solo: tuple[int, ...] = ()) -> list[list[str]]:  # noqa: ANN001
    """The batches ``Layouts`` hands to dot processes (dot itself stubbed: each graph's output is its source)."""
    seen: list[list[str]] = []

    def fake(dot, sources, fmt, work):  # noqa: ANN001, ANN202
        seen.append(list(sources))
        return [s.encode() for s in sources]

    monkeypatch.setattr(graphviz_mod, "run_dot", fake)
    monkeypatch.setattr(graphviz_mod, "find_dot", lambda: "dot")
    with Layouts("svg", jobs) as layouts:
        for i in range(sources):
            layouts.add(f"g{i}", i in solo)
        assert layouts.results() == [f"g{i}".encode() for i in range(sources)]  # in the order added
    return seen


def test_batches_cover_all_graphs_in_few_processes(monkeypatch) -> None:  # noqa: ANN001
    assert batches_of(0, 4, monkeypatch) == []
    got = batches_of(300, 4, monkeypatch)
    assert sorted(g for r in got for g in r) == sorted(f"g{i}" for i in range(300))
    assert len(got) >= 4 and max(len(r) for r in got) <= BATCH_MAX
    assert len(batches_of(10, 2, monkeypatch)) == 2 and len(batches_of(3, 8, monkeypatch)) == 3
    assert batches_of(5, 1, monkeypatch, solo=(1, 4)) == [["g1"], ["g4"], ["g0", "g2", "g3"]]


def test_a_batched_chart_equals_the_chart_drawn_alone(rendered) -> None:  # noqa: ANN001
    """Graphviz keeps state between the graphs of one process; batching must not show."""
    from powercat.catalog.loader import load_catalog
    from powercat.charts.render import collect, finish_svg
    from powercat.lint.engine import lint

    root, result = rendered
    catalog = load_catalog(root, keep_models=True)
    charts, _ = collect(catalog, lint(catalog))
    for chart in charts:
        if chart.key.startswith("category/") and chart.key not in ("category/licensing", "category/penalty"):
            continue  # solo charts are drawn alone anyway; two of them keep this test quick
        alone = subprocess.run(["dot", "-Tsvg"], input=chart.source.encode(), capture_output=True, check=True)
        assert finish_svg(alone.stdout.decode(), chart).encode() == result.paths[chart.key].read_bytes(), chart.key


def test_labels_wrap_by_display_width() -> None:
    assert columns("受理ab") == 6
    assert wrap("窗口负责人每日抽查受理台账", 10) == ["窗口负责人", "每日抽查受", "理台账"]
    assert wrap("重大案件提交局长办公会议集体讨论", 30) == ["重大案件提交局长", "办公会议集体讨论"]  # even lines
    assert wrap_items(["受理通知书", "不予受理决定书", "补正材料通知书"], 24) == ["受理通知书、", "不予受理决定书、", "补正材料通知书"]


def test_cli_reports_what_it_wrote_and_exit_codes(repo, tmp_path: Path) -> None:  # noqa: ANN001
    root = repo({POWER: power_yaml()})
    runner = CliRunner()
    out = tmp_path / "cli-out"
    power = str(root / POWER)
    res = runner.invoke(app, ["render", power, "--root", str(root), "--out", str(out), "--jobs", "2"])
    assert res.exit_code == 0, res.output
    assert f"已写入 {out / 'XK-DEMO-001' / 'internal.svg'}" in res.output  # outside the cwd: absolute
    assert "流程图：新绘制 4 张，未改动 0 张，跳过 0 项" in res.output
    res = runner.invoke(app, ["render", power, "--root", str(root), "--out", str(out), "--lang", "en"])
    assert "flowcharts: 4 drawn, 0 unchanged, 0 skipped" in res.output  # the charts' words are English now
    svg = (out / "XK-DEMO-001" / "external-0.svg").read_text(encoding="utf-8")
    assert "external flowchart (general)" in svg and "外部流程图" not in svg
    res = runner.invoke(app, ["render", power, "--root", str(root), "--out", str(out), "--lang", "en"])
    assert "flowcharts: 0 drawn, 4 unchanged, 0 skipped" in res.output
    res = runner.invoke(app, ["render", "--root", str(root), "--format", "pdf"])
    assert res.exit_code == 2 and "--format pdf" in res.output
    (root / POWER).write_text(power_yaml().replace("next: [decide]", "next: [nowhere]"), encoding="utf-8")
    res = runner.invoke(app, ["render", power, "--root", str(root), "--out", str(out)])
    assert res.exit_code == 1
    assert "跳过 catalogs/demo/powers/XK-DEMO-001.yaml：有 " in res.output


def test_the_demo_catalog_renders_every_power(demo_root: Path, tmp_path: Path) -> None:
    """The shipped demo catalogs (catalogs/): every power drawn, every step of it in its chart."""
    from powercat.catalog.loader import load_catalog
    from powercat.charts.render import render_catalog
    from powercat.lint.engine import lint

    catalog = load_catalog(demo_root, keep_models=True, use_cache=False)
    report = lint(catalog)
    if not catalog.powers():
        pytest.skip("no demo catalog in this checkout")
    result = render_catalog(catalog, report, out=tmp_path / "demo", fmt="svg", jobs=2)
    assert [f for f, _ in result.skipped] == sorted({d.file for d in report.diagnostics
                                                     if "/powers/" in d.file and report.errors_in(d.file)})
    for lp in catalog.powers():
        if report.errors_in(lp.file):
            continue
        for i, proc in enumerate(lp.power.procedures):
            words = set(texts(svg_of(result.paths[f"{lp.power.code}/external-{i}"])))
            assert {s.name for s in proc.steps} <= words, (lp.file, i)
        if lp.power.internal:
            lanes = clusters(svg_of(result.paths[f"{lp.power.code}/internal"]))
            assert lanes[0] == "外部环节" and len(lanes) == 1 + len({t.post for r in lp.power.internal for t in r.tasks})
