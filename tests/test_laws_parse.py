"""Reading law files: Chinese numerals, titles, history, articles, paragraphs (款) and items (项)."""

from __future__ import annotations

import datetime as dt

import pytest

from powercat.laws.numerals import cn_to_int, int_to_cn
from powercat.laws.parse import parse_date, parse_text, split_name

from .laws_helpers import DATA, law_text


@pytest.mark.parametrize(("text", "number"), [
    ("一", 1), ("十", 10), ("十一", 11), ("二十", 20), ("四十二", 42), ("一百", 100), ("一百零二", 102),
    ("一百一十", 110), ("一百二十四", 124), ("二百", 200), ("两百", 200), ("一千零一十", 1010),
    ("一千二百六十", 1260), ("42", 42), ("４２", 42), ("二〇二三", 2023), ("一九九五", 1995),
])
def test_chinese_numerals(text: str, number: int) -> None:
    assert cn_to_int(text) == number


@pytest.mark.parametrize("text", ["", "十十", "百十百", "abc", "第十"])
def test_not_numerals(text: str) -> None:
    with pytest.raises(ValueError):
        cn_to_int(text)


@pytest.mark.parametrize(("number", "text"), [
    (1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (83, "八十三"), (100, "一百"), (102, "一百零二"),
    (110, "一百一十"), (200, "二百"), (1001, "一千零一"), (1260, "一千二百六十"),
])
def test_numbers_as_article_numerals(number: int, text: str) -> None:
    assert int_to_cn(number) == text
    assert cn_to_int(text) == number


def test_file_names_and_history_dates() -> None:
    assert split_name("行政许可法(2019-04-23)") == ("行政许可法", dt.date(2019, 4, 23))
    assert split_name("刑法修正案（十一）") == ("刑法修正案（十一）", None)
    assert split_name("坏日期(2019-02-30)") == ("坏日期", None)
    assert parse_date("2019年4月23日 第十三届…修正") == dt.date(2019, 4, 23)
    assert parse_date("２０１２年１２月３日 公安部部长办公会议通过") == dt.date(2012, 12, 3)
    assert parse_date("(2014年11月1日第十二届全国人民代表大会常务委员会第十一次会议通过)") == dt.date(2014, 11, 1)
    assert parse_date("一九九五年三月二十六日") == dt.date(1995, 3, 26)
    assert parse_date("中华人民共和国人事部") is None


def _read(rel: str):  # noqa: ANN202
    return parse_text((DATA / rel).read_text(encoding="utf-8"))


def test_licensing_law_as_written() -> None:
    law = _read("行政法/行政许可法(2019-04-23).md")
    assert law.title == "中华人民共和国行政许可法"
    assert [(h.date, h.event) for h in law.history] == [(dt.date(2003, 8, 27), "通过"), (dt.date(2019, 4, 23), "修正")]
    assert len(law.articles) == 83
    assert [a.number for a in law.articles] == list(range(1, 84))
    article = law.articles[41]
    assert article.label == "第四十二条"
    assert article.chapter == "第四章 行政许可的实施程序 第三节 期 限"
    assert len(article.paragraphs) == 2
    assert article.paragraphs[0].text.startswith("除可以当场作出行政许可决定的外，行政机关应当自受理行政许可申请之日起二十日内")
    assert article.paragraphs[1].text == (
        "依照本法第二十六条的规定，行政许可采取统一办理或者联合办理、集中办理的，办理的时间不得超过四十五日；"
        "四十五日内不能办结的，经本级人民政府负责人批准，可以延长十五日，并应当将延长期限的理由告知申请人。")
    assert law.articles[-1].text == ("本法自2004年7月1日起施行。\n本法施行前有关行政许可的规定，制定机关应当依照本法规定"
                                     "予以清理；不符合本法规定的，自本法施行之日起停止执行。")
    assert law.starts == [dt.date(2004, 7, 1)]
    assert law.problems == []


def test_items_belong_to_the_paragraph_before_them() -> None:
    law = _read("诉讼与非诉讼程序法/行政复议法(2017-09-01).md")
    article = law.articles[2]
    assert article.label == "第三条"
    assert [len(p.items) for p in article.paragraphs] == [7, 0]
    assert [item.number for item in article.paragraphs[0].items] == [1, 2, 3, 4, 5, 6, 7]
    assert article.paragraphs[0].items[0].text == "（一）受理行政复议申请；"
    assert article.paragraphs[1].text.startswith("行政机关中初次从事行政复议的人员")


def test_zero_width_spaces_and_ideographic_spaces_are_not_text() -> None:
    law = _read("诉讼与非诉讼程序法/行政复议法(2023-09-01).md")
    assert law.history[1].text.endswith("第一次修正")  # the source has a trailing U+3000
    assert law.articles[0].label == "第一条"  # after a line holding only U+200B
    assert law.articles[-1].text == "本法自2024年1月1日起施行。"
    assert law.starts == [dt.date(2024, 1, 1)]


def test_department_rule_with_full_width_digits_in_history() -> None:
    law = _read("部门规章/市场监督管理总局/市场监督管理行政处罚信息公示规定(2021-07-30).md")
    assert law.title == "市场监督管理行政处罚信息公示规定"
    assert len(law.articles) == 19
    assert law.problems == []


def test_article_with_sub_number_and_items_in_half_width_brackets() -> None:
    law = parse_text(law_text("测试法", "第十条 甲。", "第十条之一 乙：", "(一)丙；", "(二)丁。", "第十一条 戊。"))
    assert [(a.number, a.sub, a.label) for a in law.articles] == [(10, 0, "第十条"), (10, 1, "第十条之一"), (11, 0, "第十一条")]
    assert [i.number for i in law.articles[1].paragraphs[0].items] == [1, 2]
    assert law.problems == [("late-start", "第十条")]


def test_quirks_are_read_and_reported() -> None:
    law = parse_text(law_text(
        "测试法", "第一条 甲。 第二条 乙。 第三条 丙。", "笫四条 丁。", "第五 条戊。", "第五条 重复。", "第三条规定的，不是新的一条。",
        history=("中华人民共和国", "测试法", "2020年1月1日 通过", "说明文字")))
    assert [(a.number, a.text) for a in law.articles] == [
        (1, "甲。"), (2, "乙。"), (3, "丙。"), (4, "丁。"), (5, "戊。"), (5, "重复。\n第三条规定的，不是新的一条。")]
    codes = [code for code, _ in law.problems]
    assert codes == ["history-line", "run-together", "loose-label", "loose-label", "out-of-order"]
    assert law.problems[-1] == ("out-of-order", "第五条 → 第五条")


def test_file_without_title_info_end_or_articles() -> None:
    law = parse_text("2020年1月1日 通过\n\n一、总则\n\n二、其他\n")
    assert law.title == ""
    assert [code for code, _ in law.problems] == ["no-info-end", "no-title", "no-articles"]
