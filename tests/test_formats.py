"""`validate --format ...` against each consumer's real schema or parser."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import junitparser
import pytest
from typer.testing import CliRunner

from powercat.cli import app
from powercat.lint.engine import validate

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).parent.parent
BROKEN = """\
code: XK-DEMO-001
name: 测试许可
category: licensing
handling_unit: 审批科
leader: 张三
leader: 李四
fee: {charged: maybe}
"""

runner = CliRunner()


@pytest.fixture
def broken(repo):  # noqa: ANN001, ANN201
    return repo({"catalogs/demo/powers/XK-DEMO-001.yaml": BROKEN})


def _run(root: Path, *args: str, env: dict | None = None):  # noqa: ANN202
    return runner.invoke(app, ["validate", "--root", str(root), "--no-cache", *args], env=env)


def test_json_has_the_documented_structure(broken: Path) -> None:
    result = _run(broken, "--format", "json")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert doc["version"] == 1 and set(doc["summary"]) == {"files", "powers", "errors", "warnings", "infos"}
    pc102 = [d for d in doc["diagnostics"] if d["code"] == "PC102"]
    assert pc102 == [{"code": "PC102", "severity": "error", "file": "catalogs/demo/powers/XK-DEMO-001.yaml",
                      "line": 6, "column": 1, "message": "键 leader 重复(第 5 行已出现)",
                      "hint": "删除或合并重复的键；YAML 中重复的键只有一个会生效"}]
    keys = [(d["file"], d["line"], d["column"], d["code"]) for d in doc["diagnostics"]]
    assert keys == sorted(keys)


def _sarif_schema() -> dict:
    """The final OASIS SARIF 2.1.0 schema (with Errata 01): tests/data/README.md says where from."""
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    assert schema["id"] == "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    return schema


def test_sarif_is_valid_against_the_official_schema(broken: Path) -> None:
    result = _run(broken, "--format", "sarif")
    doc = json.loads(result.stdout)
    jsonschema.Draft4Validator(_sarif_schema(), format_checker=jsonschema.FormatChecker()).validate(doc)
    assert doc["$schema"] == _sarif_schema()["id"]
    run = doc["runs"][0]
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    res = next(r for r in run["results"] if r["ruleId"] == "PC102")
    assert rule_ids[res["ruleIndex"]] == "PC102"
    assert res["locations"][0]["physicalLocation"]["region"] == {"startLine": 6, "startColumn": 1}


def test_sarif_help_is_the_rules_docs_page_and_links_it(broken: Path) -> None:
    """help.markdown is the rule's whole page (what GitHub code scanning shows beside an alert),
    helpUri its page at the commit this powercat came from, or [lint] docs_url."""
    from powercat.lint.ruledocs import page
    from powercat.origin import origin

    doc = json.loads(_run(broken, "--format", "sarif").stdout)
    rules = {r["id"]: r for r in doc["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["PC102"]["help"]["markdown"] == page("PC102", "zh-CN")
    assert "## 错误示例" in rules["PC102"]["help"]["markdown"]
    assert "重复的键会让一个取值被静默覆盖" in rules["PC102"]["help"]["text"] and "#" not in rules["PC102"]["help"]["text"]
    here = origin()
    assert here.pinned  # the tests run from a git checkout of powercat
    assert rules["PC102"]["helpUri"] == f"{here.repository}/blob/{here.ref}/docs/rules/PC102.md"
    assert all((REPO / "docs/rules" / f"{code}.md").is_file() for code in rules)  # the pages exist
    assert doc["runs"][0]["tool"]["driver"]["informationUri"] == here.repository

    (broken / "powercat.toml").write_text('[lint]\ndocs_url = "https://rules.example.gov.cn/{code}.html"\n',
                                          encoding="utf-8")
    doc = json.loads(_run(broken, "--format", "sarif").stdout)
    assert {r["helpUri"] for r in doc["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "PC304"} == \
        {"https://rules.example.gov.cn/PC304.html"}
    (broken / "powercat.toml").write_text('[lint]\ndocs_url = "https://rules.example.gov.cn/"\n', encoding="utf-8")
    bad = _run(broken, "--format", "sarif")
    assert bad.exit_code == 2 and "[lint] docs_url" in bad.output and "{code}" in bad.output


def test_github_annotations_and_job_summary(broken: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    result = _run(broken, "--format", "github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    lines = result.stdout.splitlines()
    assert "::error file=catalogs/demo/powers/XK-DEMO-001.yaml,line=6,col=1,title=PC102::键 leader 重复(第 5 行已出现)%0A" \
        "修改建议: 删除或合并重复的键；YAML 中重复的键只有一个会生效" in lines
    table = summary.read_text(encoding="utf-8")
    assert "| `catalogs/demo/powers/XK-DEMO-001.yaml` | 6:1 | 错误 | PC102 |" in table


def test_gitlab_code_quality_is_valid_and_fingerprints_survive_moved_lines(repo) -> None:  # noqa: ANN001
    root = repo({"catalogs/demo/powers/XK-DEMO-001.yaml": BROKEN})
    schema = json.loads((DATA / "gitlab-codequality.schema.json").read_text(encoding="utf-8"))
    first = json.loads(_run(root, "--format", "gitlab").stdout)
    jsonschema.Draft202012Validator(schema).validate(first)
    assert len({i["fingerprint"] for i in first}) == len(first)
    path = root / "catalogs/demo/powers/XK-DEMO-001.yaml"
    path.write_text("# 新增的注释行\n" + BROKEN, encoding="utf-8")
    second = json.loads(_run(root, "--format", "gitlab").stdout)
    assert [i["fingerprint"] for i in second] == [i["fingerprint"] for i in first]
    assert [i["location"]["lines"]["begin"] for i in second] == [i["location"]["lines"]["begin"] + 1 for i in first]


def test_junit_parses_with_a_junit_consumer(broken: Path, tmp_path: Path) -> None:
    out = tmp_path / "junit.xml"
    result = _run(broken, "--format", "junit", "--output", str(out))
    assert result.exit_code == 1
    xml = junitparser.JUnitXml.fromfile(str(out))
    cases = {(s.name, c.name): c for s in xml for c in s}
    dept = ("catalogs/demo/department.yaml", "powercat")
    assert dept in cases and cases[dept].is_passed
    failing = cases[("catalogs/demo/powers/XK-DEMO-001.yaml", "PC102 6:1")]
    assert not failing.is_passed and failing.result[0].message == "键 leader 重复(第 5 行已出现)"


def test_junit_fails_only_for_what_fails_the_run(tmp_path: Path) -> None:
    """Warnings and infos are passing test cases (their text in system-out); --strict fails warnings."""
    from powercat.adopt.scaffold import init_repo

    root = init_repo(tmp_path / "catalog", git=False).root  # no error, a few infos
    power = root / "catalogs/example/powers/XK-EXAMPLE-001.yaml"
    power.write_text(power.read_text(encoding="utf-8") + "lint: {ignore: [PC999]}\n", encoding="utf-8")  # PC108 warnings
    loose, strict = tmp_path / "loose.xml", tmp_path / "strict.xml"
    assert _run(root, "--report", f"junit:{loose}").exit_code == 0
    assert _run(root, "--strict", "--report", f"junit:{strict}").exit_code == 1
    for path, failing in ((loose, set()), (strict, {"warning"})):
        cases = [c for s in junitparser.JUnitXml.fromfile(str(path)) for c in s]
        pc108 = [c for c in cases if c.name.startswith("PC108 ")]
        assert pc108, [c.name for c in cases]
        assert {r.type for c in cases for r in c.result} == failing
        assert all("PC999" in c.system_out for c in pc108 if c.is_passed)
        xml = junitparser.JUnitXml.fromfile(str(path))
        assert sum(s.failures for s in xml) == (len(pc108) if failing else 0)


def test_several_reports_in_one_run(broken: Path, tmp_path: Path) -> None:
    """One run writes every report, whatever the exit code, and text still goes to the terminal."""
    sarif, junit, gitlab = tmp_path / "out/powercat.sarif", tmp_path / "junit.xml", tmp_path / "gl.json"
    result = _run(broken, "--report", f"sarif:{sarif}", "--report", f"junit:{junit}", "--report", f"gitlab:{gitlab}")
    assert result.exit_code == 1
    assert "PC102" in result.stdout and "键 leader 重复" in result.stdout  # the text report
    assert f"报告已写入 {sarif}" in result.stdout
    assert json.loads(sarif.read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert junitparser.JUnitXml.fromfile(str(junit))
    assert json.loads(gitlab.read_text(encoding="utf-8"))[0]["check_name"]
    github = _run(broken, "--report", "github", "--report", f"sarif:{sarif}")
    assert github.stdout.startswith("::error ") and f"报告已写入 {sarif}" not in github.stdout
    assert f"报告已写入 {sarif}" in github.stderr
    for wrong, said in ((["--report", "xml:a.xml"], "--report xml:a.xml"),
                        (["--report", "json", "--report", "text"], "只能有一个报告输出到终端"),
                        (["--format", "json", "--report", "github"], "--format json --report github")):
        bad = _run(broken, *wrong)
        assert bad.exit_code == 2 and said in bad.stderr


def test_severity_strict_and_language(repo) -> None:  # noqa: ANN001
    text = BROKEN.replace("leader: 李四\n", "").replace("fee: {charged: maybe}\n", "")
    root = repo({"catalogs/demo/powers/XK-DEMO-001.yaml": text + "lint: {ignore: [PC999]}\n"})
    loose = _run(root, "--format", "json", "--severity", "warning")
    doc = json.loads(loose.stdout)
    assert {d["severity"] for d in doc["diagnostics"]} <= {"error", "warning"}
    warn_only = [d for d in validate(root, use_cache=False).diagnostics if d.code == "PC108"]
    assert warn_only and all(d.severity.value == "warning" for d in warn_only)
    en = _run(root, "--format", "json", "--lang", "en")
    assert any(d["message"] == "the ignored rule code PC999 does not exist" for d in json.loads(en.stdout)["diagnostics"])
