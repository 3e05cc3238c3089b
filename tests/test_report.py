"""`powercat report`: per department categories, completeness, warnings, overdue records and complaints."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from powercat.cli import app
from powercat.supervise.report import build_report
from powercat.supervise.formats import format_report

from .conftest import CASES, REPO

D = dt.date
runner = CliRunner()
OVERDUE_EXAMPLE = REPO / "examples" / "records-overdue"

TIMELY = (CASES / "_power.yaml").read_text(encoding="utf-8").replace(
    "timing: timely, within_days: 20, carriers: [website, service_guide]", "timing: timely, within_days: 7, carriers: [website, service_guide]")
BROKEN = "code: XK-DEMO-002\ncategory: licensing\nhandling_unit: 行政审批科\n"  # no name: PC101, does not load
RECORDS = """\
- power: XK-DEMO-001
  case: 城东小学教学楼施工许可
  exercised_on: 2024-09-02
  recorded_on: 2024-09-03
  result: 准予许可
  disclosed_on: 2024-09-05
- power: XK-DEMO-001
  case: 城西商场改造施工许可
  exercised_on: 2024-09-20
  recorded_on: 2024-09-30
  result: 准予许可
- complaint: TS-2024-031
  power: XK-DEMO-001
  received_on: 2024-09-30
  summary: 反映施工许可公示信息不全
- complaint: TS-2024-032
  received_on: 2024-10-14
  summary: 咨询办理材料
"""


@pytest.fixture
def root(repo) -> Path:  # noqa: ANN001
    return repo({
        "catalogs/demo/powers/XK-DEMO-001.yaml": TIMELY,
        "catalogs/demo/powers/XK-DEMO-002.yaml": BROKEN,
        "records/demo/2024-09.yaml": RECORDS,
    })


def test_department_summary(root: Path) -> None:
    rep = build_report(root, as_of=D(2024, 10, 21))
    [d] = rep.departments
    assert (d.id, d.name, d.powers, d.complete, d.completeness) == ("demo", "示例县测试局", 2, 1, 0.5)
    assert d.by_category == {"licensing": 1, "unknown": 1}
    # PC801 (城西商场 recorded 10 days after) and PC803 rest on no statute: warnings
    assert d.warnings == 2
    assert d.errors >= 2  # PC101 of the broken power, PC802
    assert [(e.kind, e.id, e.status) for e in d.overdue] == [
        ("record", "XK-DEMO-001", "overdue"), ("complaint", "TS-2024-031", "overdue")]
    assert d.overdue[0].deadline == D(2024, 9, 27) and d.overdue[0].recorded_late
    assert d.overdue[1].deadline == D(2024, 10, 18)  # National Day and the 调休 Saturday 10-12 counted
    assert {e.id: e.status for e in d.complaints} == {"TS-2024-031": "overdue", "TS-2024-032": "open"}


def test_as_of_decides_what_is_overdue(root: Path) -> None:
    [d] = build_report(root, as_of=D(2024, 9, 30)).departments
    assert [(e.id, e.status) for e in d.entries] == [
        ("XK-DEMO-001", "disclosed"), ("XK-DEMO-001", "overdue"), ("TS-2024-031", "open"), ("TS-2024-032", "open")]
    [d] = build_report(root, as_of=D(2024, 10, 18)).departments
    assert [e.id for e in d.overdue] == ["XK-DEMO-001"]  # the complaint is due on 10-18 itself


def test_month_selects_by_date_of_exercise_or_receipt(root: Path) -> None:
    rep = build_report(root, as_of=D(2024, 10, 31), month="2024-10")
    [d] = rep.departments
    assert [e.id for e in d.in_month("2024-10")] == ["TS-2024-032"]
    data = json.loads(format_report(rep, "json", "zh-CN"))
    assert [e["complaint"] for e in data["departments"][0]["month"]] == ["TS-2024-032"]


def test_json_structure(root: Path) -> None:
    data = json.loads(format_report(build_report(root, as_of=D(2024, 10, 21), month="2024-09"), "json", "en"))
    assert data["version"] == 1 and data["as_of"] == "2024-10-21" and data["month"] == "2024-09"
    dept = data["departments"][0]
    assert dept["by_category"] == [{"category": "licensing", "label": "行政许可", "count": 1},
                                   {"category": "unknown", "label": None, "count": 1}]
    assert (dept["completeness"], dept["records"], dept["complaints"]) == (0.5, 2, 2)
    assert (dept["overdue_records"], dept["overdue_complaints"]) == (1, 1)
    assert dept["overdue"][1] == {
        "kind": "complaint", "file": "records/demo/2024-09.yaml", "line": 12, "complaint": "TS-2024-031",
        "power": "XK-DEMO-001", "summary": "反映施工许可公示信息不全", "received_on": "2024-09-30",
        "deadline": "2024-10-18", "replied_on": None, "status": "overdue"}
    assert [e.get("case") or e.get("complaint") for e in dept["month"]] == [
        "城东小学教学楼施工许可", "城西商场改造施工许可", "TS-2024-031"]


def test_csv_has_bom_and_opens_as_two_tables(root: Path) -> None:
    text = format_report(build_report(root, as_of=D(2024, 10, 21)), "csv", "zh-CN")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows[0][:3] == ["部门", "事项数", "完整率"] and rows[0][7:9] == ["公开逾期", "答复逾期"] and rows[0][-2:] == ["行政许可", "未能读取"]
    assert rows[1][:3] == ["示例县测试局 (demo)", "2", "50.0%"] and rows[1][-2:] == ["1", "1"]
    assert rows[2] == []
    assert rows[3][-2:] == ["file", "line"]
    assert [(r[1], r[2], r[3], r[9]) for r in rows[4:]] == [
        ("登记", "XK-DEMO-001", "", "逾期未公开；登记超期"), ("投诉", "XK-DEMO-001", "TS-2024-031", "逾期未答复")]


def test_markdown_and_text(root: Path) -> None:
    rep = build_report(root, as_of=D(2024, 10, 21), month="2024-09")
    md = format_report(rep, "markdown", "zh-CN")
    assert md.startswith("# 行政权力运行情况月报(2024-09)\n")
    assert "| 示例县测试局 (demo) | 2 | 50.0% |" in md
    assert "## 本月投诉" in md and "| demo | TS-2024-031 | XK-DEMO-001 | 反映施工许可公示信息不全 | 2024-09-30 | 2024-10-18 |  | 逾期未答复 |" in md
    text = format_report(rep, "text", "en")
    assert "\x1b[" not in text  # plain when not on a terminal
    assert "Monthly report on the exercise of administrative powers (2024-09)" in text
    assert "unanswered" in text and "administrative licensing 1" in text


def test_example_with_overdue_records() -> None:
    [d] = build_report(OVERDUE_EXAMPLE, as_of=D(2024, 10, 31)).departments
    assert [(e.kind, e.text, e.status) for e in d.overdue] == [
        ("record", "滨河花园3号楼施工许可", "disclosed_late"),
        ("record", "城西商场改造施工许可", "overdue"),
        ("complaint", "反映施工许可公示信息不全", "overdue")]
    assert {e.text: e.status for e in d.entries}["县医院门诊楼施工许可"] == "unknown_power"


def test_a_year_outside_the_calendar_is_noted(repo) -> None:  # noqa: ANN001
    from powercat.catalog import workdays

    later = workdays.covered_years()[1] + 1
    root = repo({f"records/demo/{later}-01.yaml": f"- complaint: TS-1\n  received_on: {later}-01-05\n  summary: 咨询\n"})
    rep = build_report(root, as_of=D(later, 1, 6))
    assert [str(n) for n in rep.notes] == [str(workdays.gap_message(later))]
    assert "pip install -U chinesecalendar" in format_report(rep, "markdown", "zh-CN")
    workdays.is_workday.cache_clear()


def _cli(*args: str) -> object:
    return runner.invoke(app, ["report", *args], env={"POWERCAT_LANG": "zh-CN", "CI": "true"})


def test_cli_formats_and_output(root: Path, tmp_path: Path) -> None:
    res = _cli("--root", str(root), "--as-of", "2024-10-21", "--format", "json")
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["departments"][0]["overdue_complaints"] == 1
    out = tmp_path / "月报.csv"
    res = _cli("--root", str(root), "--as-of", "2024-10-21", "--month", "2024-09", "-f", "csv", "--output", str(out))
    assert res.exit_code == 0 and out.read_bytes().startswith(b"\xef\xbb\xbf")
    assert "报告已写入" in res.output


@pytest.mark.parametrize(("args", "message"), [
    (["--month", "2024-13"], "--month 2024-13: 月份格式应为 YYYY-MM"),
    (["--as-of", "2024/10/01"], "--as-of 2024/10/01: 日期应写成 YYYY-MM-DD"),
    (["--format", "xlsx"], "--format xlsx: 可选 text, markdown, json, csv"),
])
def test_cli_usage_errors(root: Path, args: list[str], message: str) -> None:
    res = _cli("--root", str(root), *args)
    assert res.exit_code == 2 and message in res.output and "Traceback" not in res.output


def test_demo_records_are_clean_and_in_the_report() -> None:
    from powercat.lint.engine import validate

    found = [d for d in validate(REPO, use_cache=False).diagnostics if d.file.startswith("records/")]
    assert found == []
    rep = build_report(REPO, month="2026-09")
    depts = {d.id: d for d in rep.departments}
    for dept in ("zjj", "scjgj", "rsj", "sthjj"):
        assert depts[dept].records and not depts[dept].overdue
    [tiaoxiu] = [e for e in depts["zjj"].complaints if e.date == D(2026, 9, 30)]  # the day before National Day
    assert (tiaoxiu.deadline, tiaoxiu.status) == (D(2026, 10, 20), "replied")
