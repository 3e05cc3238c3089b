"""`powercat import` from departments' lists (CSV in GB18030 and UTF-8 with BOM, JSON, XLSX) and
`powercat export` (CSV, XLSX, DOCX), with the round trip export → import → same fields."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from powercat.cli import app
from powercat.adopt.export import COLUMNS, export
from powercat.adopt.importer import ImportError_, import_file
from powercat.catalog.loader import load_catalog
from powercat.lint.engine import validate

from .conftest import CASES, write_repo

DATA = Path(__file__).parent / "data" / "import"
BASE = (CASES / "_power.yaml").read_text(encoding="utf-8")
runner = CliRunner()

FEE_POWER = """code: XK-DEMO-002
basic_code: '000101002000'
name: 燃气经营许可证核发
category: licensing
status: suspended
effective_from: 2024-01-01
handling_unit: 行政审批科
leader: 李明(副局长)
legal_basis:
  - law: 城镇燃气管理条例
    level: administrative_regulation
    article: 第十五条第一款
    text: |-
      国家对燃气经营实行许可证制度。从事燃气经营活动的企业，应当具备下列条件：
      （一）符合燃气发展规划要求；
      （二）有符合国家标准的燃气气源和燃气设施。
  - law: 国务院对确需保留的行政审批项目设定行政许可的决定
    level: state_council_decision
duties: 审查燃气经营企业的条件，颁发燃气经营许可证。
conditions: [符合燃气发展规划要求, 有符合国家标准的燃气气源和燃气设施]
materials: [燃气经营许可申请书, 企业法人营业执照]
time_limit:
  statutory: {days: 20, unit: working}
  promised: on_the_spot
  extension: {days: 10, unit: working}
  basis: 行政许可法第四十二条
fee: {charged: true, standard: 每证 10 元, basis: 城镇燃气管理条例第十五条, basis_level: administrative_regulation}
service_commitment: 材料齐全的当场办结。
discipline: 不得刁难申请人。
accountability: 对不符合条件的企业颁发许可证的，依法追究责任。
rights:
  - {type: explanation}
  - {type: statement}
  - {type: defense}
  - {type: hearing, note: 涉及申请人与他人之间重大利益关系的，有权申请听证}
  - {type: reconsideration, note: 自知道之日起六十日内, basis: 行政复议法第二十条；第二十四条}
  - {type: litigation, basis: 行政诉讼法第四十六条}
hearing: true
disclosure: {scope: public, timing: timely, within_days: 7, carriers: [website, service_guide, bulletin_board]}
procedures:
  - kind: general
    steps:
      - {id: apply, name: 申请, type: start, actor: 申请人, next: [accept]}
      - {id: accept, name: 受理, post: window, time_limit: on_the_spot, next: [review]}
      - {id: review, name: 审查, type: decision, post: reviewer, time_limit: on_the_spot, next: [hearing]}
      - {id: hearing, name: 听证, post: reviewer, time_limit: on_the_spot, next: [decide]}
      - {id: decide, name: 决定, post: chief, time_limit: on_the_spot, next: [deliver]}
      - {id: deliver, name: 送达, type: end}
"""
SECRET = """code: ZD-DEMO-001
name: 年度重大投资项目决策
category: major_decision
handling_unit: 办公室
leader: 王五(局长)
legal_basis:
  - {law: 重大行政决策程序暂行条例, level: administrative_regulation, article: 第三条, text: 本条例所称重大行政决策事项包括制定有关公共服务、市场监管、社会管理、环境保护等方面的重大公共政策和措施。}
duties: 按程序集体决策。
accountability: 违反程序决策的，依规追究责任。
disclosure: {scope: internal, timing: periodic, carriers: [briefing]}
risks: [{description: 未经集体讨论决定, level: high, controls: [班子会议集体决定]}]
procedures:
  - kind: general
    steps:
      - {id: propose, name: 决策启动, type: start, next: [consult]}
      - {id: consult, name: 公众参与和专家论证, post: reviewer, time_limit: {days: 30, unit: natural}, next: [legal]}
      - {id: legal, name: 合法性审查, post: section-chief, time_limit: {days: 7, unit: working}, next: [decide]}
      - {id: decide, name: 集体讨论决定, type: decision, post: chief, time_limit: {days: 1, unit: working}, next: [publish]}
      - {id: publish, name: 决策公布, type: end}
"""
CATALOG = {
    "catalogs/demo/powers/XK-DEMO-001.yaml": BASE.replace("name: 建筑工程施工许可证核发",
                                                          "basic_code: '000101001000'\nname: 建筑工程施工许可证核发"),
    "catalogs/demo/powers/XK-DEMO-002.yaml": FEE_POWER,
    "catalogs/demo/powers/ZD-DEMO-001.yaml": SECRET,
}


@pytest.fixture
def empty(tmp_path: Path) -> Path:
    """A repository with the demo department and no powers."""
    (tmp_path / "empty").mkdir()
    return write_repo(tmp_path / "empty", {})


def _power(root: Path, code: str) -> tuple[str, dict]:
    text = (root / "catalogs/demo/powers" / f"{code}.yaml").read_text(encoding="utf-8")
    return text, yaml.safe_load(text)


# --- import ------------------------------------------------------------------------------

def test_gb18030_csv_with_a_title_row(empty: Path) -> None:
    result = import_file(empty, DATA / "zjj-gb18030.csv", "demo")
    assert [(r.row, r.status, r.code) for r in result.rows] == [
        (3, "written", "XK-DEMO-001"), (4, "written", "CF-DEMO-001"), (5, "written", "JC-DEMO-001")]
    assert result.unknown == ["联系人"] and result.kept == ["备注"]
    text, power = _power(empty, "XK-DEMO-001")
    assert power["name"] == "建筑工程施工许可证核发" and power["category"] == "licensing"
    assert power["basic_code"] == "000101001000"  # a string: the zeros stay
    assert [(b["law"], b["level"], b["article"]) for b in power["legal_basis"]] == [
        ("中华人民共和国建筑法", "law", "第七条第一款"), ("建筑工程施工许可管理办法", "department_rule", "第二条第一款")]
    assert power["legal_basis"][0]["text"].endswith("限额以下的小型工程除外。")
    assert power["conditions"][2] == "施工场地已经基本具备施工条件" and len(power["materials"]) == 3
    assert power["time_limit"] == {"statutory": {"days": 15, "unit": "working"}, "promised": {"days": 3, "unit": "working"}}
    assert power["fee"] == {"charged": False} and power["exercise_levels"] == ["县级"]
    assert "hearing" not in power  # the list does not say: unknown, not 否
    assert power["complaints"] == [{"name": "投诉电话", "phone": "0000-12345"}]
    assert power["leader"] == "TODO 主管领导" and power["handling_unit"] == "行政审批科"
    assert [s["post"] for s in power["procedures"][0]["steps"] if "post" in s] == ["TODO"] * 4
    assert power["legal_basis"][0]["edition"] == "2019年4月23日修正"  # the note's last amendment
    assert "  - law: 中华人民共和国建筑法  # 较确定(按源表书名号)；源表版本说明：1997年11月1日第八届全国人民代表大会" in text
    head = text.split("\ncode:")[0]
    assert "# 由 powercat import 从 zjj-gb18030.csv 第 3 行导入" in head
    assert "#   联系人：王五" in head and "实施层级" not in head
    assert "# 源表未提供、需补充：主管领导、职责要求、责任追究、是否听证、相对人的权利、公开范围和公开时间、办理流程的岗位" in head
    _, inspection = _power(empty, "JC-DEMO-001")
    assert inspection["time_limit"] == {"statutory": "on_the_spot"}
    assert [(b["law"], b.get("article")) for b in inspection["legal_basis"]] == [
        ("建设工程安全生产管理条例", None), ("建筑施工企业安全生产许可证管理规定", None)]


def test_written_files_pass_the_schema_and_validation_names_what_is_missing(empty: Path) -> None:
    result = import_file(empty, DATA / "zjj-gb18030.csv", "demo")
    report = validate(empty, result.written, use_cache=False)
    codes = {(d.file.rsplit("/", 1)[1], d.code) for d in report.diagnostics}
    assert not {c for _, c in codes} & {"PC100", "PC101", "PC102"}
    assert ("CF-DEMO-001.yaml", "PC401") in codes and ("CF-DEMO-001.yaml", "PC701") in codes
    assert ("CF-DEMO-001.yaml", "PC604") in codes and ("CF-DEMO-001.yaml", "PC110") in codes  # the TODO posts
    assert "PC507" not in {c for _, c in codes}  # the TODO posts are PC110's alone
    assert ("JC-DEMO-001.yaml", "PC202") in codes  # the bases without article
    assert ("CF-DEMO-001.yaml", "PC302") not in codes  # the list gave 90日


def test_utf8_bom_csv_rows_that_cannot_be_imported_are_reported(empty: Path) -> None:
    result = import_file(empty, DATA / "scjgj-utf8-bom.csv", "demo")
    assert [(r.row, r.status) for r in result.rows] == [(2, "written"), (3, "written"), (4, "written"), (5, "error")]
    assert result.rows[3].message == "缺少事项名称，未导入"  # row 5 has its own category: not row 4's second line
    text, guidance = _power(empty, "YY-SCJ-99")  # 行政指导 is no category: written as given, PC101 says so
    assert guidance["category"] == "行政指导" and "# 源表事项类型“行政指导”不是可用的类别" in text
    assert result.unknown == ["数据来源"]
    text, penalty = _power(empty, "CF-SCJ-010")
    # 设定依据 and 实施依据 name the same article: kept once; the 行政处罚法 basis added
    assert [(b["law"], b["article"]) for b in penalty["legal_basis"]] == [
        ("中华人民共和国食品安全法", "第一百二十四条第一款第（四）项"), ("中华人民共和国行政处罚法", "第五十一条")]
    assert penalty["duties"].startswith("1.立案责任") and "duties: |-\n" in text
    assert penalty["status"] == "active" and penalty["handling_unit"] == "TODO 承办机构"
    assert penalty["disclosure"] == {"scope": "public", "timing": "timely", "within_days": 7,
                                     "carriers": ["website", "service_guide"]}
    assert penalty["supervision"] == [{"name": "监督电话", "phone": "0000-7654321"}]
    _, licence = _power(empty, "XK-SCJ-020")
    assert licence["fee"] == {"charged": False}  # 收费标准: 不收费
    assert licence["legal_basis"][1] == {"law": "食品经营许可和备案管理办法", "level": "department_rule", "article": "第二条",
                                         "edition": "国家市场监督管理总局令第78号"}


def test_json_list_prefers_the_internal_unit_and_keeps_what_has_no_key(empty: Path) -> None:
    result = import_file(empty, DATA / "jyj.json", "demo")
    assert [(r.row, r.code) for r in result.rows] == [(1, "QR-JYJ-005"), (2, "XK-JYJ-007")]
    assert result.unknown == []
    text, power = _power(empty, "QR-JYJ-005")
    assert power["handling_unit"] == "学生资助管理中心"  # 内设机构: the handling unit
    assert power["exercised_by"] == "示例县教育局"  # 实施主体: who may exercise it, its own field
    assert power["guide"] == {"places": [{"name": "县政务服务中心3号窗口"}]}  # 办事指南: 办理地点
    assert "办理地点" not in text.split("\ncode:")[0] and "实施主体" not in text.split("\ncode:")[0]
    assert power["materials"] == ["家庭经济困难学生认定申请表", "户口簿"]
    assert power["conditions"] == ["家庭经济困难的在校学生"]
    assert power["rights"] == [{"type": "statement"}, {"type": "defense"}, {"type": "reconsideration"},
                               {"type": "litigation"}]
    assert power["time_limit"]["statutory"] == {"days": 20, "unit": "working"}
    text, licence = _power(empty, "XK-JYJ-007")
    assert licence["category"] == "licensing" and licence["fee"] == {"charged": False}
    assert [b["law"] for b in licence["legal_basis"]] == ["中华人民共和国教师法", "教师资格条例"]
    assert "#   法定时限：依法定程序" in text and "statutory" not in licence["time_limit"]
    assert "# 源表未提供、需补充：主管领导、职责要求、责任追究、法定时限、是否听证、相对人的权利、公开范围和公开时间、办理流程的岗位" in text
    report = validate(empty, result.written, use_cache=False)
    assert [d.line for d in report.diagnostics if d.code == "PC302"] == [text.splitlines().index(
        next(line for line in text.splitlines() if line.startswith("time_limit"))) + 1]


def _xlsx(path: Path) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["示例县测试局权力清单"])
    ws.merge_cells("A1:F1")
    ws.append(["序号", "*事项名称", "职权编码", "事项类型（必填）", "依据", "生效日期", "法定时限", "是否听证", "其他说明"])
    ws.append([1, "对违法建设的行政处罚", "CF-DEMO-007", 2,
               "【法律】《中华人民共和国城乡规划法》\n第六十四条　未取得建设工程规划许可证或者未按照建设工程规划许可证的规定进行建设的，"
               "由县级以上地方人民政府城乡规划主管部门责令停止建设。", dt.datetime(2024, 3, 1), "90日", "是", "试行"])
    ws.append([None] * 9)
    ws.append([2, "建设工程消防验收", 330000001, "行政许可", "《中华人民共和国消防法》第十三条", None, "15个工作日", "否", None,
               "无表头的值"])
    path = path / "清单.xlsx"
    wb.save(path)
    return path


def test_xlsx_with_title_row_numbers_dates_and_marked_headers(empty: Path, tmp_path: Path) -> None:
    result = import_file(empty, _xlsx(tmp_path), "demo")
    assert [(r.row, r.code) for r in result.rows] == [(3, "CF-DEMO-007"), (5, "330000001")]
    assert result.unknown == ["其他说明", "第10列"]  # a value under no header is reported, not dropped
    text, power = _power(empty, "CF-DEMO-007")
    assert power["category"] == "penalty" and power["effective_from"] == dt.date(2024, 3, 1)
    assert power["hearing"] is True and power["time_limit"]["statutory"] == {"days": 90, "unit": "natural"}
    assert power["legal_basis"][0]["article"] == "第六十四条"
    text, numbered = _power(empty, "330000001")
    assert "#   第10列：无表头的值" in text
    assert numbered["code"] == "330000001" and numbered["hearing"] is False


def test_never_overwrites_without_force_and_a_code_less_row_finds_its_file_again(empty: Path) -> None:
    import_file(empty, DATA / "zjj-gb18030.csv", "demo")
    path = empty / "catalogs/demo/powers/XK-DEMO-001.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("TODO 主管领导", "李明(副局长)"), encoding="utf-8")
    again = import_file(empty, DATA / "zjj-gb18030.csv", "demo")
    assert [(r.status, r.code) for r in again.rows] == [("exists", "XK-DEMO-001"), ("exists", "CF-DEMO-001"),
                                                      ("exists", "JC-DEMO-001")]
    assert again.rows[0].message == "catalogs/demo/powers/XK-DEMO-001.yaml 已存在，未覆盖(加 --force 覆盖)"
    assert "李明(副局长)" in path.read_text(encoding="utf-8")
    forced = import_file(empty, DATA / "zjj-gb18030.csv", "demo", force=True)
    assert [r.status for r in forced.rows] == ["written"] * 3
    assert "TODO 主管领导" in path.read_text(encoding="utf-8")
    assert sorted(p.name for p in path.parent.iterdir()) == ["CF-DEMO-001.yaml", "JC-DEMO-001.yaml", "XK-DEMO-001.yaml"]


def test_a_code_of_another_department_is_never_taken(empty: Path) -> None:
    (empty / "catalogs/other/powers").mkdir(parents=True)
    (empty / "catalogs/other/powers/CF-SCJ-010.yaml").write_text("code: CF-SCJ-010\n", encoding="utf-8")
    result = import_file(empty, DATA / "scjgj-utf8-bom.csv", "demo", force=True)
    assert result.rows[0].status == "exists"
    assert result.rows[0].message == "编码 CF-SCJ-010 已在 catalogs/other/powers/CF-SCJ-010.yaml 使用，未导入"


@pytest.mark.parametrize(("name", "content", "message"), [
    ("bad.csv", b"\xff\xfe\xff\x80\x81", "不是 UTF-8 或 GB18030 编码的文本"),
    ("bad.json", "{\"data\": [".encode(), "第 1 行第 11 列不是有效的 JSON"),
    ("scalar.json", b"[1, 2]", "JSON 中找不到事项"),
    ("noheader.csv", "名称,类型\n甲,乙\n".encode(), "前 30 行中找不到表头"),
    ("old.xls", b"\xd0\xcf\x11\xe0", "不支持旧版 .xls"),
    ("broken.xlsx", b"PK\x03\x04 not really", "不是可读的 XLSX 文件"),
    ("list.pdf", b"%PDF", "只能导入 .json、.csv 或 .xlsx 文件"),
])
def test_unreadable_input_is_exit_2_with_a_clear_message(empty: Path, tmp_path: Path, name: str,
                                                         content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImportError_, match=message):
        import_file(empty, path, "demo")
    out = runner.invoke(app, ["import", str(path), "--department", "demo", "--root", str(empty)])
    assert out.exit_code == 2 and message in out.output and "Traceback" not in out.output


def test_import_command_reports_columns_files_and_what_is_missing(empty: Path) -> None:
    out = runner.invoke(app, ["import", str(DATA / "zjj-gb18030.csv"), "-d", "demo", "--root", str(empty)])
    assert out.exit_code == 0, out.output
    lines = out.output.splitlines()
    assert "  未识别的列(值已原样写入每个新文件开头的注释，请核对；可用 --map 列名=字段 指定)：联系人" in lines
    assert "  本格式没有对应键的列(值写入文件开头的注释)：备注" in lines
    assert "  写入 catalogs/demo/powers/CF-DEMO-001.yaml(第 4 行)" in lines
    start = lines.index(next(x for x in lines if x.startswith("catalogs/demo/powers/CF-DEMO-001.yaml：")))
    block = lines[start:lines.index(next(x for x in lines if x.startswith("catalogs/demo/powers/JC-DEMO-001.yaml：")))]
    assert "  警告  PC701 没有职责要求或责任追究 ×2  第 1 行" in block  # a policy document: a warning
    assert "  TODO  leader: TODO 主管领导  第 13 行" in block
    assert any(x.startswith("  TODO  post: TODO ×6  第 ") for x in block)
    again = runner.invoke(app, ["import", str(DATA / "zjj-gb18030.csv"), "-d", "demo", "--root", str(empty),
                                "--lang", "en"])
    assert again.exit_code == 1 and "no file written." in again.output
    missing = runner.invoke(app, ["import", str(DATA / "jyj.json"), "-d", "nope", "--root", str(empty)])
    assert missing.exit_code == 2 and "没有部门 nope" in missing.output


# --- export ------------------------------------------------------------------------------

@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    (tmp_path / "catalog").mkdir()
    return write_repo(tmp_path / "catalog", dict(CATALOG))


def _csv_rows(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_has_national_columns_codes_as_text_and_the_audience(catalog: Path) -> None:
    data, count, _ = export(catalog, "csv")
    assert count == 2
    assert data.decode("utf-8-sig").splitlines()[0].split(",")[:8] == [
        "序号", "部门", "事项名称", "职权编码", "基本编码", "实施编码", "事项类型", "依据"]
    rows = _csv_rows(data)
    assert [r["职权编码"] for r in rows] == ["XK-DEMO-001", "XK-DEMO-002"]  # ZD-DEMO-001 is not public
    first, fee = rows
    assert first["基本编码"] == '="000101001000"' and first["部门"] == "示例县测试局"
    assert first["依据"] == ("【法律】《中华人民共和国建筑法》\n第七条 建筑工程开工前，建设单位应当按照国家有关规定向工程所在地"
                           "县级以上人民政府建设行政主管部门申请领取施工许可证。")
    assert (fee["事项类型"], fee["状态"], fee["承诺时限"], fee["是否收费"], fee["收费标准"]) == (
        "行政许可", "暂停实施", "当场", "是", "每证 10 元")
    assert fee["收费依据"] == "【行政法规】城镇燃气管理条例第十五条"
    assert fee["相对人权利"].endswith("、申请行政复议（自知道之日起六十日内；依据：行政复议法第二十条；第二十四条）"
                                  "、提起行政诉讼（依据：行政诉讼法第四十六条）")
    assert fee["公开时间"] == "及时公开（7日内）" and fee["公开载体"] == "网站、办事指南、政务公开栏"
    assert fee["相对人权利"].startswith("要求说明理由、陈述、申辩、申请听证（涉及申请人与他人之间重大利益关系的，有权申请听证）")
    internal = _csv_rows(export(catalog, "csv", audience="internal")[0])
    assert [r["职权编码"] for r in internal] == ["XK-DEMO-001", "XK-DEMO-002", "ZD-DEMO-001"]


def test_xlsx_is_deterministic_with_text_cells(catalog: Path) -> None:
    from openpyxl import load_workbook

    data, _, _ = export(catalog, "xlsx")
    assert data == export(catalog, "xlsx")[0]
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert {i.date_time for i in z.infolist()} == {(2000, 1, 1, 0, 0, 0)}
        assert b"2000-01-01T00:00:00Z" in z.read("docProps/core.xml")
    ws = load_workbook(io.BytesIO(data)).active
    assert [c.value for c in ws[1]] == [name for name, _ in COLUMNS]
    assert ws["E2"].value == "000101001000" and ws["E2"].number_format == "@"
    assert ws["A2"].value == "1" and ws.freeze_panes == "D2"


def test_docx_opens_with_a_contents_list_and_one_table_per_power(catalog: Path) -> None:
    from docx import Document

    data, _, _ = export(catalog, "docx", audience="internal")
    assert data == export(catalog, "docx", audience="internal")[0]
    doc = Document(io.BytesIO(data))
    texts = [p.text for p in doc.paragraphs]
    assert texts[:5] == ["测试职权目录", "共 1 个部门、3 项行政权力事项。截至 2000-01-01。", "目录", "示例县测试局",
                         "1. 建筑工程施工许可证核发（行政许可，XK-DEMO-001）"]
    assert [p.text for p in doc.paragraphs if p.style.name == "Heading 2"] == [
        "1. 建筑工程施工许可证核发", "2. 燃气经营许可证核发", "3. 年度重大投资项目决策"]
    assert len(doc.tables) == 3
    fields = {row.cells[0].text: row.cells[1].text for row in doc.tables[1].rows}
    assert fields["职权编码"] == "XK-DEMO-002" and fields["法定时限"] == "20个工作日"
    assert fields["办理流程"] == "一般程序：申请 → 受理(当场) → 审查(当场) → 听证(当场) → 决定(当场) → 送达"
    assert "重大行政决策" == {r.cells[0].text: r.cells[1].text for r in doc.tables[2].rows}["事项类型"]
    assert doc.core_properties.modified == dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc) and doc.core_properties.author == "powercat"


def _carried(power: dict) -> dict:
    """The fields the export carries (what a round trip must reproduce)."""
    keep = {name for name in ("code", "basic_code", "implementation_code", "name", "category", "status",
                              "effective_from", "handling_unit", "leader", "legal_basis", "duties", "conditions",
                              "materials", "time_limit", "fee", "service_commitment", "discipline",
                              "accountability", "rights", "hearing", "disclosure")}
    return {k: v for k, v in power.items() if k in keep}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_round_trip_export_then_import_reproduces_the_fields(catalog: Path, empty: Path, tmp_path: Path,
                                                             fmt: str) -> None:
    data, _, _ = export(catalog, fmt, audience="internal")
    path = tmp_path / f"职权目录.{fmt}"
    path.write_bytes(data)
    result = import_file(empty, path, "demo")
    assert [r.status for r in result.rows] == ["written"] * 3 and result.unknown == [] and result.kept == []
    before = {lp.power.code: lp.power for lp in load_catalog(catalog, use_cache=False).powers()}
    after = {lp.power.code: lp.power for lp in load_catalog(empty, use_cache=False).powers()}
    assert sorted(after) == sorted(before)
    for code, power in before.items():
        old = _carried(power.model_dump(mode="json", exclude_defaults=True))
        new = _carried(after[code].model_dump(mode="json", exclude_defaults=True))
        assert new == old, code


def test_export_command_writes_the_file_and_rejects_bad_options(catalog: Path, tmp_path: Path) -> None:
    out = runner.invoke(app, ["export", "--format", "docx", "--root", str(catalog)])
    assert out.exit_code == 0, out.output
    assert (catalog / "build/export/职权目录.docx").is_file() and "已导出 2 项到" in out.output
    target = tmp_path / "x.csv"
    out = runner.invoke(app, ["export", "-f", "csv", "-o", str(target), "--root", str(catalog), "--audience", "internal"])
    assert out.exit_code == 0 and len(_csv_rows(target.read_bytes())) == 3
    bad = runner.invoke(app, ["export", "--format", "pdf", "--root", str(catalog)])
    assert bad.exit_code == 2 and "--format pdf：可选 csv、xlsx、docx" in bad.output
    bad = runner.invoke(app, ["export", "--audience", "all", "--root", str(catalog)])
    assert bad.exit_code == 2 and "--audience all：可选 public、internal" in bad.output


def test_service_guide_columns_become_the_guide_keywords_and_topics(empty: Path, tmp_path: Path) -> None:
    path = tmp_path / "办事指南.csv"
    head = ["事项名称", "职权编码", "事项类型", "服务对象", "办理方式", "网上办理地址", "办理地点", "办理时间",
            "到现场次数", "办理结果", "检索词", "主题"]
    row = ["食品经营许可", "XK-DEMO-031", "行政许可", "企业法人、个体工商户", "窗口办理；网上办理",
           "https://zwfw.example/spjy", "县政务服务中心3号窗口", "周一至周五 8:30-17:30", "0次", "食品经营许可证",
           "开饭店、小吃店", "开办企业；餐饮"]
    buf = io.StringIO()
    csv.writer(buf).writerows([head, row])
    path.write_bytes(buf.getvalue().encode("utf-8-sig"))
    result = import_file(empty, path, "demo")
    assert [r.status for r in result.rows] == ["written"] and result.unknown == []
    _, power = _power(empty, "XK-DEMO-031")
    assert power["guide"] == {"audience": ["企业法人", "个体工商户"], "ways": ["window", "online"],
                              "online_url": "https://zwfw.example/spjy", "visits": 0,
                              "places": [{"name": "县政务服务中心3号窗口", "hours": "周一至周五 8:30-17:30"}],
                              "result": {"name": "食品经营许可证"}}
    assert power["keywords"] == ["开饭店", "小吃店"] and power["topics"] == ["开办企业", "餐饮"]
    exported = export(empty, "csv", audience="internal")[0].decode("utf-8-sig")
    header, first = list(csv.reader(io.StringIO(exported)))[:2]
    cells = dict(zip(header, first))
    assert cells["办理方式"] == "窗口办理、网上办理" and cells["到现场次数"] == "0" and cells["检索词"] == "开饭店、小吃店"
