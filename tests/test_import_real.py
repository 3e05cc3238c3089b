"""`powercat import` on a real published list: Liaoning's 行政权力 list as the provincial platform
exports it (tests/data/import/liaoning.json, a copy of ../shared/realdata/liaoning.json) and as a
GB18030 CSV with multi-line cells (liaoning-gbk.csv).

The legal bases expected are written by hand from each item's 依据 text
(tests/data/import/liaoning-expected.yaml); the accuracy is computed here, not pasted. With the
whole national law fixture (../shared/laws/national.tar.xz; skipped without it) the library also
confirms titles, levels and articles and finds the list's real defects.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
import yaml

from powercat.adopt.basis_text import split_basis
from powercat.adopt.export import export
from powercat.adopt.importer import import_file
from powercat.adopt.lawmatch import KnownLaws
from powercat.adopt.summary import basis_lines
from powercat.catalog.loader import load_catalog
from powercat.laws import Library
from powercat.laws.text import title_key
from powercat.lint.engine import validate

from .conftest import write_repo
from .laws_helpers import needs_fixture, unpack_fixture

DATA = Path(__file__).parent / "data" / "import"
ITEMS = json.loads((DATA / "liaoning.json").read_text(encoding="utf-8"))
EXPECTED = yaml.safe_load((DATA / "liaoning-expected.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return unpack_fixture(tmp_path_factory.mktemp("laws"))


@pytest.fixture(scope="module")
def known(national: Path, tmp_path_factory: pytest.TempPathFactory) -> KnownLaws:
    found = KnownLaws.of(Library.open([national], cache_dir=tmp_path_factory.mktemp("cache")))
    assert found is not None
    return found


def _key(law: str) -> str:
    return title_key(re.sub(r"\s+", "", law))


def accuracy(known: KnownLaws | None) -> tuple[float, list[str]]:
    """Share of hand-written bases the splitter gets right (law, level and article), counting a
    basis it makes up as one more wrong; and what it got wrong."""
    right = total = 0
    wrong = []
    for item, expected in zip(ITEMS, EXPECTED):
        assert item["事项名称"] == expected["item"]
        got = [(_key(b.law), b.level, b.article) for b in split_basis(item["依据"], known)]
        for law, level, article in expected["bases"]:
            total += 1
            if (_key(law), level, article) in got:
                got.remove((_key(law), level, article))
                right += 1
            else:
                wrong.append(f"{expected['item'][:16]}: {law} {level} {article}")
        total += len(got)
        wrong += [f"{expected['item'][:16]}: made up {g}" for g in got]
    return right / total, wrong


def test_the_expected_bases_cover_every_item() -> None:
    assert len(ITEMS) == len(EXPECTED) == 30
    assert sum(len(e["bases"]) for e in EXPECTED) == 57


def test_bases_without_a_library() -> None:
    share, wrong = accuracy(None)
    assert share >= 0.95, wrong


@needs_fixture
def test_bases_with_the_library(known: KnownLaws) -> None:
    share, wrong = accuracy(known)
    assert share >= 0.95, wrong
    assert share == 1.0, wrong  # 57 of 57 when this was written


@needs_fixture
def test_what_the_library_adds(known: KnownLaws) -> None:
    (env,) = split_basis(ITEMS[6]["依据"], known)  # 《环境保护法》第二十四条
    assert (env.law, env.written, env.sure.grade) == ("中华人民共和国环境保护法", "环境保护法", "sure")
    (archive,) = split_basis(ITEMS[3]["依据"], known)  # no marker; 国家档案局令 in the note, but a 行政法规
    assert (archive.level, archive.sure.level, archive.edition) == ("administrative_regulation", "library", "2017年3月1日修正")
    assert archive.sure.notes == [("repealed_by", {"law": "中华人民共和国档案法实施办法",
                                                    "by": "《中华人民共和国档案法实施条例》第五十二条"})]
    (drugs,) = split_basis(ITEMS[2]["依据"], known)  # the fixture's copy of this regulation is cut short
    assert drugs.sure.article == "missing" and "没有第二十六条" in drugs.sure.notes[0][1]["zh-CN"]
    grades = [b.sure.grade for item in ITEMS for b in split_basis(item["依据"], known)]
    assert grades.count("sure") == 33 and [b.sure.grade for item in ITEMS for b in split_basis(item["依据"])].count(
        "sure") == 0  # without a library nothing is confirmed


@pytest.fixture
def empty(tmp_path: Path) -> Path:
    return _repo(tmp_path / "repo")


def _repo(folder: Path) -> Path:
    folder.mkdir(parents=True)
    return write_repo(folder, {})


def _powers(root: Path) -> dict[str, dict]:
    folder = root / "catalogs/demo/powers"
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.yaml"))}


@pytest.mark.parametrize("name", ["liaoning.json", "liaoning-gbk.csv"])
def test_every_item_is_written(empty: Path, name: str) -> None:
    result = import_file(empty, DATA / name, "demo")
    assert [r.status for r in result.rows] == ["written"] * 30 and result.unknown == []
    powers = _powers(empty)
    assert len(powers) == 30
    patent = powers["210973001000"]
    assert (patent["name"], patent["category"], patent["authorized_by"]) == ("专利权侵权纠纷处理", "adjudication", "73")
    assert patent["exercise_levels"] == ["省级", "市级"]  # 实施层级 2,3: the national codes
    assert patent["legal_basis"][0] == {
        "law": "中华人民共和国专利法", "level": "law", "article": "第六十五条", "edition": "2020年10月17日修正",
        "text": patent["legal_basis"][0]["text"]}
    assert patent["legal_basis"][0]["text"].startswith("未经专利权人许可") and "fee" not in patent and "hearing" not in patent
    assert powers["219964005000"]["category"] == "99"  # a real defect: written as given, PC101 reports it
    assert [b["level"] for b in powers["210415012000"]["legal_basis"]] == [
        "administrative_regulation", "normative_document", "normative_document"]  # 辽政发, 财综 marked 【行政法规】
    assert [b["article"] for b in powers["210122039000"]["legal_basis"]] == ["附件第193项", "附件2第37项"]
    assert powers["000524021000"]["legal_basis"] == [{  # ;1、《军人抚恤优待条例》…: no phantom basis
        "law": "军人抚恤优待条例", "level": "administrative_regulation", "article": "第三十三条",
        "text": "义务兵服现役期间，其家庭由当地人民政府发给优待金或者给予其他优待，优待标准不低于当地平均生活水平。"}]


def test_json_and_csv_give_the_same_powers(tmp_path: Path) -> None:
    first, second = _repo(tmp_path / "a"), _repo(tmp_path / "b")
    import_file(first, DATA / "liaoning.json", "demo")
    import_file(second, DATA / "liaoning-gbk.csv", "demo")
    assert _powers(first) == _powers(second)


def _carried(root: Path) -> dict[str, dict]:
    return {lp.power.code: lp.power.model_dump(mode="json", exclude_defaults=True, exclude={"procedures"})
            for lp in load_catalog(root, use_cache=False).powers()}


def test_import_export_import_is_stable(tmp_path: Path) -> None:
    first = _repo(tmp_path / "a")
    import_file(first, DATA / "liaoning.json", "demo")
    roots = [first]
    for n in (2, 3):  # export what was imported, import it into a new catalog, twice
        data, count, _ = export(roots[-1], "csv", audience="internal")
        assert count == 29  # the 事项类型 99 item fails the schema: export leaves it out (and says so)
        rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
        assert {(r["是否收费"], r["是否听证"]) for r in rows} == {("未填写", "未填写")}  # unknown is not 否
        assert rows[0]["实施层级"] and rows[0]["授权部门"] and "（" in rows[0]["依据"]  # fields, not comments
        (tmp_path / f"export{n}.csv").write_bytes(data)
        roots.append(_repo(tmp_path / f"r{n}"))
        result = import_file(roots[-1], tmp_path / f"export{n}.csv", "demo")
        assert [r.status for r in result.rows] == ["written"] * 29 and result.unknown == []
    before, after, again = (_carried(r) for r in roots)
    assert sorted(after) == sorted(before) and after == before
    assert again == after
    patent = after["210973001000"]
    assert (patent["exercise_levels"], patent["authorized_by"], patent["legal_basis"][0]["edition"]) == (
        ["省级", "市级"], "73", "2020年10月17日修正")
    assert all("fee" not in p and "hearing" not in p for p in after.values())


@needs_fixture
def test_the_real_defects_surface(empty: Path, national: Path) -> None:
    result = import_file(empty, DATA / "liaoning.json", "demo", laws=[national])
    report = validate(empty, result.written, laws=[national], use_cache=False)
    found = {(d.file.rsplit("/", 1)[1].removesuffix(".yaml"), d.code) for d in report.diagnostics}
    assert ("219964005000", "PC101") in found  # 事项类型 99: a 表彰奖励 (08)
    assert ("000175004000", "PC209") in found  # 档案法实施办法: the text is not the library's wording
    assert ("000139003000", "PC209") in found  # 广播电视管理条例第十一条 quoted with a sentence left out
    assert ("210122039000", "PC207") in found  # the 国务院决定 are not in the national library
    checks = "\n".join(basis_lines(result, "zh-CN"))
    assert "第 13 项([12]) 《国务院对确需保留的行政审批项目设定行政许可的决定》附件第193项：源表标注为【规范性文件】" in checks
    assert "第 28 项([27]) 《辽宁省矿产资源权益金制度改革实施方案》：源表标注为【行政法规】，但文号或名称(辽政发【2017】33号)" in checks
    assert "《矿业权出让收益征收管理暂行办法》第六条：源表标注为【行政法规】，但文号或名称(财综【2017】35号)" in checks
    assert "《中华人民共和国档案法实施办法》已由《中华人民共和国档案法实施条例》第五十二条废止" in checks
    text = (empty / "catalogs/demo/powers/219964005000.yaml").read_text(encoding="utf-8")
    assert "# 源表事项类型“99”不是可用的类别" in text and "按事项名称可能是 reward(行政奖励)" in text
