"""Citations (行政许可法第四十二条第二款第（三）项 and the common forms) and quote comparison."""

from __future__ import annotations

import pytest

from powercat.laws import Citation, compare_quote, parse_citation


def _cites(text: str, title: str | None = None) -> list[tuple]:
    return [(c.title, c.article, c.sub, c.paragraph, c.item) for c in parse_citation(text, title)]


@pytest.mark.parametrize(("text", "expected"), [
    ("行政许可法第四十二条第二款第（三）项", [("行政许可法", 42, 0, 2, 3)]),
    ("第42条", [(None, 42, 0, None, None)]),
    ("第四十二条第一款", [(None, 42, 0, 1, None)]),
    ("第十条之一", [(None, 10, 1, None, None)]),
    ("第十条之一第二款", [(None, 10, 1, 2, None)]),
    ("第一百零二条", [(None, 102, 0, None, None)]),
    ("第3条第2款第3项", [(None, 3, 0, 2, 3)]),
    ("第三条第(一)项", [(None, 3, 0, None, 1)]),
    ("第十条、第十二条", [(None, 10, 0, None, None), (None, 12, 0, None, None)]),
    ("第十条至第十三条", [(None, n, 0, None, None) for n in (10, 11, 12, 13)]),
    ("第十条第一款、第二款", [(None, 10, 0, 1, None), (None, 10, 0, 2, None)]),
    ("第二十三条第一款第（一）项、第（二）项", [(None, 23, 0, 1, 1), (None, 23, 0, 1, 2)]),
    ("第十条第一款第（一）项至第（三）项", [(None, 10, 0, 1, n) for n in (1, 2, 3)]),
    ("《中华人民共和国行政许可法》第四十二条", [("中华人民共和国行政许可法", 42, 0, None, None)]),
    ("根据行政处罚法第六十三条、第六十四条", [("行政处罚法", 63, 0, None, None), ("行政处罚法", 64, 0, None, None)]),
    ("依照《中华人民共和国行政处罚法》第七十六条、第八十三条和《中华人民共和国食品安全法》法律责任章的有关规定",
     [("中华人民共和国行政处罚法", 76, 0, None, None), ("中华人民共和国行政处罚法", 83, 0, None, None)]),
    ("行政处罚法第六十条；市场监督管理行政处罚程序规定(案情复杂的，经负责人批准可以延长)",
     [("行政处罚法", 60, 0, None, None)]),
    ("行政许可法第四十二条；行政复议法第二十条", [("行政许可法", 42, 0, None, None), ("行政复议法", 20, 0, None, None)]),
    ("行政许可法", []),
    ("本条第二款", []),
])
def test_citations(text: str, expected: list[tuple]) -> None:
    assert _cites(text) == expected


def test_citation_without_a_title_takes_the_one_given() -> None:
    assert _cites("第五十八条第一款", "中华人民共和国行政处罚法") == [("中华人民共和国行政处罚法", 58, 0, 1, None)]
    assert _cites("本法第二十六条", "行政许可法") == [("行政许可法", 26, 0, None, None)]
    assert _cites("行政复议法第二十条", "行政许可法") == [("行政复议法", 20, 0, None, None)]


def test_a_range_written_backwards_or_too_long_is_not_expanded() -> None:
    assert _cites("第十五条至第十条") == [(None, 15, 0, None, None), (None, 10, 0, None, None)]
    assert _cites("第一条至第九千条") == [(None, 1, 0, None, None), (None, 9000, 0, None, None)]


def test_citation_label() -> None:
    assert Citation("行政许可法", 42, 0, 2, 3).label == "第四十二条第二款第（三）项"
    assert Citation(None, 10, 1).label == "第十条之一"


OFFICIAL = ("违反本法规定，有下列情形之一的，处以违法所得百分之一的罚款；情节严重的，吊销许可证：\n"
            "（一）未取得许可证的；\n（二）超出许可范围的。")


@pytest.mark.parametrize(("quoted", "how"), [
    (OFFICIAL, "exact"),
    (OFFICIAL.replace("\n", ""), "exact"),
    ("违反本法规定,有下列情形之一的,处以违法所得百分之一的罚款;情节严重的,吊销许可证:(一)未取得许可证的;(二)超出许可范围的。", "exact"),
    ("违反本法规定， 有下列情形之一的，\u3000处以违法所得百分之一的罚款", "part"),
    ("处以违法所得百分之一的罚款", "part"),
    ("违反本法规定……吊销许可证：……（二）超出许可范围的。", "parts"),
    ("违反本法规定...（一）未取得许可证的；", "parts"),
    ("……（一）未取得许可证的；……", "part"),
])
def test_quotes_that_are_the_laws_wording(quoted: str, how: str) -> None:
    result = compare_quote(quoted, OFFICIAL)
    assert (result.ok, result.how) == (True, how)
    assert result.message() == ""


def test_arabic_and_chinese_numerals_are_different_wording() -> None:
    result = compare_quote("违反本法规定，有下列情形之一的，处以违法所得1%的罚款", OFFICIAL)
    assert (result.ok, result.how, result.quoted, result.official) == (False, "differs", "1%", "百分之一")
    assert result.before == "的，处以违法所得"
    assert result.message() == "“的，处以违法所得”之后，引文为“1%”，法条原文为“百分之一”"
    assert result.message("en") == "after “的，处以违法所得” the quote has “1%” where the law says “百分之一”"


@pytest.mark.parametrize(("quoted", "expected"), [
    ("有下列情形之一的，处以违法所得百分之一的罚款；情节严重的，吊销执照", ("执照", "许可证")),
    ("有下列情形之一的，处以罚款；情节严重的", ("", "违法所得百分之一的")),
    ("有下列情形之一的，处以违法所得百分之一的高额罚款", ("高额", "")),
    # nothing after the difference to align with: the law's side runs on to its next punctuation mark
    ("完全不同的一句话", ("完全不同的一句话", "违反本法规定，有下列情形之一的")),
    ("违反本法规定……（三）其他情形", ("三）其他情形", "一）未取得许可证的")),
])
def test_smallest_differing_span(quoted: str, expected: tuple[str, str]) -> None:
    result = compare_quote(quoted, OFFICIAL)
    assert (result.ok, result.how) == (False, "differs")
    assert (result.quoted, result.official) == expected


def test_parts_out_of_order_and_empty_quotes() -> None:
    result = compare_quote("吊销许可证……违反本法规定", OFFICIAL)
    assert (result.ok, result.how, result.quoted) == (False, "order", "违反本法规定")
    assert compare_quote("……", OFFICIAL).how == "empty"
    assert compare_quote("  ", OFFICIAL).ok is False


def test_search_patterns_match_as_quotes_are_compared() -> None:
    from powercat.laws.text import finder

    assert finder("查封、扣押（一）").search("可以查封、 扣押(一)财物")
    assert finder("行政许可").search("行政\n许可")
    assert finder("1%").search("处以１％的罚款")
    assert not finder("1%").search("处以百分之一的罚款")
