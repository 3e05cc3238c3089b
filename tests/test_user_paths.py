"""What a newcomer does wrong, as they would do it: each mistake gets one clear message, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from powercat.cli import app

runner = CliRunner()
POWER = "catalogs/demo/powers/XK-DEMO-001.yaml"
MINIMAL = "code: XK-DEMO-001\nname: 测试许可\ncategory: licensing\nhandling_unit: 审批科\nleader: 张三\n"


def _run(root: Path, *args: str):  # noqa: ANN202
    return runner.invoke(app, [*args, "--root", str(root)])


def _one_line_error(result) -> str:  # noqa: ANN001
    """The exit code 2 and the single ``powercat: ...`` line a failed read or write gives."""
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.startswith("powercat: ")]
    assert len(lines) == 1, result.output
    return lines[0]


def test_an_output_path_that_is_a_folder_is_named_in_chinese(repo) -> None:  # noqa: ANN001
    root = repo({POWER: MINIMAL})
    line = _one_line_error(_run(root, "validate", "--output", str(root / "catalogs")))
    assert line == f"powercat: {root / 'catalogs'}: 这是一个文件夹，不是文件；请给出文件名 (Is a directory)"


def test_an_output_folder_that_does_not_exist_is_named_in_chinese(repo, tmp_path: Path) -> None:  # noqa: ANN001
    root = repo({POWER: MINIMAL})
    target = tmp_path / "没有这个文件夹" / "报告.md"
    line = _one_line_error(_run(root, "report", "--output", str(target)))
    assert line.endswith(": 文件或文件夹不存在 (No such file or directory)"), line
    assert str(target) in line


def test_an_output_inside_a_file_says_a_file_is_in_the_way(repo) -> None:  # noqa: ANN001
    root = repo({POWER: MINIMAL})
    target = root / "catalogs" / "demo" / "department.yaml" / "职权目录.xlsx"
    line = _one_line_error(_run(root, "export", "--format", "xlsx", "--output", str(target)))
    assert "已经存在同名的文件，无法在这里建立文件夹 (File exists)" in line or "路径中有一段是文件而不是文件夹" in line, line
    assert not target.exists()


def test_a_misspelt_category_suggests_the_closest_code_without_pydantic_english(repo) -> None:  # noqa: ANN001
    root = repo({POWER: MINIMAL.replace("category: licensing", "category: licencing")})
    result = _run(root, "validate", "--format", "json", "--no-cache")
    assert result.exit_code == 1, result.output
    (diag,) = [d for d in json.loads(result.stdout)["diagnostics"] if d["code"] == "PC101"]
    assert (diag["line"], diag["column"]) == (3, 11)
    assert diag["message"].startswith("category 的取值 licencing 不在允许范围内，是否应为 licensing？"), diag["message"]
    assert "'" not in diag["message"] and " or " not in diag["message"]


@pytest.mark.parametrize(("lang", "listed"), [("zh-CN", "licensing(行政许可)、penalty(行政处罚)"), ("en", "licensing, penalty")])
def test_enum_choices_are_listed_without_pydantic_english(repo, lang: str, listed: str) -> None:  # noqa: ANN001
    root = repo({POWER: MINIMAL.replace("category: licensing", "category: permit")})
    result = _run(root, "validate", "--format", "json", "--no-cache", "--lang", lang)
    (diag,) = [d for d in json.loads(result.stdout)["diagnostics"] if d["code"] == "PC101"]
    assert listed in diag["message"] and " or " not in diag["message"] and "'" not in diag["message"]


@pytest.mark.parametrize("command", [["validate"], ["render"], ["publish"], ["report"], ["export"], ["codeowners"]])
def test_a_command_run_outside_a_catalog_repository_refuses_and_writes_nothing(tmp_path: Path, command) -> None:  # noqa: ANN001
    elsewhere = tmp_path / "下载"
    elsewhere.mkdir()
    line = _one_line_error(runner.invoke(app, [*command, "--root", str(elsewhere)]))
    assert line.startswith(f"powercat: {elsewhere}: 不是目录仓库：这里和上级文件夹都没有 powercat.toml"), line
    assert list(elsewhere.iterdir()) == []


def test_a_repository_without_powercat_toml_but_with_catalogs_still_works(repo) -> None:  # noqa: ANN001
    root = repo({POWER: MINIMAL})
    (root / "powercat.toml").unlink()
    result = _run(root, "validate", "--no-cache")
    assert result.exit_code == 1, result.output  # the minimal power lacks its legal basis and more
    assert "检查了 2 个文件(1 个事项)" in result.output and "不是目录仓库" not in result.output


# Mistakes whose fixes are in the loader (impossible dates, merge keys) and the records rules.


@pytest.mark.parametrize("written", ["2024-02-30", "2024-03-01 25:00:00"])
def test_a_date_that_does_not_exist_is_a_located_finding(repo, written: str) -> None:  # noqa: ANN001
    root = repo({POWER: MINIMAL + f"effective_from: {written}\n"})
    result = _run(root, "validate", "--format", "json", "--no-cache")
    assert result.exit_code == 1, result.output
    diags = json.loads(result.stdout)["diagnostics"]
    assert [(d["code"], d["line"], d["column"]) for d in diags] == [("PC101", 6, 17)]
    assert diags[0]["message"] == f"effective_from 应为日期，格式 YYYY-MM-DD，实际为 {written}"


def test_a_key_that_looks_like_an_impossible_date_is_an_unknown_field_not_a_traceback(repo) -> None:  # noqa: ANN001
    root = repo({POWER: MINIMAL + "2026-02-30: 备注\n"})
    result = _run(root, "validate", "--format", "json", "--no-cache")
    assert result.exit_code == 1, result.output
    diags = json.loads(result.stdout)["diagnostics"]
    assert ("PC101", 6, 1, "未知字段 2026-02-30") in [(d["code"], d["line"], d["column"], d["message"]) for d in diags]


def test_an_own_key_overrides_a_merged_one_without_pc102(repo) -> None:  # noqa: ANN001
    text = MINIMAL + ("time_limit:\n  statutory: &law {days: 20, unit: working}\n"
                      "  promised: {<<: *law, days: 10}\n  basis: 行政许可法第四十二条\n")
    root = repo({POWER: text})
    result = _run(root, "validate", "--format", "json", "--no-cache")
    assert not [d for d in json.loads(result.stdout)["diagnostics"] if d["code"] == "PC102"], result.stdout


def test_records_of_a_power_whose_file_has_errors_get_no_pc804(repo) -> None:  # noqa: ANN001
    record = "- power: XK-DEMO-001\n  case: 某案\n  exercised_on: 2026-08-04\n  recorded_on: 2026-08-05\n  result: 准予许可\n"
    root = repo({POWER: MINIMAL.replace("handling_unit:", "handling_unt:"), "records/demo/2026-08.yaml": record})
    result = _run(root, "validate", "--format", "json", "--no-cache", "--as-of", "2026-09-01")
    codes = {d["code"] for d in json.loads(result.stdout)["diagnostics"]}
    assert "PC101" in codes and "PC804" not in codes, result.stdout
