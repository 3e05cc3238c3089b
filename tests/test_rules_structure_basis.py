"""Unit tests of PC103-PC107 and PC201-PC206 beyond their rule cases."""

from __future__ import annotations


import pytest

from powercat import i18n as messages
from powercat.lint.engine import validate
from powercat.catalog.profile import load_profile
from powercat.lint.rules import pc106, pc107
from powercat.lint.rules.pc204 import in_force, suggestion

# Unified social credit codes published on business licences (GB 32100-2015).
REAL_USCC = [
    "9144030071526726XG",  # 深圳市腾讯计算机系统有限公司: check character is a letter
    "914403001922038216",  # 华为技术有限公司: check character is a digit
    "91330100716105852F",  # 阿里巴巴(中国)有限公司
]


@pytest.mark.parametrize("uscc", REAL_USCC)
def test_real_published_codes_pass_the_check(uscc: str) -> None:
    assert pc107.check_character(uscc[:17]) == uscc[17]
    assert pc107.problem(uscc) is None
    assert pc107.problem(uscc.lower()) is None  # lower case is the same code


@pytest.mark.parametrize("uscc", REAL_USCC)
def test_every_single_substitution_and_adjacent_swap_is_caught(uscc: str) -> None:
    body = uscc[:17]
    for i in range(17):
        for c in pc107.CHARSET:
            if c != body[i]:
                changed = body[:i] + c + body[i + 1:] + uscc[17]
                assert pc107.problem(changed) is not None, changed
        if i < 16 and body[i] != body[i + 1]:
            swapped = body[:i] + body[i + 1] + body[i] + body[i + 2:] + uscc[17]
            assert pc107.problem(swapped) is not None, swapped


def test_check_value_31_becomes_0() -> None:
    # a body whose weighted sum is a multiple of 31 has check character 0
    body = "0" * 17
    assert pc107.check_character(body) == "0"
    assert pc107.problem(body + "0") is None


@pytest.mark.parametrize(("code", "variant", "args"), [
    ("9144030071526726XA", "message", {"char": "A", "expected": "G"}),
    ("9144O30071526726XG", "charset", {"position": 5, "char": "O"}),
    ("91440300715267XG", "length", {"actual": 16}),
])
def test_problem_variants(code: str, variant: str, args: dict) -> None:
    assert pc107.problem(code) == (variant, args)


@pytest.mark.parametrize(("code", "length", "offset", "expected", "result"), [
    ("330117002000", 12, 0, "01", None),
    ("330217002000", 12, 0, "01", ("type", {"type": "02", "expected_type": "01", "position": "3-4"})),
    ("3301170020", 12, 0, "01", ("length", {"length": 12, "actual": 10})),
    ("330299001000", 12, 0, None, None),  # a category without a national type code
    ("11330100MB0000000N4330117002000", 31, 19, "01", None),
    ("11330100MB0000000N4330617002000", 31, 19, "01",
     ("type", {"type": "06", "expected_type": "01", "position": "22-23"})),
])
def test_national_code_structure(code, length, offset, expected, result) -> None:  # noqa: ANN001
    assert pc106.structure(code, length, offset, expected) == result


def test_law_titles_with_and_without_prefix_brackets_and_edition() -> None:
    profile = load_profile("prc")
    for title in ["中华人民共和国行政许可法", "行政许可法", "《行政许可法》", "《中华人民共和国行政复议法》（2023年修订）",
                  "城市道路管理条例(2019修订)"]:
        assert in_force(profile, title), title
    assert not in_force(profile, "中华人民共和国食品卫生法")
    assert suggestion(profile, "行政许可证法") == "中华人民共和国行政许可法"
    assert suggestion(profile, "示例县户外广告设置管理办法") is None


def test_hints_cite_the_profile_source(repo) -> None:  # noqa: ANN001
    root = repo({"catalogs/demo/powers/XK-DEMO-001.yaml": (
        "code: XK-DEMO-001\nname: 户外广告设置许可\ncategory: licensing\nhandling_unit: 行政审批科\nleader: 李明\n"
        "legal_basis:\n  - {law: 示例县户外广告设置管理办法, level: normative_document, article: 第五条}\n"
        "fee: {charged: true, basis: 示例县收费办法, basis_level: normative_document}\n"
    )})
    found = {d.code: d for d in validate(root, use_cache=False).diagnostics if d.code in ("PC205", "PC206")}
    assert set(found) == {"PC205", "PC206"}
    assert "行政许可法第十四条" in messages.hint("PC205", found["PC205"].args, found["PC205"].variant, "zh-CN")
    assert "行政许可法第五十八条" in messages.hint("PC206", found["PC206"].args, found["PC206"].variant, "zh-CN")
    assert "Source: 行政许可法第五十八条" in messages.hint("PC206", found["PC206"].args, found["PC206"].variant, "en")


def test_duplicate_codes_are_found_from_cached_facts(repo) -> None:  # noqa: ANN001
    power = "code: XK-DEMO-001\nname: 建筑工程施工许可证核发\ncategory: licensing\nhandling_unit: 行政审批科\nleader: 李明\n"
    root = repo({
        "catalogs/demo/powers/XK-DEMO-001.yaml": power,
        "catalogs/demo/powers/XK-DEMO-002.yaml": power,
    })
    first = validate(root)
    second = validate(root)
    assert second.cached == 2
    for report in (first, second):
        dup = [(d.file, d.line, d.column) for d in report.diagnostics if d.code == "PC104"]
        assert dup == [("catalogs/demo/powers/XK-DEMO-002.yaml", 1, 7)]


def test_lint_ignore_silences_pc104_for_that_file(repo) -> None:  # noqa: ANN001
    power = "code: XK-DEMO-001\nname: 建筑工程施工许可证核发\ncategory: licensing\nhandling_unit: 行政审批科\nleader: 李明\n"
    root = repo({
        "catalogs/demo/powers/XK-DEMO-001.yaml": power,
        "catalogs/demo/powers/XK-DEMO-002.yaml": power + "lint: {ignore: [PC104, PC103], reason: 过渡期两个文件并存}\n",
    })
    assert [d for d in validate(root, use_cache=False).diagnostics if d.code in ("PC103", "PC104")] == []
