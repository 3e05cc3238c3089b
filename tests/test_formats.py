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


def test_sarif_is_valid_against_the_official_schema(broken: Path) -> None:
    result = _run(broken, "--format", "sarif")
    doc = json.loads(result.stdout)
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(doc)
    run = doc["runs"][0]
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert "PC102" in rule_ids and all(r["helpUri"].endswith(f"{r['id']}/") for r in run["tool"]["driver"]["rules"])
    res = next(r for r in run["results"] if r["ruleId"] == "PC102")
    assert rule_ids[res["ruleIndex"]] == "PC102"
    assert res["locations"][0]["physicalLocation"]["region"] == {"startLine": 6, "startColumn": 1}


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
