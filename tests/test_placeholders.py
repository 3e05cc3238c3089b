"""Placeholders are not values (PC110): the forms, a `new power` file filled in step by step, each
field reported once, publish refusing a placeholder, import of a list that writes 无, the docs table."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from powercat.catalog import placeholders as ph
from powercat.catalog.parse import parse_yaml
from powercat.cli import app
from powercat.lint.diagnostics import Severity
from powercat.lint.engine import validate
from powercat.lint.ruledocs import page
from powercat.site.build import PublishRefused, publish

from .conftest import CASES, write_repo

runner = CliRunner()
BASE = (CASES / "_power.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("value", [
    "TODO", "TODO 法律法规名称", "TODO 时限依据(如 行政许可法第四十二条第一款)", "TODO 时限依据", "  TODO ",
    "TODO：待定", "TODO事项名称", "对不符合条件的……追究责任 TODO 核对条款",
])
def test_todo_forms(value: str) -> None:
    assert ph.is_todo(value) and ph.is_placeholder(value) and not ph.filled(value)


@pytest.mark.parametrize("value", ["无", "暂无", "-", "/", "／", "－", "—", "——", "--", " 无 ", "无。"])
def test_none_words(value: str) -> None:
    assert ph.is_none(value) and not ph.is_todo(value) and not ph.filled(value)


@pytest.mark.parametrize("value", [
    "中华人民共和国建筑法", "无正当理由拒不受理的，依法追究责任", "TODOS 系统", "https://example.gov.cn/todo/", "无锡市",
    "第七条", "0000-1234567",
])
def test_values_are_not_placeholders(value: str) -> None:
    assert not ph.is_placeholder(value) and ph.filled(value)


def test_every_marker_the_templates_write_is_a_placeholder() -> None:
    for slot in ph.SLOTS:
        if slot.written:
            assert ph.is_todo(ph.todo(slot.label)), slot
    assert ph.is_todo(ph.limit_basis(None)) and ph.is_todo(ph.limit_basis("行政许可法第四十二条第一款：除可以当场……"))
    assert ph.limit_basis("行政许可法第四十二条第一款：除可以当场……") == "TODO 时限依据(如 行政许可法第四十二条第一款)"


# --- a new power, filled in step by step ---------------------------------------------------

FILL = [  # (placeholder, what staff write), in file order; the four step posts one by one
    ("TODO 事项名称", "建筑工程施工许可证核发"),
    ("TODO 承办机构", "行政审批股"),
    ("TODO 主管领导", "李明(副局长)"),
    ("TODO 法律法规名称", "中华人民共和国建筑法"),
    ("TODO 第几条", "第七条"),
    ("TODO 法条内容", "建筑工程开工前，建设单位应当按照国家有关规定向工程所在地县级以上人民政府建设行政主管部门申请领取施工许可证。"),
    ("TODO 职责要求", "对申请材料进行审查，对符合条件的申请颁发施工许可证。"),
    ("TODO 办理条件", "已经办理该建筑工程用地批准手续"),
    ("TODO 材料名称", "建筑工程施工许可证申请表"),
    ("TODO 材料来源", "建设单位填写"),
    ("TODO 办理地点", "县政务服务中心住建窗口"),
    ("TODO 地址", "示例县政务服务中心二楼"),
    ("TODO 办理时间", "周一至周五 8:30-17:30"),
    ("TODO 时限依据(如 行政许可法第四十二条第一款)", "行政许可法第四十二条第一款"),
    ("TODO 责任追究", "对不符合条件的申请颁发许可的，依照行政许可法第七十四条追究责任。"),
    ("post: TODO", "post: window"),
    ("post: TODO", "post: reviewer"),
    ("post: TODO", "post: reviewer"),
    ("post: TODO", "post: chief"),
]


def _findings(root: Path, path: Path) -> list[tuple[str, int, int]]:
    report = validate(root, [path], use_cache=False)
    return [(d.code, d.line, d.column) for d in report.diagnostics]


def _todo_values(text: str) -> list[tuple[int, int]]:
    """(line, column) of every TODO value in the file (these start with it): where PC110 must point."""
    out = []
    for n, _ in ph.todo_lines(text):
        value = text.splitlines()[n - 1].split("#", 1)[0]
        out += [(n, i + 1) for i in range(len(value)) if value.startswith("TODO", i)]
    return out


def _line(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def test_new_power_is_validated_step_by_step_until_nothing_is_left(tmp_path: Path) -> None:
    root = tmp_path / "catalog"
    assert runner.invoke(app, ["init", str(root), "--no-git"]).exit_code == 0
    out = runner.invoke(app, ["new", "power", "--department", "example", "--category", "licensing", "--root", str(root)])
    assert out.exit_code == 0, out.output
    path = root / "catalogs/example/powers/XK-EXAMPLE-002.yaml"
    text = path.read_text(encoding="utf-8")
    # the command lists what is left to fill, in file order, as before
    listed = [line.split(".yaml:", 1)[1] for line in out.output.splitlines() if "XK-EXAMPLE-002.yaml:" in line]
    assert [int(x.split()[0]) for x in listed] == [n for n, _ in ph.todo_lines(text)]
    assert "PC110" in out.output

    findings = _findings(root, path)
    # only PC110, once at each TODO value (no PC204 for the TODO law, no PC507 for the TODO posts)
    assert findings == [("PC110", line, column) for line, column in _todo_values(text)]
    assert len(findings) == len(FILL) == 19

    for placeholder, value in FILL:
        assert placeholder in text, placeholder
        text = text.replace(placeholder, value, 1)
        path.write_text(text, encoding="utf-8")
        now = _findings(root, path)
        assert len(now) == len(findings) - 1, (placeholder, now)
        assert now == [("PC110", line, column) for line, column in _todo_values(text)]
        findings = now
    assert findings == []
    assert validate(root, use_cache=False).diagnostics == []  # the whole repository, info included


@pytest.mark.parametrize("category", ["penalty", "inspection", "major_decision"])
def test_every_todo_of_a_new_power_is_one_pc110(tmp_path: Path, category: str) -> None:
    from powercat.adopt.scaffold import init_repo, new_power

    root = init_repo(tmp_path / "catalog", git=False).root
    made = new_power(root, "example", category)
    text = made.path.read_text(encoding="utf-8")
    report = validate(root, [made.path], use_cache=False)
    pc110 = [(d.line, d.column) for d in report.diagnostics if d.code == "PC110"]
    assert pc110 == _todo_values(text)
    # reported once: no other rule at a placeholder's line
    lines = {line for line, _ in pc110}
    assert [d for d in report.diagnostics if d.code != "PC110" and d.line in lines] == []


# --- reported once: the other rules treat placeholders as missing ----------------------------

def _codes_at(text: str, files: dict[str, str] | None = None, tmp: Path | None = None) -> list[tuple[str, int]]:
    assert tmp is not None
    tmp.mkdir(parents=True, exist_ok=True)
    root = write_repo(tmp, {"catalogs/demo/powers/XK-DEMO-001.yaml": text, **(files or {})})
    return [(d.code, d.line) for d in validate(root, use_cache=False).diagnostics]


def test_a_placeholder_is_reported_once(tmp_path: Path) -> None:
    text = (BASE.replace("  - law: 中华人民共和国建筑法", "  - law: TODO 法律法规名称")
            .replace("accountability: 对不符合条件的申请颁发许可的，依照行政许可法第七十四条追究责任。", "accountability: 无")
            .replace("post: window", "post: TODO")
            .replace("  promised: {days: 5, unit: working}", "  promised: {days: 5, unit: working}\n  basis: TODO 时限依据"))
    found = _codes_at(text, tmp=tmp_path)
    lines = [_line(text, x) for x in ("law: TODO", "accountability: 无", "basis: TODO", "post: TODO")]
    assert sorted(found) == [("PC110", n) for n in lines], found


def test_none_words_are_missing_for_the_rules_of_optional_fields(tmp_path: Path) -> None:
    text = (BASE.replace("    article: 第七条", "    article: 无")
            .replace("disclosure:", "risks:\n  - {step: 无, post: 无, description: 违规许可, level: high, controls: [无]}\n"
                                    "supervision:\n  - {name: 监督电话, phone: 无}\n"
                                    "fee: {charged: true, standard: 每证 10 元, basis: 无}\n"
                                    "basic_code: /\ndisclosure:"))
    found = sorted(_codes_at(text, tmp=tmp_path))
    # article 无: PC202; controls [无] of a high risk: PC702; phone 无: PC603; fee basis 无: PC206;
    # step 无, post 无, basic_code /: no step, no post, no code (not PC704, PC507, PC106); never PC110
    assert [c for c, _ in found] == ["PC202", "PC206", "PC603", "PC702"], found


def test_a_charged_fee_with_a_todo_basis_and_a_todo_way_are_pc110_only(tmp_path: Path) -> None:
    text = BASE.replace("disclosure:", "supervision:\n  - {name: 监督电话, phone: TODO}\n"
                                       "fee: {charged: true, standard: 每证 10 元, basis: TODO 收费依据}\ndisclosure:")
    assert [c for c, _ in _codes_at(text, tmp=tmp_path)] == ["PC110", "PC110"]


def test_pc305_does_not_take_the_example_in_a_placeholder_for_a_basis(tmp_path: Path) -> None:
    too_long = BASE.replace("  statutory: {days: 20, unit: working}", "  statutory: {days: 45, unit: working}")
    cites = too_long.replace("  promised: {days: 5, unit: working}",
                             "  promised: {days: 5, unit: working}\n  basis: 建设工程质量管理条例第十条")
    assert "PC305" not in [c for c, _ in _codes_at(cites, tmp=tmp_path / "a")]
    todo = cites.replace("basis: 建设工程质量管理条例第十条", "basis: TODO 时限依据(如 建设工程质量管理条例第十条)")
    assert sorted(c for c, _ in _codes_at(todo, tmp=tmp_path / "b")) == ["PC110", "PC305"]


def test_pc205_leaves_out_a_basis_whose_law_is_a_placeholder(tmp_path: Path) -> None:
    text = BASE.replace("  - law: 中华人民共和国建筑法\n    level: law",
                        "  - law: TODO 法律法规名称\n    level: law\n"
                        "  - law: 示例县建筑工程管理办法\n    level: normative_document")
    assert sorted(c for c, _ in _codes_at(text, tmp=tmp_path)) == ["PC110", "PC204", "PC205"]


# --- publish, import, docs ---------------------------------------------------------------------

def test_publish_refuses_a_power_with_a_placeholder(tmp_path: Path) -> None:
    (tmp_path / "repo").mkdir()
    root = write_repo(tmp_path / "repo", {"catalogs/demo/powers/XK-DEMO-001.yaml": BASE.replace(
        "  - law: 中华人民共和国建筑法", "  - law: TODO 法律法规名称")})
    report = validate(root, use_cache=False)
    assert [(d.code, d.severity) for d in report.diagnostics] == [("PC110", Severity.error)]
    with pytest.raises(PublishRefused):
        publish(root, tmp_path / "site", flowcharts=False, fulltext=False)
    res = runner.invoke(app, ["publish", "--root", str(root), "--out", str(tmp_path / "site"), "--no-fulltext",
                              "--no-flowcharts"])
    assert res.exit_code == 1 and "目录有 1 个错误，拒绝发布" in res.output and "--allow-errors" in res.output
    assert not (tmp_path / "site").exists()
    res = runner.invoke(app, ["publish", "--root", str(root), "--out", str(tmp_path / "site"), "--no-fulltext",
                              "--no-flowcharts", "--allow-errors"])
    assert res.exit_code == 0, res.output


def test_import_of_a_list_that_writes_none(tmp_path: Path) -> None:
    from powercat.adopt.importer import import_file

    (tmp_path / "repo").mkdir()
    root = write_repo(tmp_path / "repo", {})
    source = tmp_path / "清单.csv"
    source.write_text("事项名称,事项类型,依据,责任事项,追责情形,承办机构,法定时限,公开范围,公开时间,公开载体\n"
                      "建筑施工安全监督检查,行政检查,无,对施工现场进行监督检查,/,质量安全股,无,向社会公开,长期公开,网站\n",
                      encoding="utf-8")
    result = import_file(root, source, "demo")
    (row,) = result.rows
    text = row.path.read_text(encoding="utf-8")
    assert "源表未提供、需补充：主管领导、责任追究" in text  # / in 追责情形 is no accountability
    report = validate(root, [row.path], use_cache=False)
    pc110 = [(d.line, d.args["value"]) for d in report.diagnostics if d.code == "PC110"]
    lines = text.splitlines()
    assert [(lines[n - 1].split(":")[0].strip(" -"), v) for n, v in pc110] == [
        ("leader", "TODO 主管领导"), ("law", "无"), ("accountability", "/"),
        *[("post", "TODO")] * len([x for x in lines if "post: TODO" in x])]
    assert not [d for d in report.diagnostics if d.code in ("PC204", "PC507", "PC701", "PC201")]


def test_the_docs_page_lists_every_field_of_the_table() -> None:
    for lang in ("zh-CN", "en"):
        text = page("PC110", lang)
        for slot in ph.SLOTS:
            field = slot.show or ".".join(slot.path).replace(".*", "[]")
            assert f"`{field}`" in text or f"`department.yaml: {field}`" in text, (lang, field)
        assert "`TODO 法律法规名称`" in text and "PC202" in text


def test_a_department_post_named_todo_is_pc110_not_pc507(tmp_path: Path) -> None:
    data = parse_yaml(BASE).data
    assert data["procedures"][0]["steps"][1]["post"] == "window"
    text = BASE.replace("post: window", "post: TODO").replace("post: chief", "post: 无")
    found = _codes_at(text, tmp=tmp_path)
    assert sorted(found) == [("PC110", _line(text, "post: TODO")), ("PC110", _line(text, "post: 无"))], found
