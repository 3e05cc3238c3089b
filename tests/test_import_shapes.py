"""`powercat import` on the shapes real lists come in, each a realistic sample written here:

* a 随机抽查事项清单 (XLSX) with a title row, a two-row header (抽查事项 over 主项名称 | 子项名称),
  主项 merged over their 子项, the basis merged too and joined by 、, and no 事项类型 (--category);
* a 权责清单 (CSV) with 主项 rows and 子项 rows under them whose cells are empty (the CSV form of
  merged cells), a basis continued on a row of its own, and a two-row header;
* JSON from a provincial platform: a response object, departments, items, sub-items;
* a list with section headings (一、行政许可) instead of a 事项类型 column, and one with a column
  the table does not know (--map).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from powercat.adopt.importer import ImportError_, import_file
from powercat.cli import app
from powercat.lint.engine import validate

from .conftest import write_repo

runner = CliRunner()
LAWS = Path(__file__).parent / "data" / "laws" / "national"
FOOD = "《中华人民共和国食品安全法》第一百一十条、《食品生产经营监督检查管理办法》第十条"


@pytest.fixture
def empty(tmp_path: Path) -> Path:
    (tmp_path / "repo").mkdir()
    return write_repo(tmp_path / "repo", {})


def _powers(root: Path) -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
            for p in sorted((root / "catalogs/demo/powers").glob("*.yaml"))}


def _spot_check_xlsx(folder: Path) -> Path:
    """A market regulator's 随机抽查事项清单 as such lists are laid out."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["示例县市场监督管理局随机抽查事项清单（2024年版）"])
    ws.merge_cells("A1:J1")
    ws.append(["填报单位：示例县市场监督管理局", None, None, None, None, None, None, None, "填报日期：2024年3月1日"])
    ws.append(["序号", "抽查事项", None, "抽查类别", "抽查对象", "抽查内容", "抽查方式", "抽查主体", "抽查依据", "备注"])
    ws.append([None, "主项名称", "子项名称"])
    for col in "ADEFGHIJ":
        ws.merge_cells(f"{col}3:{col}4")
    ws.merge_cells("B3:C3")
    rows = [
        [1, "食品生产经营监督检查", "食品生产者监督检查", "一般检查事项", "食品生产企业", "生产环境条件、进货查验、生产过程控制",
         "现场检查", "县级市场监督管理部门", FOOD, None],
        [None, None, "食品销售者监督检查", None, "食品销售经营者", "经营条件、进货查验、食品贮存", "现场检查", None, None, None],
        [None, None, "餐饮服务提供者监督检查", None, "餐饮服务提供者", "加工制作过程、餐饮具清洗消毒", "现场检查", None, None, None],
        [2, "特种设备使用单位监督检查", None, "重点检查事项", "特种设备使用单位", "使用登记、定期检验、作业人员持证",
         "现场检查", "县级市场监督管理部门", "《中华人民共和国特种设备安全法》第五十七条；《特种设备安全监督检查办法》第四条", "双随机"],
    ]
    for row in rows:
        ws.append(row)
    for col in "ADHI":  # 序号, 抽查类别, 抽查主体 and 抽查依据 of the first 主项 cover its three 子项
        ws.merge_cells(f"{col}5:{col}7")
    ws.merge_cells("B5:B7")
    path = folder / "随机抽查事项清单.xlsx"
    wb.save(path)
    return path


def test_spot_check_list_with_merged_cells_and_a_two_row_header(empty: Path, tmp_path: Path) -> None:
    result = import_file(empty, _spot_check_xlsx(tmp_path), "demo", category="inspection")
    assert [(r.row, r.status, r.code) for r in result.rows] == [
        (5, "written", "JC-DEMO-001"), (6, "written", "JC-DEMO-002"), (7, "written", "JC-DEMO-003"),
        (8, "written", "JC-DEMO-004")]
    assert result.unknown == [] and result.kept == ["抽查类别", "抽查内容", "抽查方式", "备注"]
    powers = _powers(empty)
    seller = powers["JC-DEMO-002"]
    assert (seller["name"], seller["category"], seller["parent"]) == ("食品销售者监督检查", "inspection", "食品生产经营监督检查")
    assert seller["exercised_by"] == "县级市场监督管理部门" and seller["target"] == "食品销售经营者"
    assert "handling_unit" not in seller or seller["handling_unit"] == "TODO 承办机构"  # 抽查主体 is no 承办机构
    # the merged 抽查依据, two laws joined by 、: two bases for each 子项
    assert [(b["law"], b.get("article")) for b in seller["legal_basis"]] == [
        ("中华人民共和国食品安全法", "第一百一十条"), ("食品生产经营监督检查管理办法", "第十条")]
    special = powers["JC-DEMO-004"]
    assert "parent" not in special and [b["law"] for b in special["legal_basis"]] == [
        "中华人民共和国特种设备安全法", "特种设备安全监督检查办法"]
    text = (empty / "catalogs/demo/powers/JC-DEMO-003.yaml").read_text(encoding="utf-8")
    assert "#   抽查内容：加工制作过程、餐饮具清洗消毒" in text
    assert "#   沿用上一行(合并单元格或空格)：序号、主项名称、抽查类别、抽查主体、抽查依据" in text
    report = validate(empty, result.written, use_cache=False)
    assert not {d.code for d in report.diagnostics} & {"PC100", "PC101", "PC102"}


def test_without_category_the_items_say_why(empty: Path, tmp_path: Path) -> None:
    result = import_file(empty, _spot_check_xlsx(tmp_path), "demo")
    assert {r.message for r in result.rows} == {"缺少事项类型，未导入(源表没有这一列时用 --category 指定)"}
    assert [r.where for r in result.rows] == ["第 5 行", "第 6 行", "第 7 行", "第 8 行"]


DUTY_LIST = """\
示例县市场监督管理局权责清单
序号,主项名称,子项名称,职权类型,实施依据,行使主体,承办机构,办理时限,,收费
,,,,,,,法定时限,承诺时限,
1,对违反食品安全法行为的处罚,,行政处罚,"【法律】《中华人民共和国食品安全法》第一百二十二条第一款　违反本法规定，未取得食品生产经营许可从事食品生产经营活动……",县级市场监督管理部门,执法大队,90日,,
,,对未取得食品生产经营许可从事食品生产经营活动的处罚,,《中华人民共和国食品安全法》第一百二十二条第一款,,,,,
,,对生产经营致病性微生物超过食品安全标准限量的食品的处罚,,《中华人民共和国食品安全法》第一百二十四条第一款第（一）项,,,,,
2,食品经营许可,,行政许可,"《中华人民共和国食品安全法》第三十五条第一款",县级市场监督管理部门,行政审批科,20个工作日,10个工作日,不收费
,,,,《食品经营许可和备案管理办法》第二条,,,,,
"""


def test_duty_list_csv_with_empty_cells_under_a_main_item(empty: Path, tmp_path: Path) -> None:
    path = tmp_path / "权责清单.csv"
    path.write_bytes(DUTY_LIST.encode("gb18030"))
    result = import_file(empty, path, "demo")
    assert [(r.row, r.status, r.code) for r in result.rows] == [
        (4, "written", "CF-DEMO-001"), (5, "written", "CF-DEMO-002"), (6, "written", "CF-DEMO-003"),
        (7, "written", "XK-DEMO-001")]
    assert result.rows[3].place() == "第 7 行(并入第 8 行)"
    powers = _powers(empty)
    main, first = powers["CF-DEMO-001"], powers["CF-DEMO-002"]
    assert "parent" not in main and first["parent"] == "CF-DEMO-001"  # the 主项 was imported: its code
    assert (first["name"], first["category"], first["handling_unit"]) == (
        "对未取得食品生产经营许可从事食品生产经营活动的处罚", "penalty", "执法大队")  # filled from the 主项's row
    assert [b["article"] for b in first["legal_basis"]] == ["第一百二十二条第一款"]  # its own basis, not the 主项's
    assert first["time_limit"] == {"statutory": {"days": 90, "unit": "natural"}}
    licence = powers["XK-DEMO-001"]  # two-row header: 办理时限 over 法定时限 | 承诺时限
    assert licence["time_limit"] == {"statutory": {"days": 20, "unit": "working"}, "promised": {"days": 10, "unit": "working"}}
    assert licence["fee"] == {"charged": False} and "hearing" not in licence
    assert [b["law"] for b in licence["legal_basis"]] == ["中华人民共和国食品安全法", "食品经营许可和备案管理办法"]


PLATFORM = {
    "code": 200, "msg": "success", "total": 2,
    "data": [{
        "部门名称": "示例县测试局", "行使主体": "示例县测试局",
        "权力事项": [
            {"事项名称": "对违反《中华人民共和国食品安全法》行为的处罚", "事项编码": "CF-DEMO-100", "事项类型": "02",
             "实施依据": "【法律】《中华人民共和国食品安全法》第一百二十二条、第一百二十四条",
             "子项": [
                 {"子项名称": "对未取得许可从事食品生产经营活动的处罚", "子项编码": "CF-DEMO-101",
                  "实施依据": "《中华人民共和国食品安全法》第一百二十二条第一款", "法定时限": "90日"},
                 {"子项名称": "对生产经营超过食品安全标准限量的食品的处罚", "子项编码": "CF-DEMO-102",
                  "实施依据": "《中华人民共和国食品安全法》第一百二十四条第一款第（一）项",
                  "申请材料": [], "是否听证": "是"},
                 {"subItemName": "对未按规定公示许可证的处罚", "子项编码": "CF-DEMO-103"}]},  # a key nobody knows
            {"事项名称": "食品经营许可", "事项编码": "XK-DEMO-100", "事项类型": "01", "是否收费": "否",
             "实施依据": "《中华人民共和国食品安全法》、《食品经营许可和备案管理办法》",
             "申请材料": ["食品经营许可申请书", "营业执照复印件"]}]}]}


def test_nested_json_from_a_provincial_platform(empty: Path, tmp_path: Path) -> None:
    path = tmp_path / "平台导出.json"
    path.write_text(json.dumps(PLATFORM, ensure_ascii=False), encoding="utf-8")
    result = import_file(empty, path, "demo")
    assert [(r.row, r.code, r.where) for r in result.rows] == [
        (1, "CF-DEMO-100", "第 1 项(data[0].权力事项[0])"), (2, "CF-DEMO-101", "第 2 项(data[0].权力事项[0].子项[0])"),
        (3, "CF-DEMO-102", "第 3 项(data[0].权力事项[0].子项[1])"), (4, None, "第 4 项(data[0].权力事项[0].子项[2])"),
        (5, "XK-DEMO-100", "第 5 项(data[0].权力事项[1])")]
    assert (result.rows[3].status, result.rows[3].message) == ("error", "缺少事项名称，未导入")  # said where, not lost
    assert result.unknown == ["subItemName"]  # code, msg and total of the response are not items' columns
    powers = _powers(empty)
    sub = powers["CF-DEMO-102"]
    assert (sub["parent"], sub["category"], sub["exercised_by"], sub["hearing"]) == (
        "CF-DEMO-100", "penalty", "示例县测试局", True)  # the category from its 主项, the body from the department
    assert [b["article"] for b in powers["CF-DEMO-100"]["legal_basis"]] == ["第一百二十二条、第一百二十四条"]
    licence = powers["XK-DEMO-100"]  # 、-joined titles without articles: two bases
    assert [b["law"] for b in licence["legal_basis"]] == ["中华人民共和国食品安全法", "食品经营许可和备案管理办法"]
    assert licence["fee"] == {"charged": False} and licence["materials"] == ["食品经营许可申请书", "营业执照复印件"]


def test_json_without_items_names_its_keys(empty: Path, tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text(json.dumps({"rows": [{"item_name": "甲", "type": "01"}]}), encoding="utf-8")
    with pytest.raises(ImportError_, match="JSON 中找不到事项.*顶层的键：rows"):
        import_file(empty, path, "demo")
    result = import_file(empty, path, "demo", mapping={"item_name": "name", "type": "事项类型"})
    assert [(r.status, r.code) for r in result.rows] == [("written", "XK-DEMO-001")]


SECTIONS = """\
序号,监管事项名称,设定依据,行使层级
一、行政许可（共1项）,,,
1,食品经营许可,《中华人民共和国食品安全法》第三十五条,"3,4"
二、行政处罚（共1项）,,,
2,对违法生产经营食品的处罚,《中华人民共和国食品安全法》第一百二十四条,4
"""


def test_section_headings_give_the_category_and_map_names_a_column(empty: Path, tmp_path: Path) -> None:
    path = tmp_path / "清单.csv"
    path.write_text(SECTIONS, encoding="utf-8")
    with pytest.raises(ImportError_, match="前 30 行中找不到表头"):
        import_file(empty, path, "demo")
    result = import_file(empty, path, "demo", mapping={"监管事项名称": "事项名称"})
    assert [(r.row, r.code) for r in result.rows] == [(3, "XK-DEMO-001"), (5, "CF-DEMO-001")]
    powers = _powers(empty)
    assert powers["XK-DEMO-001"]["exercise_levels"] == ["市级", "县级"] and powers["CF-DEMO-001"]["category"] == "penalty"


def test_dry_run_writes_nothing_and_shows_each_item_and_the_coverage(empty: Path, tmp_path: Path) -> None:
    path = _spot_check_xlsx(tmp_path)
    out = runner.invoke(app, ["import", str(path), "-d", "demo", "--root", str(empty), "--dry-run", "-c", "行政检查",
                              "--laws", str(LAWS)])
    assert out.exit_code == 0, out.output
    assert not (empty / "catalogs/demo/powers").exists()
    lines = out.output.splitlines()
    assert "试运行(--dry-run)：不写任何文件" in lines
    assert "第 6 行 → catalogs/demo/powers/JC-DEMO-002.yaml  食品销售者监督检查 [行政检查]" in lines
    assert "  所属主项：食品生产经营监督检查" in lines
    assert "  依据 确定：《中华人民共和国食品安全法》第一百一十条 法律" in lines  # the test library has it
    assert "  依据 需核对：《食品生产经营监督检查管理办法》第十条 未知" in lines  # not there, no marker, no number
    assert "      无法判断效力层级" in lines
    assert "  需补充：承办机构、主管领导、职责要求、责任追究、法定时限、相对人的权利、公开范围和公开时间" in lines
    assert "  行使依据  4/4" in lines and "  实施主体  4/4" in lines and "  法定时限  0/4" in lines
    assert "行使依据共 8 条：确定 3 · 较确定 0 · 需核对 5" in lines  # 特种设备安全法 is not in the test library
    english = runner.invoke(app, ["import", str(path), "-d", "demo", "--root", str(empty), "--dry-run",
                                  "-c", "inspection", "--lang", "en"])
    assert "row 6 → catalogs/demo/powers/JC-DEMO-002.yaml  食品销售者监督检查 [inspection]" in english.output
    assert "  still needed: 承办机构、主管领导、职责要求、责任追究、法定时限、相对人的权利、公开范围和公开时间" in english.output
    bad = runner.invoke(app, ["import", str(path), "-d", "demo", "--root", str(empty), "--map", "抽查事项"])
    assert bad.exit_code == 2 and "--map 抽查事项：应写成 列名=字段" in bad.output
    bad = runner.invoke(app, ["import", str(path), "-d", "demo", "--root", str(empty), "-c", "指导"])
    assert bad.exit_code == 2 and "--category 指导：可选 licensing" in bad.output


def test_a_basis_continued_on_a_row_of_its_own_is_no_heading(empty: Path, tmp_path: Path) -> None:
    path = tmp_path / "清单.csv"
    path.write_text("事项名称,事项类型,依据\n食品经营许可,行政许可,一、《中华人民共和国食品安全法》第三十五条\n"
                    ",,二、《食品经营许可和备案管理办法》第二条\n", encoding="utf-8")
    result = import_file(empty, path, "demo")
    assert [(r.row, r.status) for r in result.rows] == [(2, "written")]
    assert [b["law"] for b in _powers(empty)["XK-DEMO-001"]["legal_basis"]] == [
        "中华人民共和国食品安全法", "食品经营许可和备案管理办法"]
