"""The 依据 splitter and the other free-text cells of national lists (powercat.adopt.basis_text, powercat.adopt.cells).

The 依据 texts are written the way published 权力清单 write them (浙江政务服务网-style level
markers, numbered lists, full-width spaces and punctuation); the article texts are the laws' own.
"""

from __future__ import annotations

import pytest

from powercat.adopt.basis_text import ParsedBasis, format_bases, infer_level, split_basis, split_level
from powercat.adopt.cells import (
    cn_number, parse_bool, parse_category, parse_date, parse_disclosure, parse_rights, parse_status,
    parse_time_limit, split_items,
)

PATENT = (
    "【法律】《中华人民共和国专利法》（1984年3月12日第六届全国人民代表大会常务委员会第四次会议通过　"
    "根据2020年10月17日第十三届全国人民代表大会常务委员会第二十二次会议《关于修改〈中华人民共和国专利法〉的决定》"
    "第四次修正）\n"
    "第六十五条　未经专利权人许可，实施其专利，即侵犯其专利权，引起纠纷的，由当事人协商解决；不愿协商或者协商不成的，"
    "专利权人或者利害关系人可以向人民法院起诉，也可以请求管理专利工作的部门处理。\n"
    "【行政法规】《中华人民共和国专利法实施细则》（2001年6月15日中华人民共和国国务院令第306号公布　"
    "根据2023年12月11日《国务院关于修改〈中华人民共和国专利法实施细则〉的决定》第三次修订）\n"
    "第九十五条　省、自治区、直辖市人民政府管理专利工作的部门以及专利管理工作量大又有实际处理能力的地级市、自治州、盟、"
    "地区和直辖市的区人民政府管理专利工作的部门，可以处理和调解专利纠纷。"
)


def _triples(text: str) -> list[tuple[str, str | None, str | None]]:
    return [(b.law, b.level, b.article) for b in split_basis(text)]


def test_levels_titles_editions_articles_and_texts_of_a_published_cell() -> None:
    law, regulation = split_basis(PATENT)
    assert (law.law, law.level, law.article, law.sure.level) == ("中华人民共和国专利法", "law", "第六十五条", "marker")
    assert law.text.startswith("未经专利权人许可，实施其专利") and law.text.endswith("管理专利工作的部门处理。")
    assert law.note.startswith("1984年3月12日") and law.note.endswith("第四次修正")
    assert "〈中华人民共和国专利法〉" in law.note  # a title inside the edition note stays there
    assert law.edition == "2020年10月17日修正"  # the edition: the note's last amendment
    assert (regulation.law, regulation.level, regulation.article) == (
        "中华人民共和国专利法实施细则", "administrative_regulation", "第九十五条")
    assert regulation.text.startswith("省、自治区、直辖市人民政府管理专利工作的部门")
    assert regulation.note.startswith("2001年6月15日中华人民共和国国务院令第306号公布")
    assert regulation.edition == "2023年12月11日修订"


def test_several_articles_of_one_law_become_several_bases() -> None:
    text = ("【法律】《中华人民共和国食品安全法》\n"
            "第三十五条第一款　国家对食品生产经营实行许可制度。从事食品生产、食品销售、餐饮服务，应当依法取得许可。\n"
            "第三十九条第一款　国家对食品添加剂生产实行许可制度。")
    bases = split_basis(text)
    assert [(b.law, b.level, b.article) for b in bases] == [
        ("中华人民共和国食品安全法", "law", "第三十五条第一款"),
        ("中华人民共和国食品安全法", "law", "第三十九条第一款"),
    ]
    assert bases[1].text == "国家对食品添加剂生产实行许可制度。"


def test_numbered_items_with_full_width_colon_and_clause_numbers() -> None:
    text = ("1.《中华人民共和国建筑法》第七条第一款：建筑工程开工前，建设单位应当按照国家有关规定向工程所在地县级以上"
            "人民政府建设行政主管部门申请领取施工许可证；但是，国务院建设行政主管部门确定的限额以下的小型工程除外。\n"
            "2.《建筑工程施工许可管理办法》（住房和城乡建设部令第18号）第二条第一款")
    first, second = split_basis(text)
    assert (first.law, first.article) == ("中华人民共和国建筑法", "第七条第一款")
    assert first.text.endswith("小型工程除外。") and not first.text.startswith("：")
    assert (first.level, first.sure.level) == ("law", "name")
    assert (second.law, second.article, second.text) == ("建筑工程施工许可管理办法", "第二条第一款", None)
    assert (second.level, second.edition, second.sure.level) == ("department_rule", "住房和城乡建设部令第18号", "document")


def test_missing_article_still_yields_the_law() -> None:
    (basis,) = split_basis("【国务院决定】《国务院对确需保留的行政审批项目设定行政许可的决定》（国务院令第412号）")
    assert (basis.law, basis.level, basis.article, basis.text) == (
        "国务院对确需保留的行政审批项目设定行政许可的决定", "state_council_decision", None, None)
    assert basis.edition == "国务院令第412号"


def test_item_of_the_412_decision_is_its_article() -> None:
    (basis,) = split_basis("《国务院对确需保留的行政审批项目设定行政许可的决定》（国务院令第412号）附件第107项：燃气经营许可")
    assert (basis.article, basis.text, basis.level) == ("附件第107项", "燃气经营许可", "state_council_decision")


def test_a_title_quoted_inside_the_text_does_not_start_a_basis() -> None:
    text = ("《浙江省城乡规划条例》第三十六条第二款：建设单位应当依照《中华人民共和国城乡规划法》的规定，"
            "向城乡规划主管部门申请办理建设工程规划许可证。")
    (basis,) = split_basis(text)
    assert (basis.law, basis.level, basis.article) == ("浙江省城乡规划条例", "local_regulation", "第三十六条第二款")
    assert "依照《中华人民共和国城乡规划法》的规定" in basis.text


def test_semicolon_separated_bases_and_article_lists_on_one_line() -> None:
    text = "《中华人民共和国行政许可法》第二十九条、第三十条；《建设工程质量管理条例》第十三条。"
    assert _triples(text) == [
        ("中华人民共和国行政许可法", "law", "第二十九条、第三十条"),
        ("建设工程质量管理条例", "administrative_regulation", "第十三条"),
    ]


def test_inline_articles_after_a_full_stop() -> None:
    text = "《中华人民共和国行政处罚法》第五十一条：违法事实确凿并有法定依据的，可以当场作出行政处罚决定。第五十二条：执法人员当场作出行政处罚决定的，应当向当事人出示执法证件。"
    assert [b.article for b in split_basis(text)] == ["第五十一条", "第五十二条"]


def test_an_article_reference_inside_the_text_is_not_split() -> None:
    text = "《中华人民共和国城乡规划法》第六十四条　未取得建设工程规划许可证进行建设的，由县级以上地方人民政府城乡规划主管部门责令停止建设；依照本法第四十条的规定处理。"
    (basis,) = split_basis(text)
    assert basis.article == "第六十四条" and "本法第四十条" in basis.text


@pytest.mark.parametrize(("text", "expected"), [
    ("[法律]《中华人民共和国行政许可法》第四十二条", ("law", "marker")),
    ("〔地方性法规〕《浙江省城乡规划条例》第十条", ("local_regulation", "marker")),
    ("【地方政府规章】《浙江省行政程序办法》第五条", ("local_rule", "marker")),
    ("【规范性文件】《关于推行地方各级政府工作部门权力清单制度的指导意见》", ("normative_document", "marker")),
    ("法律：《中华人民共和国城市房地产管理法》第四十五条", ("law", "marker")),
    ("【法规】《建设工程质量管理条例》第十三条", ("administrative_regulation", "name")),
    ("【法规】《浙江省城乡规划条例》第十条", ("local_regulation", "name")),
    ("【规章】《浙江省行政程序办法》第五条", ("local_rule", "name")),
    ("【规章】《建筑工程施工许可管理办法》第二条", ("department_rule", "name")),
    ("【规章】《浙江省行政程序办法》（浙江省人民政府令第348号）第五条", ("local_rule", "document")),
])
def test_level_markers_and_ambiguous_markers(text: str, expected: tuple[str, str]) -> None:
    (basis,) = split_basis(text)
    assert (basis.level, basis.sure.level) == expected
    assert basis.sure.notes == []


@pytest.mark.parametrize(("title", "edition", "level"), [
    ("中华人民共和国行政许可法", None, "law"),
    ("行政许可法", None, "law"),
    ("建筑工程施工许可管理办法", None, None),
    ("建筑工程施工许可管理办法", "住房和城乡建设部令第18号", "department_rule"),
    ("食品生产许可管理办法", "国家市场监督管理总局令第24号", "department_rule"),
    ("杭州市城市市容和环境卫生管理条例", None, "local_regulation"),
    ("城市房地产开发经营管理条例", None, "administrative_regulation"),
    ("农产品市场管理条例", None, "administrative_regulation"),
    ("浙江省行政程序办法", "浙江省人民政府令第348号", "local_rule"),
    ("国务院关于取消和下放一批行政许可事项的决定", None, "state_council_decision"),
    ("全国人民代表大会常务委员会关于修改部分法律的决定", None, "law"),
    ("关于推行地方各级政府工作部门权力清单制度的指导意见", None, "normative_document"),
])
def test_level_inferred_from_title_and_edition(title: str, edition: str | None, level: str | None) -> None:
    assert infer_level(title, edition) == level


def test_text_without_markers_yields_what_can_be_found() -> None:
    (basis,) = split_basis("中华人民共和国行政许可法第四十二条")
    assert (basis.law, basis.article, basis.level, basis.sure.notes) == ("中华人民共和国行政许可法", "第四十二条", "law", [])
    (basis,) = split_basis("依据行政许可法第四十二条规定：除可以当场作出行政许可决定的外，行政机关应当自受理行政许可申请之日起二十日内作出行政许可决定。")
    assert (basis.law, basis.article) == ("行政许可法", "第四十二条")
    assert basis.text.startswith("除可以当场作出")
    (basis,) = split_basis("按省厅有关文件执行，具体见办事指南")
    assert basis.law == "按省厅有关文件执行" and basis.text == "具体见办事指南"
    assert basis.sure.notes == [("no_title", {})] and basis.sure.grade == "check"


def test_full_width_digits_spaces_and_html_breaks_are_normalized() -> None:
    (basis,) = split_basis("【法律】《 中华人民共和国行政许可法 》<br>第４２条　行政机关应当自受理行政许可申请之日起二十日内作出行政许可决定。")
    assert (basis.law, basis.article) == ("中华人民共和国行政许可法", "第42条")
    assert basis.text == "行政机关应当自受理行政许可申请之日起二十日内作出行政许可决定。"


def test_labels_and_multi_paragraph_article_text() -> None:
    text = ("设定依据：\n【法律】《中华人民共和国行政强制法》\n第二十四条　行政机关决定实施查封、扣押的，应当履行本法第十八条规定的程序，"
            "制作并当场交付查封、扣押决定书和清单。\n查封、扣押决定书应当载明下列事项：\n（一）当事人的姓名或者名称、地址；\n"
            "（二）查封、扣押的理由、依据和期限；")
    (basis,) = split_basis(text)
    assert basis.article == "第二十四条"
    assert basis.text.split("\n") == [
        "行政机关决定实施查封、扣押的，应当履行本法第十八条规定的程序，制作并当场交付查封、扣押决定书和清单。",
        "查封、扣押决定书应当载明下列事项：", "（一）当事人的姓名或者名称、地址；", "（二）查封、扣押的理由、依据和期限"]


def test_the_same_basis_twice_is_kept_once() -> None:
    assert len(split_basis("《中华人民共和国建筑法》第七条\n《中华人民共和国建筑法》第七条")) == 1
    assert split_basis("") == [] and split_basis("  \n ") == []


def test_format_bases_round_trips_through_split_basis() -> None:
    bases = [
        {"law": "中华人民共和国专利法", "level": "law", "article": "第六十五条", "text": "未经专利权人许可，实施其专利，即侵犯其专利权。"},
        {"law": "中华人民共和国专利法实施细则", "level": "administrative_regulation", "article": "第九十五条第二款"},
        {"law": "浙江省专利条例", "level": "local_regulation", "text": "第一段。\n第二段；"},
        {"law": "某某规定"},
    ]
    text = format_bases(bases)
    assert text.splitlines()[:2] == ["【法律】《中华人民共和国专利法》", "第六十五条 未经专利权人许可，实施其专利，即侵犯其专利权。"]
    parsed = split_basis(text)
    assert [(b.law, b.level, b.article, b.text) for b in parsed] == [
        ("中华人民共和国专利法", "law", "第六十五条", "未经专利权人许可，实施其专利，即侵犯其专利权。"),
        ("中华人民共和国专利法实施细则", "administrative_regulation", "第九十五条第二款", None),
        ("浙江省专利条例", "local_regulation", None, "第一段。\n第二段"),
        ("某某规定", None, None, None),
    ]
    assert all(isinstance(b, ParsedBasis) and b.sure.level == "marker" for b in parsed[:3])


@pytest.mark.parametrize(("text", "limit", "rest"), [
    ("20个工作日", {"days": 20, "unit": "working"}, ""),
    ("二十个工作日（不含听证、检验时间）", {"days": 20, "unit": "working"}, "（不含听证、检验时间）"),
    ("60日", {"days": 60, "unit": "natural"}, ""),
    ("30天", {"days": 30, "unit": "natural"}, ""),
    ("90个自然日", {"days": 90, "unit": "natural"}, ""),
    ("１５个工作日", {"days": 15, "unit": "working"}, ""),
    ("当场", "on_the_spot", ""),
    ("当场办结", "on_the_spot", ""),
    ("即办", "on_the_spot", ""),
    ("依法定程序办理", None, "依法定程序办理"),
    ("", None, ""),
])
def test_time_limits(text: str, limit: object, rest: str) -> None:
    assert parse_time_limit(text) == (limit, rest)


def test_chinese_numbers() -> None:
    assert [cn_number(x) for x in ("二十", "十五", "一百二十", "六十", "两", "45", "三十日")] == [20, 15, 120, 60, 2, 45, None]


@pytest.mark.parametrize(("text", "items"), [
    ("1.身份证；2.建筑工程施工许可申请表", ["身份证", "建筑工程施工许可申请表"]),
    ("（一）有符合规定的场所；\n（二）有专业技术人员。", ["有符合规定的场所", "有专业技术人员"]),
    ("①营业执照②申请书", ["营业执照", "申请书"]),
    ("1、申请表 2、身份证明", ["申请表", "身份证明"]),
    ("身份证、户口簿", ["身份证、户口簿"]),
    ("已经办理用地批准手续;有施工图纸", ["已经办理用地批准手续", "有施工图纸"]),
])
def test_list_cells(text: str, items: list[str]) -> None:
    assert split_items(text) == items


@pytest.mark.parametrize(("text", "category"), [
    ("01", "licensing"), ("1", "licensing"), ("02", "penalty"), ("10", "other"), ("20", "public_service"),
    ("行政许可", "licensing"), ("行政强制措施", "coercion"), ("其他行政权力", "other"), ("其他权力", "other"),
    ("处罚", "penalty"), ("公共服务", "public_service"), ("非行政许可审批", "non_licensing_approval"),
    ("licensing", "licensing"), ("11", None), ("行政指导", None),
])
def test_categories(text: str, category: str | None) -> None:
    assert parse_category(text) == category


def test_rights_status_bool_date_and_disclosure() -> None:
    assert parse_rights("要求说明理由、陈述、申辩、申请听证（涉及重大利益关系的）、申请行政复议、提起行政诉讼、其他（申请延期）") == [
        {"type": "explanation"}, {"type": "statement"}, {"type": "defense"},
        {"type": "hearing", "note": "涉及重大利益关系的"}, {"type": "reconsideration"}, {"type": "litigation"},
        {"type": "other", "note": "申请延期"}]
    assert parse_rights("陈述权，申辩权；依法申请国家赔偿；投诉") == [
        {"type": "statement"}, {"type": "defense"}, {"type": "compensation"}, {"type": "other", "note": "投诉"}]
    assert [parse_status(x) for x in ("有效", "暂停实施", "已取消", "在用", "未知")] == [
        "active", "suspended", "repealed", "active", None]
    assert [parse_bool(x) for x in ("是", "否", "不收费", "免费", "√", "看情况")] == [True, False, False, False, True, None]
    assert [parse_date(x) for x in ("2024-01-01", "2024年1月1日", "2024/1/1", "明年")] == [
        "2024-01-01", "2024-01-01", "2024-01-01", None]
    assert parse_disclosure("向社会公开", "及时公开（7日内）", "网站、办事指南、宣传栏") == (
        {"scope": "public", "timing": "timely", "within_days": 7, "carriers": ["website", "service_guide", "other"]},
        "公开载体“宣传栏”记为 other(其他)")
    disclosure, why = parse_disclosure("向社会公开", "", "")
    assert disclosure is None and why.startswith("公开范围、公开时间须为")


def test_a_law_without_title_marks_on_its_own_line_starts_a_basis() -> None:
    text = ("中华人民共和国教师法第十三条　中小学教师资格由县级以上地方人民政府教育行政部门认定。\n"
            "教师资格条例第十三条\n依照本法第四十条的规定办理")
    assert _triples(text) == [("中华人民共和国教师法", "law", "第十三条"),
                              ("教师资格条例", "administrative_regulation", "第十三条")]
    assert split_basis(text)[1].text == "依照本法第四十条的规定办理"  # 本法 is no new law


def test_item_numbers_in_parentheses() -> None:
    (basis,) = split_basis("【法律】《中华人民共和国食品安全法》\n第一百二十四条第一款第（四）项")
    assert basis.article == "第一百二十四条第一款第（四）项" and basis.text is None


def test_right_notes_carry_their_basis_and_fee_bases_their_level() -> None:
    assert parse_rights("申请行政复议（自知道之日起六十日内；依据：行政复议法第二十条）、提起行政诉讼（依据：行政诉讼法第四十六条）、"
                        "陈述（依据书面材料陈述）") == [
        {"type": "reconsideration", "note": "自知道之日起六十日内", "basis": "行政复议法第二十条"},
        {"type": "litigation", "basis": "行政诉讼法第四十六条"},
        {"type": "statement", "note": "依据书面材料陈述"}]
    assert split_level("【行政法规】城市道路管理条例第三十七条") == ("administrative_regulation", "城市道路管理条例第三十七条")
    assert split_level("〔法规〕某条例") == (None, "某条例") and split_level("城市道路管理条例") == (None, "城市道路管理条例")


# --- the shapes of real lists, and what the law library adds --------------------------------

def test_titles_joined_by_a_comma_are_separate_bases() -> None:
    assert _triples("《中华人民共和国食品安全法》、《食品生产经营监督检查管理办法》第二十条") == [
        ("中华人民共和国食品安全法", "law", None), ("食品生产经营监督检查管理办法", None, "第二十条")]
    assert _triples("《中华人民共和国食品安全法》第一百一十条和《食品生产经营监督检查管理办法》第十条、第十一条") == [
        ("中华人民共和国食品安全法", "law", "第一百一十条"), ("食品生产经营监督检查管理办法", None, "第十条、第十一条")]
    # a title quoted after 、 inside an article's text stays in the text
    (basis,) = split_basis("《中华人民共和国城乡规划法》第四十条　建设单位应当依照本法、《中华人民共和国土地管理法》的规定办理。")
    assert "《中华人民共和国土地管理法》" in basis.text


@pytest.mark.parametrize(("text", "expected"), [
    ('"【规章】《医疗技术临床应用管理办法》（国家卫生健康委令2018年第1号）第四十一条　医疗机构违反本办法规定……"',
     [("医疗技术临床应用管理办法", "department_rule", "第四十一条")]),
    (";1、《军人抚恤优待条例》第三十三条“义务兵服现役期间……”", [("军人抚恤优待条例", "administrative_regulation", "第三十三条")]),
    ("【行政法规】：《彩票管理条例》（2009年4月22日国务院第58次常务会议通过）第十五条：彩票发行机构……",
     [("彩票管理条例", "administrative_regulation", "第十五条")]),
    ("【法律】1.《中华人民共和国税收征收管理法》\n第二十五条第一款　纳税人必须……\n【法律】2.《中华人民共和国个人所得税法》\n第二条　下列各项……",
     [("中华人民共和国税收征收管理法", "law", "第二十五条第一款"), ("中华人民共和国个人所得税法", "law", "第二条")]),
    ("【规章】港口危险货物安全管理规定（中华人民共和国交通运输部令2017年第27号）第五十八条　危险货物港口经营人……"
     "增补依据：【规章】港口经营管理规定（中华人民共和国交通运输部令2020年第21号）第二十九条 港口经营人……",
     [("港口危险货物安全管理规定", "department_rule", "第五十八条"), ("港口经营管理规定", "department_rule", "第二十九条")]),
    ("【行政法规】《麻醉药品和精神药品管理条例》（2005年8月3日国务院令第442号，2016年2月6日修正）\n"
     "第二十六条第一款区域性批发企业可以向本省……", [("麻醉药品和精神药品管理条例", "administrative_regulation", "第二十六条第一款")]),
    ("【行政法规】《中华人民共和国税收征收管理法实施细则》第七十八条　税务机关发现纳税人多缴税款的……\n"
     "税收征管法第五十一条规定的加算银行同期存款利息的多缴税款退税……\n第七十九条　当纳税人既有应退税款又有欠缴税款的……",
     [("中华人民共和国税收征收管理法实施细则", "administrative_regulation", "第七十八条"),
      ("中华人民共和国税收征收管理法实施细则", "administrative_regulation", "第七十九条")]),
    ("【规范性文件】《国务院关于第五批取消和下放管理层级行政审批项目的决定》（国发〔2010〕21号）\n"
     "附件2《国务院决定下放管理层级的行政审批项目目录》第37项：“设立经营性互联网文化单位审批”下放至省级人民政府文化行政主管部门。",
     [("国务院关于第五批取消和下放管理层级行政审批项目的决定", "state_council_decision", "附件2第37项")]),
])
def test_real_list_shapes(text: str, expected: list) -> None:
    assert _triples(text) == expected


def test_the_source_marker_loses_to_the_document_number_and_says_so() -> None:
    (basis,) = split_basis("【行政法规】《辽宁省矿产资源权益金制度改革实施方案》（辽政发【2017】33号）\n二主要任务（二）在矿业权出让环节……")
    assert (basis.level, basis.sure.level, basis.sure.grade, basis.article) == (
        "normative_document", "document", "check", None)
    assert basis.sure.notes == [("marker_vs_document", {"marker": "行政法规", "level": "normative_document",
                                                        "note": "辽政发【2017】33号"})]
    assert basis.text == "二主要任务（二）在矿业权出让环节……"
    (basis,) = split_basis("【规范性文件】《残疾退役军人医疗保障办法》退役军人部发〔2022〕3号")  # the number without parentheses
    assert (basis.level, basis.edition, basis.text, basis.sure.notes) == (
        "normative_document", "退役军人部发〔2022〕3号", None, [])


@pytest.mark.parametrize(("note", "edition"), [
    ("2005年8月3日国务院令第442号，2016年2月6日修正", "2016年2月6日修正"),
    ("1982年11月19日第五届全国人大常委会令第11号，2015年4月24日予以修改", "2015年4月24日修改"),
    ("根据2020年10月17日第十三届全国人民代表大会常务委员会第二十二次会议《关于修改〈中华人民共和国专利法〉的决定》第四次修正",
     "2020年10月17日修正"),
    ("2009年4月22日国务院第58次常务会议通过 自2009年7月1日起实行", "2009年4月22日通过"),
    ("国务院令第549号", "国务院令第549号"),
    ("2016年2月6日修正", "2016年2月6日修正"),  # what export writes reads back the same
])
def test_the_edition_is_the_notes_last_amendment(note: str, edition: str) -> None:
    (basis,) = split_basis(f"《某某条例》（{note}）第一条")
    assert (basis.edition, basis.note) == (edition, note)


@pytest.fixture(scope="module")
def known():  # noqa: ANN201
    from pathlib import Path

    from powercat.adopt.lawmatch import KnownLaws
    from powercat.laws import Library

    return KnownLaws.of(Library.open([Path(__file__).parent / "data" / "laws" / "national"]))


def test_the_library_gives_titles_levels_and_articles(known) -> None:  # noqa: ANN001
    # a law's name without 《》 after 、, found because the library knows it, the longest title first
    assert [(b.law, b.level, b.article, b.sure.grade) for b in split_basis(
        "依据：城镇排水与污水处理条例第十五条、行政许可法第四十二条", known)] == [
        ("城镇排水与污水处理条例", "administrative_regulation", "第十五条", "sure"),
        ("中华人民共和国行政许可法", "law", "第四十二条", "sure")]
    (basis,) = split_basis("【法律】《建设工程质量管理条例》第五十七条", known)  # the marker is wrong
    assert (basis.level, basis.sure.level, basis.sure.grade) == ("administrative_regulation", "library", "check")
    assert basis.sure.notes == [("marker_vs_library", {"marker": "法律", "level": "administrative_regulation", "note": ""})]
    (basis,) = split_basis("《市场监督管理行政处罚信息公示规定》第十条", known)  # no marker, no number: the library says
    assert (basis.level, basis.sure.level) == ("department_rule", "library")
    (basis,) = split_basis("《中华人民共和国行政许可法》第二百条", known)
    assert basis.sure.article == "missing" and basis.sure.notes[0][0] == "library_says"
    assert basis.sure.notes[0][1]["zh-CN"] == "《中华人民共和国行政许可法》（2019-04-23版）没有第二百条：该法共83条"
    (basis,) = split_basis("【法律】《中华人民共和国城乡规划法》第六十四条", known)  # a law the test library lacks
    assert basis.sure.notes == [("not_in_library", {"law": "中华人民共和国城乡规划法"})]


def test_a_cell_opening_with_according_to_cites_the_law_a_line_inside_a_text_does_not() -> None:
    assert _triples("根据《中华人民共和国行政许可法》第十二条规定：下列事项可以设定行政许可") == [
        ("中华人民共和国行政许可法", "law", "第十二条")]
    (basis,) = split_basis("【规范性文件】《关于决定对石墨类相关制品实施临时出口管制措施的公告》\n"
                           "根据《中华人民共和国核两用品及相关技术出口管制条例》第十七条规定，经国务院批准……")
    assert basis.law == "关于决定对石墨类相关制品实施临时出口管制措施的公告" and basis.text.startswith("根据《")
    assert _triples("《中华人民共和国行政处罚法》第三条、《中华人民共和国食品安全法》第一百二十二条") == [
        ("中华人民共和国行政处罚法", "law", "第三条"), ("中华人民共和国食品安全法", "law", "第一百二十二条")]
    assert split_basis("《中华人民共和国行政处罚法》第三条、《中华人民共和国食品安全法》第一百二十二条")[0].text is None
