"""`powercat laws show|search|check` as a user runs them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from powercat.cli import make_app
from powercat.laws import Library, check

from .laws_helpers import DATA, law_text, needs_fixture, unpack_fixture, write_library

runner = CliRunner()
app = make_app(["laws"])


def _run(*args: str, env: dict[str, str] | None = None):  # noqa: ANN202
    return runner.invoke(app, ["laws", *args], env={"POWERCAT_LAWS": "", "POWERCAT_LANG": "", **(env or {})})


def test_show_article(tmp_path: Path) -> None:
    result = _run("show", "行政许可法", "第四十二条", "--laws", str(DATA), "--root", str(tmp_path))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "《中华人民共和国行政许可法》第四十二条"
    assert lines[1] == "2019-04-23版 · 法律 · 共83条 · national/行政法/行政许可法(2019-04-23).md"
    assert len(lines) == 4
    assert lines[3].startswith("依照本法第二十六条的规定")


def test_show_paragraph_in_english_from_the_environment(tmp_path: Path) -> None:
    result = _run("show", "中华人民共和国行政许可法", "第四十二条第二款", "--lang", "en", "--root", str(tmp_path),
                  env={"POWERCAT_LAWS": str(DATA)})
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:2] == [
        "中华人民共和国行政许可法 第四十二条第二款",
        "edition of 2019-04-23 · law · 83 articles · national/行政法/行政许可法(2019-04-23).md"]


def test_show_edition_on_a_date_and_in_one_argument(tmp_path: Path) -> None:
    result = _run("show", "行政复议法第三条第（一）项", "--on", "2020-01-01", "--laws", str(DATA), "--root", str(tmp_path))
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "《中华人民共和国行政复议法》第三条第（一）项",
        "2017-09-01版 · 法律 · 共43条 · national/诉讼与非诉讼程序法/行政复议法(2017-09-01).md",
        "（一）受理行政复议申请；"]


def test_show_a_law_without_an_article(tmp_path: Path) -> None:
    result = _run("show", "行政复议法", "--laws", str(DATA), "--root", str(tmp_path))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[1] == ("2023-09-01版 · 法律 · 共90条 · 2024-01-01起施行 · "
                        "national/诉讼与非诉讼程序法/行政复议法(2023-09-01).md")
    assert lines[2] == "沿革："
    assert "章节：" in lines
    assert "  第一章 总 则" in lines


@pytest.mark.parametrize(("args", "message"), [
    (("行政许可法", "第二百条"), "powercat: 《中华人民共和国行政许可法》（2019-04-23版）没有第二百条：该法共83条"),
    (("行政许可法", "第四十二条第三款"), "powercat: 《中华人民共和国行政许可法》（2019-04-23版）第四十二条没有第三款：该条共2款"),
    (("行政许可", "第一条"), "powercat: 法规库中没有《行政许可》；是否指：《中华人民共和国行政许可法》"),
    (("行政许可",), "powercat: 法规库中没有《行政许可》；是否指：《中华人民共和国行政许可法》"),
])
def test_show_what_does_not_exist_exits_1(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    result = _run("show", *args, "--laws", str(DATA), "--root", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr.strip() == message


@pytest.mark.parametrize(("args", "message"), [
    (("show", "行政许可法", "abc"), "powercat: abc: 不是条文序号，应写成 第四十二条 或 第42条 (not an article)"),
    (("show", "行政许可法", "第一条", "--on", "2020-13-01"),
     "powercat: --on 2020-13-01: 日期应写成 YYYY-MM-DD，如 2024-01-01 (use YYYY-MM-DD)"),
    (("check", "--laws", "/nonexistent/laws"), "powercat: /nonexistent/laws: 法规库文件夹不存在 (law library folder not found)"),
])
def test_usage_errors_exit_2_without_a_traceback(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    extra = () if "--laws" in args else ("--laws", str(DATA))
    result = _run(*args, *extra, "--root", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.strip() == message
    assert "Traceback" not in result.output


def test_no_library_configured_says_how(tmp_path: Path) -> None:
    (tmp_path / "powercat.toml").write_text('[site]\ntitle = "测试"\n', encoding="utf-8")
    result = _run("check", "--root", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.startswith("powercat: 没有配置法规库。请用 --laws 指定法规库文件夹，或设置环境变量 POWERCAT_LAWS，"
                                    "或在 powercat.toml 中写 [laws] library = \"法规库路径\"")


def test_library_from_powercat_toml_with_a_cache(tmp_path: Path) -> None:
    (tmp_path / "powercat.toml").write_text(f'[laws]\nlibrary = "{DATA.as_posix()}"\n', encoding="utf-8")
    assert _run("show", "行政许可法", "第一条", "--root", str(tmp_path)).exit_code == 0
    assert len(list((tmp_path / ".powercat" / "laws").glob("index-*.json"))) == 1
    assert _run("show", "行政许可法", "第一条", "--root", str(tmp_path), "--no-cache").exit_code == 0


def test_search_lists_titles_first(tmp_path: Path) -> None:
    result = _run("search", "行政许可", "--laws", str(DATA), "--root", str(tmp_path), "--limit", "3")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[:3] == ["标题（1）：", "  《中华人民共和国行政许可法》 法律", "条文（3，只列出前 3 条）："]
    assert lines[3] == "  《中华人民共和国行政许可法》第一条：为了规范行政许可的设定和实施，保护公民、法人和其他组织的合法权益，维护公……"
    assert lines[5].startswith("  《中华人民共和国行政许可法》第三条：")
    assert len(lines) == 6


def test_search_with_two_words(tmp_path: Path) -> None:
    result = _run("search", "听证", "十日", "--laws", str(DATA), "--root", str(tmp_path), "--lang", "en")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "titles (0):"
    assert lines[1].startswith("articles (")
    assert all("听证" in line for line in lines[2:])


def test_check_the_test_library(tmp_path: Path) -> None:
    result = _run("check", "--laws", str(DATA), "--root", str(tmp_path), "--all")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "29 个文件：错误 0，警告 0，提示 5"
    assert "提示 national/行政法规/工伤保险条例(2010-12-20).md: 文件名日期 2010-12-20 不在沿革中" in result.stdout


BROKEN = {
    "行政法/好法(2020-01-01).md": law_text("中华人民共和国好法", "第一条 好。", "第二条 也好。"),
    "行政法/好法副本(2020-01-01).md": law_text("中华人民共和国好法", "第一条 好。", "第二条 不同。"),
    "行政法/乱序法(2020-01-01).md": law_text("乱序法", "第一条 甲。", "第三条 丙。", "第二条 乙。"),
    "行政法规/无条文规定(2020-01-01).md": law_text("无条文规定", "一、总则。", "二、附则。"),
    "行政法规/无标题(2020-01-01).md": "2020年1月1日 公布\n\n<!-- INFO END -->\n\n第一条 甲。\n",
    "行政法规/乱码(2020-01-01).md": "# 乱码条例\n\n第一条 甲。\n".encode("gb18030"),
    "杂项/未知层级(2020-01-01).md": law_text("未知层级办法", "第一条 甲。"),
}


def test_check_a_broken_library(tmp_path: Path) -> None:
    root = write_library(tmp_path / "broken", BROKEN)
    result = _run("check", "--laws", str(root), "--root", str(tmp_path))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "错误 broken/行政法/乱序法(2020-01-01).md: 条文编号倒序或重复：第三条 → 第二条",
        "错误 broken/行政法/好法副本(2020-01-01).md: 与 broken/行政法/好法(2020-01-01).md 是同一法规的同一版本"
        "（标题和日期都相同），引用时无法区分",
        "错误 broken/行政法规/乱码(2020-01-01).md: 不是 UTF-8 编码的文本（byte 2）",
        "错误 broken/行政法规/无标题(2020-01-01).md: 没有标题行（# 标题）",
        "警告 broken/杂项/未知层级(2020-01-01).md: 不在已知层级的文件夹中，层级按“其他”处理",
        "警告 broken/行政法/乱序法(2020-01-01).md: 条文编号不连续：第一条 → 第三条",
        "警告 broken/行政法规/无条文规定(2020-01-01).md: 没有“第…条”形式的条文，无法按条引用",
        "7 个文件：错误 4，警告 3，提示 0",
    ]
    english = _run("check", "--laws", str(root), "--root", str(tmp_path), "--lang", "en")
    assert english.stdout.splitlines()[-1] == "7 files: 4 errors, 3 warnings, 0 notes"


def test_the_broken_library_still_opens(tmp_path: Path) -> None:
    library = Library.open([write_library(tmp_path / "broken", BROKEN)])
    assert library.find("好法").date == dt.date(2020, 1, 1)
    assert library.find("未知层级办法").level == "other"
    assert library.find("无条文规定").article_count == 0
    assert library.article("无条文规定", 1).message() == "《无条文规定》（2020-01-01版）没有第一条：该法共0条"


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return unpack_fixture(tmp_path_factory.mktemp("fixture"))


@needs_fixture
def test_check_the_whole_fixture(national: Path, tmp_path: Path) -> None:
    result = _run("check", "--laws", str(national), "--root", str(tmp_path))
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "1074 个文件：错误 0，警告 51，提示 321（用 --all 列出提示）"
    problems = {(p.code, p.path) for p in check(Library.open([national]))}
    assert ("copy", "national/行政法/广告法(2021-04-29).md") in problems
    assert ("run-together", "national/行政法规/飞行基本规则(2007-10-18).md") in problems
    assert ("loose-label", "national/民法商法/农民专业合作社法(2017-12-27).md") in problems
    assert ("loose-label", "national/诉讼与非诉讼程序法/刑事诉讼法(2018-10-26).md") in problems
    assert ("unknown-folder", "national/法律法规模版.md") in problems
    assert ("no-articles", "national/刑法/刑法修正案（十一）.md") in problems
    assert ("late-start", "national/宪法/宪法修正案（1993年）.md") in problems
    assert ("gap", "national/宪法/宪法修正案（2018年）.md") in problems


@needs_fixture
def test_the_whole_fixture_reads_its_quirks(national: Path) -> None:
    library = Library.open([national])
    assert len(library.all_editions) == 1067
    code = library.find("民法典")
    assert (code.article_count, len(code.sources), code.effective) == (1260, 8, dt.date(2021, 1, 1))
    assert library.article("民法典", 1260).text.startswith("本法自2021年1月1日起施行。")
    assert library.article("民法典", 1261).message() == "《中华人民共和国民法典》（2020-05-28版）没有第一千二百六十一条：该法共1260条"
    assert library.article("刑法", 120, sub=1).found.label == "第一百二十条之一"
    assert library.article("飞行基本规则", 2).text == "凡辖有航空器的单位、个人和与飞行有关的人员及其飞行活动，必须遵守本规则。"
    assert library.article("农民专业合作社法", 54).text.startswith("清算组成员应当忠于职守")
    assert library.article("刑事诉讼法", 128).text.startswith("侦查人员对于与犯罪有关的场所、物品、人身、尸体应当进行勘验或者检查")
    assert library.find("宪法").level == "constitution"
    assert library.find("公安机关办理行政案件程序规定").date == dt.date(2019, 4, 27)
