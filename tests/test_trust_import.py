"""`powercat import` reads lists from elsewhere: nothing in a cell becomes YAML of its own, and a
list is read within limits, each refusal a located message and exit 2 (docs/security.md)."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

import powercat
from powercat.cli import app

from .conftest import write_repo

runner = CliRunner()
HEAD = ["事项名称", "事项类型", "职权编码", "附注", "备注"]


@pytest.fixture
def empty(tmp_path: Path) -> Path:
    (tmp_path / "repo").mkdir()
    return write_repo(tmp_path / "repo", {})


def _import(root: Path, source: Path):  # noqa: ANN202
    return runner.invoke(app, ["import", str(source), "--root", str(root), "--department", "demo"])


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path


BREAKS = ["\r", "\u2028", "\u0085", "\u2029", "\x0b", "\x0c", "\x1c"]


@pytest.mark.parametrize("brk", BREAKS)
def test_a_line_break_in_a_kept_cell_never_becomes_a_key(empty: Path, tmp_path: Path, brk: str) -> None:
    cell = f"见附件{brk}code: EVIL-001{brk}lint: {{ignore: [PC104], reason: 伪造}}"
    source = tmp_path / "list.json"
    source.write_text(json.dumps([{"事项名称": "燃气经营许可", "事项类型": "行政许可", "职权编码": "XK-DEMO-007",
                                   "附注": cell, "备注": cell}], ensure_ascii=False), encoding="utf-8")
    result = _import(empty, source)
    assert "Traceback" not in result.output, result.output
    path = empty / "catalogs/demo/powers/XK-DEMO-007.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["code"] == "XK-DEMO-007" and data["name"] == "燃气经营许可" and "lint" not in data
    assert "EVIL-001" not in json.dumps(data, ensure_ascii=False)  # only in the comment, escaped
    from powercat.catalog.parse import parse_yaml

    assert parse_yaml(path.read_text(encoding="utf-8")).data["code"] == "XK-DEMO-007"  # the reader powercat uses


def test_a_lone_cr_in_a_csv_cell_stays_in_its_comment(empty: Path, tmp_path: Path) -> None:
    source = tmp_path / "list.csv"
    source.write_bytes(('事项名称,事项类型,职权编码,附注\r\n燃气经营许可,行政许可,XK-DEMO-007,'
                        '"说明\rlint: {ignore: [PC104], reason: 伪造}"\r\n').encode("utf-8-sig"))
    assert _import(empty, source).exit_code == 0
    data = yaml.safe_load((empty / "catalogs/demo/powers/XK-DEMO-007.yaml").read_text(encoding="utf-8"))
    assert data["code"] == "XK-DEMO-007" and "lint" not in data


def _cli(*args: str, memory: int | None = None) -> subprocess.CompletedProcess[str]:
    """powercat in a process of its own, its address space limited to ``memory`` bytes."""
    def limit() -> None:
        if memory:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    env = {"PYTHONPATH": str(Path(powercat.__file__).parents[1]), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    return subprocess.run([sys.executable, "-c", "from powercat.cli import main; main()", *args], env=env,
                          capture_output=True, text=True, timeout=300, preexec_fn=limit)


def test_a_tiny_xlsx_reaching_xfd1048576_is_refused_without_exhausting_memory(empty: Path, tmp_path: Path) -> None:
    source = _xlsx(tmp_path / "big.xlsx", [["事项名称", "事项类型"], ["燃气经营许可", "行政许可"]])
    from openpyxl import load_workbook

    wb = load_workbook(source)
    wb.active["XFD1048576"] = "x"
    wb.save(source)
    assert source.stat().st_size < 10_000
    start = time.perf_counter()
    done = _cli("import", str(source), "--root", str(empty), "--department", "demo", memory=1 << 30)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "数据范围 A1:XFD1048576 超过 100000 行" in done.stderr and "Traceback" not in done.stderr
    assert time.perf_counter() - start < 60
    wide = _xlsx(tmp_path / "wide.xlsx", [["事项名称", "事项类型"], ["燃气经营许可", "行政许可"]])
    wb = load_workbook(wide)
    wb.active["XFD2"] = "x"
    wb.save(wide)
    done = _cli("import", str(wide), "--root", str(empty), "--department", "demo", memory=1 << 30)
    assert done.returncode == 2 and "数据范围 A1:XFD2 超过 1000 列" in done.stderr, done.stderr


def test_a_stale_dimension_hides_no_row(empty: Path, tmp_path: Path) -> None:
    source = _xlsx(tmp_path / "stale.xlsx", [["事项名称", "事项类型", "职权编码"], ["燃气经营许可", "行政许可", "XK-DEMO-007"],
                                             ["排水许可", "行政许可", "XK-DEMO-008"]])
    with zipfile.ZipFile(source) as z:
        parts = {i: z.read(i) for i in z.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    assert b'<dimension ref="A1:C3"/>' in parts[sheet]
    parts[sheet] = parts[sheet].replace(b'<dimension ref="A1:C3"/>', b'<dimension ref="A1:A1"/>')
    with zipfile.ZipFile(source, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    result = _import(empty, source)
    assert result.exit_code == 0, result.output
    assert "2 行" in result.output
    assert (empty / "catalogs/demo/powers/XK-DEMO-008.yaml").exists()


def test_a_list_with_a_header_and_no_rows_says_so(empty: Path, tmp_path: Path) -> None:
    source = _xlsx(tmp_path / "none.xlsx", [["事项名称", "事项类型"], [None, None]])
    result = _import(empty, source)
    assert result.exit_code == 2 and "表头(第 1 行)之下没有一行有内容" in result.output


def test_a_cell_of_twenty_million_characters_is_refused(empty: Path, tmp_path: Path) -> None:
    source = tmp_path / "huge.json"
    source.write_text(json.dumps([{"事项名称": "燃气经营许可", "事项类型": "行政许可", "附注": "长" * 20_000_000}],
                                 ensure_ascii=False), encoding="utf-8")
    result = _import(empty, source)
    assert result.exit_code == 2 and "[0] 的“附注”超过 32767 个字符" in result.output
    assert not list((empty / "catalogs/demo").rglob("*.yaml"))[1:]  # only department.yaml


def test_deeply_nested_json_is_a_message_not_a_traceback(empty: Path, tmp_path: Path) -> None:
    source = tmp_path / "deep.json"
    source.write_text("[" * 100_000, encoding="utf-8")
    result = _import(empty, source)
    assert result.exit_code == 2 and "嵌套过深" in result.output and "Traceback" not in result.output
    assert not isinstance(result.exception, RecursionError)
