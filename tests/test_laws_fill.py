"""`powercat laws fill`: level and text of each legal basis from the law library; nothing that
differs is overwritten without --force; comments and key order stay."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from powercat.cli import make_app

from .conftest import write_repo

LAWS = Path(__file__).resolve().parent / "data" / "laws" / "national"
POWER = "catalogs/demo/powers/XK-DEMO-001.yaml"
TEXT = """code: XK-DEMO-001
name: 建筑工程施工许可证核发
category: licensing
handling_unit: 行政审批科
leader: 李明(副局长)
legal_basis:
  # the law that creates the licence
  - {law: 中华人民共和国建筑法, article: 第八条第二款}
  - law: 中华人民共和国行政许可法
    level: law
    article: 第四十二条第一款
    text: 除可以当场作出行政许可决定的外，行政机关应当自受理行政许可申请之日起十五日内作出行政许可决定。
  - {law: 建设工程质量管理条例, level: administrative_regulation, article: 第十三条, text: TODO 法条内容}
"""


def _run(root: Path, *args: str):  # noqa: ANN202
    return CliRunner().invoke(make_app(["laws"]), ["laws", "fill", "--root", str(root), "--laws", str(LAWS), *args])


def test_fill_writes_what_is_missing_and_reports_what_differs(tmp_path: Path) -> None:
    root = write_repo(tmp_path, {POWER: TEXT})
    dry = _run(root, "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert (root / POWER).read_text(encoding="utf-8") == TEXT  # a dry run writes nothing
    res = _run(root)
    assert res.exit_code == 0, res.output
    after = (root / POWER).read_text(encoding="utf-8")
    assert "# the law that creates the licence" in after  # comments stay
    assert after.count("level: law") == 2  # 建筑法's level was not written: filled
    assert "text: 建设行政主管部门应当自收到申请之日起七日内，对符合条件的申请颁发施工许可证。" in after
    assert "之日起十五日内作出行政许可决定" in after  # a differing text is left as it is ...
    assert "与原文不同，未修改" in res.output
    assert "TODO 法条内容" not in after and "text: 建设单位应当自领取施工许可证之日起三个月内开工" not in after
    assert "第十三条\n    text: 建设单位在开工前，应当按照国家有关规定办理工程质量监督手续" in after  # ... a placeholder is replaced
    again = _run(root)
    assert "补全 0 处，写入 0 个文件" in again.output  # nothing left to fill
    forced = _run(root, "--force")
    assert forced.exit_code == 0, forced.output
    assert "之日起二十日内作出行政许可决定" in (root / POWER).read_text(encoding="utf-8")


def test_fill_without_a_library_says_how_to_configure_one(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.delenv("POWERCAT_LAWS", raising=False)
    root = write_repo(tmp_path, {POWER: TEXT})
    res = CliRunner().invoke(make_app(["laws"]), ["laws", "fill", "--root", str(root)])
    assert res.exit_code == 2 and "没有配置法规库" in res.output


def test_fill_reads_a_title_with_its_edition_note_as_the_rules_do(tmp_path: Path) -> None:
    """《…》(2019修正) names the law for fill as for PC207–PC211 (one split_title for all)."""
    text = TEXT.replace("{law: 中华人民共和国建筑法, article: 第八条第二款}", "{law: 《中华人民共和国建筑法》(2019修正), article: 第八条第二款}")
    root = write_repo(tmp_path, {POWER: text})
    res = _run(root)
    assert res.exit_code == 0, res.output
    assert "text: 建设行政主管部门应当自收到申请之日起七日内，对符合条件的申请颁发施工许可证。" in (root / POWER).read_text(encoding="utf-8")
