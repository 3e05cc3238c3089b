"""`powercat diff`: real git repositories with commits that add, change, rename, weaken and repeal."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from powercat.cli import app
from powercat.review.diff import WEAKENINGS, diff_catalogs
from powercat.review.formats import MARKER, format_diff
from powercat.catalog.git import GitError
from powercat.catalog.loader import load_catalog

from .conftest import CASES, write_repo

POWER = (CASES / "_power.yaml").read_text(encoding="utf-8")
# a richer power: an extension, a hearing, a fee field and step rights to take away
RICH = POWER.replace(
    "  promised: {days: 5, unit: working}\n",
    "  promised: {days: 5, unit: working}\n  extension: {days: 10, unit: working}\n",
).replace(
    "disclosure:", "hearing: true\nfee: {charged: false}\ndisclosure:",
).replace(
    "  - law: 中华人民共和国建筑法\n",
    "  - law: 中华人民共和国行政许可法\n    level: law\n    article: 第四十二条\n  - law: 中华人民共和国建筑法\n",
).replace(
    "time_limit: {days: 2, unit: working}, next: [decide]}",
    "time_limit: {days: 2, unit: working}, rights: [statement, defense], next: [decide]}",
)
assert RICH.count("\n") == POWER.count("\n") + 6


def power(code: str, text: str = RICH) -> str:
    return text.replace("XK-DEMO-001", code)


def git(root: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=Reviewer", "-c", "user.email=reviewer@example.org",
         "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
        cwd=root, check=True, capture_output=True, text=True,
    )
    return done.stdout


def commit(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    """A git repository whose first commit ("base") holds XK-DEMO-001 .. 004."""
    write_repo(tmp_path, {f"catalogs/demo/powers/XK-DEMO-00{i}.yaml": power(f"XK-DEMO-00{i}") for i in range(1, 5)})
    git(tmp_path, "init", "-q")
    commit(tmp_path, "base")
    git(tmp_path, "tag", "base")
    return tmp_path


def changes_of(result, code: str) -> dict[str, str | None]:
    item = next(p for p in result.powers if p.key == code)
    return {c.field: c.weakening for c in item.changes}


def test_each_weakening_is_flagged_with_its_kind(catalog: Path) -> None:
    f = catalog / "catalogs/demo/powers/XK-DEMO-001.yaml"
    edit(f, "promised: {days: 5, unit: working}", "promised: {days: 8, unit: working}")
    edit(f, "  extension: {days: 10, unit: working}\n", "")
    edit(f, "  - {type: defense}\n", "")
    edit(f, "fee: {charged: false}", "fee: {charged: true, standard: 每件 100 元}")
    edit(f, "scope: public", "scope: limited")
    edit(f, "  - law: 中华人民共和国行政许可法\n    level: law\n    article: 第四十二条\n", "")
    edit(f, "hearing: true", "hearing: false")
    edit(f, "rights: [statement, defense], next: [decide]", "rights: [statement], next: [decide]")
    edit(f, "name: 建筑工程施工许可证核发", "name: 建筑工程施工许可")
    commit(catalog, "weaken")

    result = diff_catalogs(catalog, "base", "HEAD")

    assert [p.key for p in result.powers] == ["XK-DEMO-001"]
    assert result.powers[0].status == "changed"
    assert changes_of(result, "XK-DEMO-001") == {
        "name": None,
        "legal_basis[中华人民共和国行政许可法 第四十二条]": "basis_removed",
        "time_limit.promised": "limit_longer",
        "time_limit.extension": "limit_removed",
        "rights[defense]": "right_removed",
        "hearing": "hearing_dropped",
        "fee.charged": "fee_added",
        "fee.standard": None,  # a standard written together with the new fee is part of fee_added
        "disclosure.scope": "disclosure_narrowed",
        "procedures[general].steps[review].rights": "step_rights_removed",
    }
    promised = next(c for c in result.powers[0].changes if c.field == "time_limit.promised")
    assert (promised.old, promised.new) == ({"days": 5, "unit": "working"}, {"days": 8, "unit": "working"})
    assert result.summary()["weakening"] == 8 and result.weakened


def test_added_renamed_repealed_removed_and_unchanged(catalog: Path) -> None:
    (catalog / "catalogs/zjj/powers").mkdir(parents=True)
    (catalog / "catalogs/zjj/department.yaml").write_text(
        (CASES / "_department.yaml").read_text(encoding="utf-8").replace("id: demo", "id: zjj"), encoding="utf-8")
    git(catalog, "mv", "catalogs/demo/powers/XK-DEMO-001.yaml", "catalogs/zjj/powers/XK-DEMO-001.yaml")
    edit(catalog / "catalogs/demo/powers/XK-DEMO-002.yaml", "category: licensing", "category: licensing\nstatus: repealed")
    git(catalog, "rm", "-q", "catalogs/demo/powers/XK-DEMO-003.yaml")
    (catalog / "catalogs/demo/powers/XK-DEMO-005.yaml").write_text(power("XK-DEMO-005"), encoding="utf-8")
    commit(catalog, "reorganise")

    result = diff_catalogs(catalog, "base", "HEAD")
    by_code = {p.key: p for p in result.powers}

    assert sorted(by_code) == ["XK-DEMO-001", "XK-DEMO-002", "XK-DEMO-003", "XK-DEMO-005"]  # 004 unchanged
    moved = by_code["XK-DEMO-001"]
    assert (moved.status, moved.old_file, moved.file, moved.department, moved.changes) == (
        "renamed", "catalogs/demo/powers/XK-DEMO-001.yaml", "catalogs/zjj/powers/XK-DEMO-001.yaml", "zjj", [])
    assert by_code["XK-DEMO-002"].status == "changed"
    assert changes_of(result, "XK-DEMO-002") == {"status": "power_repealed"}
    assert (by_code["XK-DEMO-003"].status, by_code["XK-DEMO-003"].file) == ("removed", None)
    assert changes_of(result, "XK-DEMO-003") == {"power": "power_removed"}
    new = by_code["XK-DEMO-005"]  # an added power is shown with every legal field, and flagged for review
    assert (new.status, new.reviews) == ("added", ["new_licensing"])
    assert [c.field for c in new.changes] == [
        "category", "handling_unit", "legal_basis[中华人民共和国行政许可法 第四十二条]", "legal_basis[中华人民共和国建筑法 第七条]",
        "time_limit.statutory", "time_limit.promised", "time_limit.extension", "fee.charged", "hearing",
        "rights[explanation]", "rights[statement]", "rights[defense]", "rights[reconsideration]", "rights[litigation]",
        "disclosure.scope", "disclosure.timing", "disclosure.within_days", "disclosure.carriers", "procedures[general]"]
    assert all(c.old is None and c.weakening is None for c in new.changes)
    assert [(d.key, d.status) for d in result.departments] == [("zjj", "added")]
    assert result.summary() == {
        "added": 1, "removed": 1, "changed": 1, "renamed": 1, "repealed": 1, "weakening": 2,
        "weakened_powers": 2, "departments_changed": 1, "problems": 0, "legal_review": 1,
    }


def test_strengthening_and_reordering_are_changes_but_not_weakening(catalog: Path) -> None:
    f = catalog / "catalogs/demo/powers/XK-DEMO-001.yaml"
    edit(f, "promised: {days: 5, unit: working}", "promised: {days: 3, unit: working}")
    edit(f, "  - {type: explanation}\n  - {type: statement}\n", "  - {type: statement}\n  - {type: explanation}\n")
    edit(f, "  - {type: litigation}\n", "  - {type: litigation}\n  - {type: compensation}\n")
    commit(catalog, "better")
    assert changes_of(diff_catalogs(catalog, "base", "HEAD"), "XK-DEMO-001") == {
        "time_limit.promised": None, "rights[compensation]": None}


@pytest.mark.parametrize(("new_limit", "weakening"), [
    ("{days: 7, unit: natural}", None),  # 7 natural days = 5 working days: the same
    ("{days: 8, unit: natural}", "limit_longer"),  # 8 / 1.4 = 5.7 working days
    ("on_the_spot", None),
])
def test_limits_are_compared_in_working_day_equivalents(catalog: Path, new_limit: str, weakening: str | None) -> None:
    edit(catalog / "catalogs/demo/powers/XK-DEMO-001.yaml", "promised: {days: 5, unit: working}", f"promised: {new_limit}")
    # HEAD omitted: the working tree, uncommitted edits included
    assert changes_of(diff_catalogs(catalog, "base"), "XK-DEMO-001") == {"time_limit.promised": weakening}


def test_scope_fee_and_channels(catalog: Path) -> None:
    f = catalog / "catalogs/demo/powers/XK-DEMO-001.yaml"
    edit(f, "fee: {charged: false}", "fee: {charged: true, standard: 每件 100 元}")
    commit(catalog, "fee")
    git(catalog, "tag", "charged")
    edit(f, "standard: 每件 100 元", "standard: 每件 200 元")
    edit(f, "scope: public", "scope: leadership")
    edit(catalog / "catalogs/demo/department.yaml", "  - {name: 局纪检监察室, phone: 0000-1234568, kind: internal}\n", "")
    result = diff_catalogs(catalog, "charged")
    assert changes_of(result, "XK-DEMO-001") == {"fee.standard": "fee_changed", "disclosure.scope": "disclosure_narrowed"}
    assert [(d.key, [(c.field, c.weakening) for c in d.changes]) for d in result.departments] == [
        ("demo", [("supervision[局纪检监察室]", "channel_removed")])]


def test_a_file_that_no_longer_parses_is_reported_not_raised(catalog: Path) -> None:
    f = catalog / "catalogs/demo/powers/XK-DEMO-002.yaml"
    f.write_text("code: XK-DEMO-002\nname: [unclosed\n", encoding="utf-8")
    (catalog / "catalogs/demo/powers/XK-DEMO-003.yaml").write_text("code: XK-DEMO-003\nunknown_key: 1\n", encoding="utf-8")
    result = diff_catalogs(catalog, "base")
    broken = next(p for p in result.powers if p.key == "XK-DEMO-002")
    assert (broken.status, broken.changes) == ("changed", [])
    assert broken.problems[0]["revision"] == "head" and broken.problems[0]["kind"] == "yaml"
    assert broken.problems[0]["line"] == 3
    schema = next(p for p in result.powers if p.key == "XK-DEMO-003")
    assert schema.problems[0]["kind"] == "schema"
    text = format_diff(result, "text")
    assert "新版本 catalogs/demo/powers/XK-DEMO-002.yaml: YAML 语法错误(第 3 行" in text


def test_catalog_root_below_the_top_of_the_repository(tmp_path: Path) -> None:
    sub = tmp_path / "gov" / "county"
    sub.mkdir(parents=True)
    write_repo(sub, {"catalogs/demo/powers/XK-DEMO-001.yaml": power("XK-DEMO-001")})
    git(tmp_path, "init", "-q")
    commit(tmp_path, "base")
    snap = load_catalog(sub, revision="HEAD")
    assert sorted(snap.files) == ["catalogs/demo/department.yaml", "catalogs/demo/powers/XK-DEMO-001.yaml"]
    assert snap.files["catalogs/demo/powers/XK-DEMO-001.yaml"].raw.decode("utf-8") == power("XK-DEMO-001")
    edit(sub / "catalogs/demo/powers/XK-DEMO-001.yaml", "scope: public", "scope: internal")
    assert changes_of(diff_catalogs(sub, "HEAD"), "XK-DEMO-001") == {"disclosure.scope": "disclosure_narrowed"}


def test_bad_revision_and_no_repository(catalog: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    with pytest.raises(GitError, match="找不到版本 no-such-branch"):
        diff_catalogs(catalog, "no-such-branch")
    runner = CliRunner()
    out = runner.invoke(app, ["diff", "no-such-branch", "--root", str(catalog)])
    assert out.exit_code == 2 and "找不到版本 no-such-branch" in out.output and "Traceback" not in out.output
    plain = write_repo(tmp_path_factory.mktemp("plain"), {})
    out = runner.invoke(app, ["diff", "main", "--root", str(plain)])
    assert out.exit_code == 2 and "不是 git 仓库" in out.output


def test_cli_formats_and_fail_on_weakening(catalog: Path) -> None:
    edit(catalog / "catalogs/demo/powers/XK-DEMO-001.yaml", "hearing: true", "hearing: false")
    edit(catalog / "catalogs/demo/powers/XK-DEMO-002.yaml", "duties: 对申请材料进行审查", "duties: 对申请材料依法审查")
    runner = CliRunner()
    root = ["--root", str(catalog)]

    out = runner.invoke(app, ["diff", "base", *root, "--format", "markdown"])
    assert out.exit_code == 0
    md = out.output
    assert md.startswith(MARKER) and "| 新增 | 删除 | 取消/暂停 | 修改 | 移动/改名 | 削弱相对人权益 |" in md
    weak, other = md.index("<details open><summary><b>XK-DEMO-001</b>"), md.index("<details><summary><b>XK-DEMO-002</b>")
    assert weak < other  # weakening first
    assert "| 是否适用听证 | 是 | 否 | ⚠️ **取消听证：" in md
    assert "| 职责要求 | 对申请材料进行审查" in md

    out = runner.invoke(app, ["diff", "base", *root, "--format", "json", "--fail-on-weakening"])
    assert out.exit_code == 1, out.exception
    data = json.loads(out.output)
    assert (data["version"], data["base"], data["head"]) == (1, "base", None)
    assert data["powers"][0] == {
        "code": "XK-DEMO-001", "name": "建筑工程施工许可证核发", "department": "demo", "status": "changed",
        "file": "catalogs/demo/powers/XK-DEMO-001.yaml", "old_file": None,
        "changes": [{"field": "hearing", "old": True, "new": False, "weakening": "hearing_dropped"}], "problems": [],
        "reviews": [],
    }
    assert data["weakenings"]["hearing_dropped"]["law"] == WEAKENINGS["hearing_dropped"].law("zh-CN")

    out = runner.invoke(app, ["diff", "base", *root, "--lang", "en"])
    assert out.exit_code == 0 and "⚠ hearing: yes → no" in out.output

    out = runner.invoke(app, ["diff", "base", "base", *root, "--fail-on-weakening"])
    assert out.exit_code == 0 and "两个版本之间职权目录没有变化" in out.output


def test_every_weakening_kind_is_documented() -> None:
    doc = (Path(__file__).resolve().parents[1] / "docs" / "review.md").read_text(encoding="utf-8")
    for kind, w in WEAKENINGS.items():
        assert f"`{kind}`" in doc, kind
        assert w.title("zh-CN") and w.title("en") and "第" in w.law("zh-CN") and "art" in w.law("en")


def test_markdown_cells_are_escaped(catalog: Path) -> None:
    edit(catalog / "catalogs/demo/powers/XK-DEMO-001.yaml", "duties: 对申请材料进行审查，对符合条件的申请颁发施工许可证。",
         'duties: "审查 | 决定 <b>x</b>\\n第二行"')
    result = diff_catalogs(catalog, "base")
    assert result.powers[0].problems == []
    md = format_diff(result, "markdown")
    assert "| 审查 \\| 决定 &lt;b&gt;x&lt;/b&gt;<br>第二行 |" in md


def test_a_new_power_is_shown_in_full_and_flagged_for_the_legal_review(catalog: Path) -> None:
    text = power("CF-DEMO-009").replace("category: licensing", "category: penalty").replace(
        "name: 建筑工程施工许可证核发", "name: 对未取得施工许可证擅自施工的处罚")
    (catalog / "catalogs/demo/powers/CF-DEMO-009.yaml").write_text(text, encoding="utf-8")
    edit(catalog / "catalogs/demo/powers/XK-DEMO-002.yaml", "category: licensing", "category: coercion")
    result = diff_catalogs(catalog, "base")
    assert [(p.key, p.status, p.reviews) for p in result.powers] == [
        ("CF-DEMO-009", "added", ["new_penalty"]), ("XK-DEMO-002", "changed", ["new_coercion"])]
    out = format_diff(result, "text")
    assert "    ⚑ 新增行政处罚：须审查处罚的种类和设定权限" in out
    assert "    · 行使依据[中华人民共和国行政许可法 第四十二条]: — → 《中华人民共和国行政许可法》第四十二条（法律）" in out
    assert "    · 办理时限 › 法定时限: — → 20个工作日" in out and "    · 是否适用听证: — → 是" in out
    assert "    · 外部流程[一般程序]: — → 一般程序: 申请 → 受理 → 审查 → 决定 → 送达" in out
    md = format_diff(result, "markdown")
    assert "| 须法制审核 |" in md and "### ⚑ 须法制审核的事项 (2)" in md
    assert "<details open><summary><b>CF-DEMO-009</b> 对未取得施工许可证擅自施工的处罚 · 新增 — ⚑ 新增行政处罚</summary>" in md
    assert json.loads(format_diff(result, "json"))["reviews"]["new_penalty"]["law"].endswith("(行政处罚法第十条至第十六条)")


def test_disclosure_timing_and_carriers_narrowed_and_materials_item_by_item(catalog: Path) -> None:
    f = catalog / "catalogs/demo/powers/XK-DEMO-001.yaml"
    edit(f, "disclosure: {scope: public, timing: timely, within_days: 20, carriers: [website, service_guide]}",
         "disclosure: {scope: public, timing: periodic, carriers: [website]}\nmaterials: [申请书, 营业执照]")
    commit(catalog, "narrow")
    git(catalog, "tag", "narrow")
    assert changes_of(diff_catalogs(catalog, "base", "narrow"), "XK-DEMO-001") == {
        "disclosure.timing": "disclosure_later", "disclosure.within_days": "disclosure_delayed",
        "disclosure.carriers": "carriers_removed",
        "materials[申请书]": None, "materials[营业执照]": None}
    edit(f, "materials: [申请书, 营业执照]", "materials: [申请书, 施工合同]")
    result = diff_catalogs(catalog, "narrow")
    assert [(c.field, c.old, c.new) for c in result.powers[0].changes] == [
        ("materials[营业执照]", "营业执照", None), ("materials[施工合同]", None, "施工合同")]
