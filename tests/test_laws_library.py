"""The library over the test data: titles, editions, articles, the cache and where the library is."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from powercat.catalog.config import ConfigError
from powercat.catalog.loader import configured_law_paths, law_paths
from powercat.laws import Library, LibraryError, parse_citation

from .laws_helpers import DATA, law_text, write_library


@pytest.fixture(scope="module")
def lib() -> Library:
    return Library.open([DATA])


@pytest.mark.parametrize("title", [
    "中华人民共和国行政许可法", "行政许可法", "《中华人民共和国行政许可法》", "《行政许可法》", " 行政许可法 ",
])
def test_title_with_or_without_prc_and_short_name(lib: Library, title: str) -> None:
    edition = lib.find(title)
    assert edition is not None
    assert (edition.title, edition.name, edition.date, edition.level) == (
        "中华人民共和国行政许可法", "行政许可法", dt.date(2019, 4, 23), "law")


def test_levels_from_the_folders(lib: Library) -> None:
    assert lib.find("政府信息公开条例").level == "administrative_regulation"
    assert lib.find("中华人民共和国政府信息公开条例").title == "中华人民共和国政府信息公开条例"
    assert lib.find("市场监督管理行政处罚信息公示规定").level == "department_rule"
    assert lib.find("建设工程质量管理条例").level == "administrative_regulation"
    assert lib.find("国家赔偿法").level == "law"


def test_titles_and_closest(lib: Library) -> None:
    titles = lib.titles()
    assert len(titles) == 28
    assert titles[0] == "中华人民共和国义务教育法"
    assert lib.find("行政许可") is None
    assert lib.closest("行政许可") == ["中华人民共和国行政许可法"]
    assert lib.closest("行政处罚发")[0] == "中华人民共和国行政处罚法"
    assert lib.closest("完全无关的名字") == []


def test_editions_newest_by_default_and_by_date(lib: Library) -> None:
    editions = lib.editions("行政复议法")
    assert [(e.date, e.effective, e.article_count) for e in editions] == [
        (dt.date(2017, 9, 1), dt.date(2017, 9, 1), 43), (dt.date(2023, 9, 1), dt.date(2024, 1, 1), 90)]
    assert lib.find("行政复议法").date == dt.date(2023, 9, 1)
    assert lib.find("行政复议法", on=dt.date(2020, 1, 1)).date == dt.date(2017, 9, 1)
    # revised 2023-09-01, in force from 2024-01-01 (第九十条 本法自2024年1月1日起施行)
    assert lib.find("行政复议法", on=dt.date(2023, 12, 31)).date == dt.date(2017, 9, 1)
    assert lib.find("行政复议法", on=dt.date(2024, 1, 1)).date == dt.date(2023, 9, 1)
    assert lib.find("行政复议法", on=dt.date(1990, 1, 1)) is None


def test_history_of_an_edition(lib: Library) -> None:
    edition = lib.find("行政复议法")
    assert [(h.date, h.event) for h in edition.history] == [
        (dt.date(1999, 4, 29), "通过"), (dt.date(2009, 8, 27), "修正"), (dt.date(2017, 9, 1), "修正"),
        (dt.date(2023, 9, 1), "修订")]
    assert edition.repealed is False


def test_article_paragraph_and_item_text(lib: Library) -> None:
    article = lib.article("行政许可法", 42)
    assert article.ok and article.articles == 83
    assert len(article.found.paragraphs) == 2
    paragraph = lib.article("行政许可法", 42, paragraph=2)
    assert paragraph.text.startswith("依照本法第二十六条的规定，行政许可采取统一办理或者联合办理、集中办理的，办理的时间不得超过四十五日")
    item = lib.article("行政复议法", 3, item=1, on=dt.date(2020, 1, 1))
    assert item.text == "（一）受理行政复议申请；"
    assert item.context.startswith("依照本法履行行政复议职责的行政机关是行政复议机关。")
    assert item.context.endswith("（七）法律、法规规定的其他职责。")
    assert lib.article("食品安全法", 124, 1, 1).text.startswith("（一）生产经营致病性微生物，农药残留、兽药残留")


def test_what_does_not_exist(lib: Library) -> None:
    answer = lib.article("行政许可法", 200)
    assert (answer.ok, answer.missing, answer.count, answer.articles) == (False, "article", 83, 83)
    assert answer.message() == "《中华人民共和国行政许可法》（2019-04-23版）没有第二百条：该法共83条"
    assert answer.message("en") == ("中华人民共和国行政许可法 (edition of 2019-04-23) has no article 200: "
                                    "it has 83 articles")
    answer = lib.article("行政许可法", 42, paragraph=3)
    assert (answer.missing, answer.count) == ("paragraph", 2)
    assert answer.message() == "《中华人民共和国行政许可法》（2019-04-23版）第四十二条没有第三款：该条共2款"
    answer = lib.article("行政复议法", 3, paragraph=1, item=8, on=dt.date(2020, 1, 1))
    assert (answer.missing, answer.count) == ("item", 7)
    assert answer.message() == "《中华人民共和国行政复议法》（2017-09-01版）第三条第一款没有第（八）项：该款共7项"
    answer = lib.article("行政许可法", 42, paragraph=1, item=1)
    assert answer.message() == "《中华人民共和国行政许可法》（2019-04-23版）第四十二条第一款没有项"
    answer = lib.article("行政许可", 1)
    assert (answer.missing, answer.hints) == ("law", ("中华人民共和国行政许可法",))
    assert answer.message() == "法规库中没有《行政许可》；是否指：《中华人民共和国行政许可法》"
    answer = lib.article("行政复议法", 1, on=dt.date(1990, 1, 1))
    assert answer.missing == "edition"
    assert answer.message() == "《行政复议法》在 1990-01-01 没有施行中的版本（库中版本：2017-09-01, 2023-09-01）"


def test_citations_resolve(lib: Library) -> None:
    answers = [lib.cite(c) for c in parse_citation("行政处罚法第六十三条、第六十四条")]
    assert [(a.ok, a.found.label) for a in answers] == [(True, "第六十三条"), (True, "第六十四条")]
    answer = lib.cite(parse_citation("第二十条第一款")[0], title="行政复议法", on=dt.date(2024, 6, 1))
    assert answer.text.startswith("公民、法人或者其他组织认为行政行为侵犯其合法权益的，可以自知道或者应当知道该行政行为之日起六十日内")


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "national"
    shutil.copytree(DATA, root)
    return root


def test_cache_cold_then_warm(tmp_path: Path) -> None:
    root, cache = _copy(tmp_path), tmp_path / "cache"
    cold = Library.open([root], cache)
    assert (cold.stats.from_cache, cold.stats.files, cold.stats.editions) == (False, 29, 29)
    [index] = cache.glob("index-*.json")
    warm = Library.open([root], cache)
    assert warm.stats.from_cache is True
    assert warm.find("行政复议法").effective == dt.date(2024, 1, 1)
    assert warm.article("行政许可法", 42, 2).text == cold.article("行政许可法", 42, 2).text
    assert [e.title for e in warm.all_editions] == [e.title for e in cold.all_editions]
    assert index.read_bytes().startswith(b'{"format":"powercat-laws-index","version":1,')


def test_cache_is_rebuilt_when_a_file_changes(tmp_path: Path) -> None:
    root, cache = _copy(tmp_path), tmp_path / "cache"
    Library.open([root], cache)
    path = root / "行政法" / "行政许可法(2019-04-23).md"
    path.write_text(path.read_text(encoding="utf-8").replace("第八十三条 本法自", "第八十三条 本法从"), encoding="utf-8")
    changed = Library.open([root], cache)
    assert changed.stats.from_cache is False
    assert changed.article("行政许可法", 83).text.startswith("本法从2004年7月1日起施行。")
    assert Library.open([root], cache).stats.from_cache is True


@pytest.mark.parametrize("tamper", [
    lambda raw: raw.replace("中华人民共和国行政许可法".encode(), "中华人民共和国行政许可证法".encode()),
    lambda raw: raw[: len(raw) // 2],
    lambda raw: b"not json at all",
    lambda raw: b"",
    lambda raw: raw.replace(b'"version":1', b'"version":2'),
])
def test_tampered_cache_is_ignored(tmp_path: Path, tamper) -> None:  # noqa: ANN001
    root, cache = _copy(tmp_path), tmp_path / "cache"
    Library.open([root], cache)
    [index] = cache.glob("index-*.json")
    index.write_bytes(tamper(index.read_bytes()))
    again = Library.open([root], cache)
    assert again.stats.from_cache is False
    assert again.find("中华人民共和国行政许可法") is not None
    assert again.find("行政许可证法") is None
    assert Library.open([root], cache).stats.from_cache is True  # rewritten


def test_cache_with_a_valid_check_but_wrong_types_is_ignored(tmp_path: Path) -> None:
    from powercat.laws import cache as cache_file

    root, cache = _copy(tmp_path), tmp_path / "cache"
    Library.open([root], cache)
    [index] = cache.glob("index-*.json")
    header, _, payload = index.read_bytes().partition(b"\n")
    entries = json.loads(payload)
    entries[0]["articles"] = "83"
    key = json.loads(header)["key"]
    assert cache_file.write(index, key, entries)
    assert Library.open([root], cache).stats.from_cache is False


def test_several_roots_and_local_levels(tmp_path: Path) -> None:
    local = write_library(tmp_path / "local", {
        "地方性法规/示例省/示例省行政执法条例(2022-05-01).md": law_text("示例省行政执法条例", "第一条 为了规范行政执法，制定本条例。"),
        "地方政府规章/示例市行政执法公示办法(2021-01-01).md": law_text("示例市行政执法公示办法", "第一条 为了公示，制定本办法。"),
    })
    library = Library.open([DATA, local])
    assert library.find("示例省行政执法条例").level == "local_regulation"
    assert library.find("示例市行政执法公示办法").level == "local_rule"
    assert library.find("行政许可法").level == "law"


def test_repealed_law_is_not_in_force_after_repeal(tmp_path: Path) -> None:
    root = write_library(tmp_path / "lib", {"行政法规/旧条例(2001-01-01).md": law_text(
        "旧条例", "第一条 旧的规定。", history=("2001年1月1日 国务院令第1号公布", "2020年3月1日 国务院令第9号废止"))})
    library = Library.open([root])
    edition = library.find("旧条例")
    assert (edition.repealed, edition.history[1].event) == (True, "废止")
    assert library.find("旧条例", on=dt.date(2019, 1, 1)) is edition
    assert library.find("旧条例", on=dt.date(2020, 3, 1)) is None


def test_a_decision_named_to_repeal_others_does_not_repeal_this_one(tmp_path: Path) -> None:
    root = write_library(tmp_path / "lib", {"行政法规/条例(2017-03-01).md": law_text(
        "条例", "第一条 规定。", history=("2011年1月8日 《国务院关于废止和修改部分行政法规的决定》第一次修订",))})
    edition = Library.open([root]).find("条例")
    assert (edition.repealed, edition.history[0].event) == (False, "修订")


def test_where_the_library_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from powercat.catalog.config import load_config

    monkeypatch.delenv("POWERCAT_LAWS", raising=False)
    config = load_config(tmp_path)
    assert law_paths(config, [Path("a")], {}) == [Path("a")]
    assert law_paths(config, None, {"POWERCAT_LAWS": f"x{__import__('os').pathsep}y"}) == [Path("x"), Path("y")]
    (tmp_path / "powercat.toml").write_text('[laws]\nlibrary = ["laws/national", "laws/local"]\n', encoding="utf-8")
    assert configured_law_paths(tmp_path) == [tmp_path / "laws/national", tmp_path / "laws/local"]
    (tmp_path / "powercat.toml").write_text('[laws]\nlibrary = "laws"\n', encoding="utf-8")
    assert configured_law_paths(tmp_path) == [tmp_path / "laws"]
    (tmp_path / "powercat.toml").write_text('[laws]\nlibrary = 3\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[laws\] library 应为路径或路径列表"):
        configured_law_paths(tmp_path)
    (tmp_path / "powercat.toml").write_text('[site]\ntitle = "x"\n', encoding="utf-8")
    assert configured_law_paths(tmp_path) == []


def test_a_root_that_is_not_a_folder(tmp_path: Path) -> None:
    with pytest.raises(LibraryError, match="法规库文件夹不存在"):
        Library.open([tmp_path / "missing"])


def test_a_folder_linked_into_itself_is_read_once(tmp_path: Path) -> None:
    root = write_library(tmp_path / "lib", {"行政法/甲法(2020-01-01).md": law_text("甲法", "第一条 甲。")})
    (root / "行政法" / "loop").symlink_to(root, target_is_directory=True)
    library = Library.open([root])
    assert [f.path for f in library.files] == ["行政法/甲法(2020-01-01).md"]
