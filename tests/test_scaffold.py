"""`powercat init`, `powercat new power` and `powercat codeowners`."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from ruamel.yaml import YAML
from typer.testing import CliRunner

from powercat.cli import app
from powercat.lint.diagnostics import Severity
from powercat.lint.engine import validate
from powercat.catalog.parse import parse_yaml
from powercat.catalog.model import Power
from powercat.catalog.profile import load_profile
from powercat.adopt.codeowners import BEGIN, END
from powercat.adopt.scaffold import ScaffoldError, init_repo, new_power, write_codeowners

runner = CliRunner()
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def made(tmp_path: Path) -> Path:
    result = init_repo(tmp_path / "catalog", title="示例县行政权力公开", git=False)
    assert result.skipped == [] and result.warnings == []
    return result.root


def _yaml(path: Path) -> dict:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))  # YAML 1.2: `on` stays a key


def test_init_writes_a_repository_that_validates_clean(made: Path) -> None:
    for rel in ("powercat.toml", "README.md", ".gitignore", ".pre-commit-config.yaml",
                ".github/workflows/powercat.yml", ".github/CODEOWNERS", "schemas/power.schema.json",
                "catalogs/example/department.yaml", "catalogs/example/powers/XK-EXAMPLE-001.yaml"):
        assert (made / rel).is_file(), rel
    report = validate(made, use_cache=False)
    assert report.powers == 1
    assert [(d.code, d.file, d.line) for d in report.diagnostics if d.severity != Severity.info] == []
    assert 'title = "示例县行政权力公开"' in (made / "powercat.toml").read_text(encoding="utf-8")


def test_init_workflow_runs_validate_diff_and_publish_to_pages(made: Path) -> None:
    """Which job runs which powercat command through the action; tests/test_ci_action.py runs them."""
    wf = _yaml(made / ".github/workflows/powercat.yml")
    assert wf["on"]["push"]["branches"] == ["main"] and "pull_request" in wf["on"]
    jobs = wf["jobs"]
    assert set(jobs) == {"validate", "diff", "publish", "deploy"}
    ours = {name: [s for s in job["steps"] if s.get("uses", "").startswith("powercat/powercat@")]
            for name, job in jobs.items()}
    commands = {name: [s["with"]["command"] for s in steps] for name, steps in ours.items()}
    assert commands == {"validate": ["validate --report github --report sarif:powercat.sarif"],
                        "diff": ['diff "origin/$GITHUB_BASE_REF" --format markdown --output diff.md'],
                        "publish": ["publish --out build/site"], "deploy": []}
    assert ours["validate"][0]["with"]["sarif"] == "powercat.sarif" and ours["diff"][0]["with"]["comment"] == "diff.md"
    assert jobs["diff"]["if"] == "github.event_name == 'pull_request'"
    assert "refs/heads/main" in jobs["publish"]["if"] and jobs["deploy"]["needs"] == "publish"
    uses = [s.get("uses", "") for s in jobs["publish"]["steps"] + jobs["deploy"]["steps"]]
    assert "actions/upload-pages-artifact@v3" in uses and "actions/deploy-pages@v4" in uses
    # every powercat command the workflow and the hooks call exists in this powercat
    known = set(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
    hooks = _yaml(REPO / ".pre-commit-hooks.yaml")
    called = [c.split()[0] for cs in commands.values() for c in cs] + [h["entry"].split()[1] for h in hooks]
    assert set(called) == {"validate", "diff", "publish", "codeowners"} and set(called) <= known


def test_init_codeowners_routes_the_department_to_its_reviewer(made: Path) -> None:
    lines = (made / ".github/CODEOWNERS").read_text(encoding="utf-8").splitlines()
    assert "/catalogs/example/ @your-org/legal-review" in lines
    assert "/powercat.toml @your-org/legal-review" in lines
    assert write_codeowners(made, check=True)[0] is False  # up to date


def test_init_refuses_an_existing_repository_and_keeps_existing_files(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("ours\n", encoding="utf-8")
    result = init_repo(tmp_path, git=True)
    assert result.skipped == ["README.md"] and (tmp_path / "README.md").read_text(encoding="utf-8") == "ours\n"
    assert result.git and (tmp_path / ".git").is_dir()
    out = runner.invoke(app, ["init", str(tmp_path)])
    assert out.exit_code == 2 and "powercat.toml 已存在" in out.output


def test_codeowners_unmapped_reviewer_and_hand_written_lines(made: Path) -> None:
    dept = made / "catalogs/example/department.yaml"
    dept.write_text(dept.read_text(encoding="utf-8").replace(
        "legal_reviewer: 示例县司法局法制审核科", "legal_reviewer: 县住建局法规股"), encoding="utf-8")
    owners = made / ".github/CODEOWNERS"
    owners.write_text("*.md @docs-team\n" + owners.read_text(encoding="utf-8"), encoding="utf-8")

    out = runner.invoke(app, ["codeowners", "--check", "--root", str(made)])
    assert out.exit_code == 1
    out = runner.invoke(app, ["codeowners", "--root", str(made)])
    assert out.exit_code == 0 and '"县住建局法规股" 未在 powercat.toml [codeowners] 中映射' in out.output
    text = owners.read_text(encoding="utf-8")
    assert text.startswith(BEGIN) and text.endswith(f"{END}\n\n*.md @docs-team\n")  # hand-written lines after it decide
    assert '# /catalogs/example/: legal_reviewer "县住建局法规股" 未在 powercat.toml [codeowners] 中映射' in text
    assert "/catalogs/example/ @" not in text

    toml = made / "powercat.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + '"县住建局法规股" = ["@zhang-san", "@li-si"]\n', encoding="utf-8")
    assert runner.invoke(app, ["codeowners", "--root", str(made)]).exit_code == 0
    assert "/catalogs/example/ @zhang-san @li-si\n" in owners.read_text(encoding="utf-8")


def test_new_power_follows_the_profile_and_keeps_comments(made: Path) -> None:
    created = new_power(made, "example", "licensing")
    assert created.code == "XK-EXAMPLE-002"  # 001 is the example
    text = created.path.read_text(encoding="utf-8")
    assert "code: XK-EXAMPLE-002 # 事项编码，须与文件名相同" in text and "required" not in text
    assert "# 相对人的权利：" in text and "name: TODO 事项名称" in text
    data = parse_yaml(text).data
    power = Power.model_validate(data)  # valid against the schema, TODOs and all
    template = load_profile().categories["licensing"].procedures["general"].steps
    assert [s.id for s in power.procedures[0].steps] == [s.id for s in template]
    assert [s.name for s in power.procedures[0].steps] == [s.name for s in template]
    assert power.time_limit.statutory.days == 20 and power.right_types() >= {"explanation", "statement", "defense"}
    assert data["procedures"][0]["steps"][1]["post"] == "TODO"
    assert (created.todos[0][0], created.todos[0][1]) == (5, "name: TODO 事项名称 # 如 建筑工程施工许可证核发")

    report = validate(made, [created.path], use_cache=False)
    codes = {d.code for d in report.diagnostics}
    assert codes == {"PC110"}  # every TODO, once (not PC507 for the TODO posts, not PC204 for the TODO law)
    assert new_power(made, "example", "licensing").code == "XK-EXAMPLE-003"


def test_new_power_refuses_to_overwrite_and_bad_input(made: Path) -> None:
    example = made / "catalogs/example/powers/XK-EXAMPLE-001.yaml"
    before = example.read_bytes()
    with pytest.raises(ScaffoldError, match="已存在"):
        new_power(made, "example", "penalty", code="XK-EXAMPLE-001")
    assert example.read_bytes() == before
    with pytest.raises(ScaffoldError, match="没有部门 nope"):
        new_power(made, "nope", "licensing")
    with pytest.raises(ScaffoldError, match="没有程序 hearing"):
        new_power(made, "example", "licensing", "hearing")
    with pytest.raises(ScaffoldError, match="--code a b"):
        new_power(made, "example", "licensing", code="a b")


def test_new_power_command_validates_and_lists_todos(made: Path) -> None:
    out = runner.invoke(app, ["new", "power", "--department", "example", "--category", "penalty",
                              "--procedure", "simple", "--root", str(made)])
    assert out.exit_code == 0, out.output
    assert "已创建 catalogs/example/powers/CF-EXAMPLE-001.yaml" in out.output
    assert "还需填写" in out.output and "catalogs/example/powers/CF-EXAMPLE-001.yaml:5  name: TODO 事项名称" in out.output
    power = Power.model_validate(parse_yaml((made / "catalogs/example/powers/CF-EXAMPLE-001.yaml")
                                            .read_text(encoding="utf-8")).data)
    assert power.procedures[0].kind.value == "simple"
    assert {"statement", "defense", "reconsideration", "litigation"} <= power.right_types()
    out = runner.invoke(app, ["new", "power", "-d", "example", "-c", "nonsense", "--root", str(made)])
    assert out.exit_code == 2 and "--category nonsense" in out.output


def _owner(codeowners: str, path: str) -> list[str]:
    """The owners GitHub gives ``path``: the last matching line wins (the patterns powercat writes,
    and a basename glob like *.md)."""
    import fnmatch

    found: list[str] = []
    for line in codeowners.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        pattern, *owners = line.split()
        if pattern == "*" or (pattern.endswith("/") and ("/" + path).startswith(pattern)) or pattern == "/" + path \
                or ("/" not in pattern and fnmatch.fnmatch(path.rsplit("/", 1)[-1], pattern)):
            found = owners
    return found


def test_codeowners_has_a_catch_all_for_the_legal_reviewers(made: Path) -> None:
    """templates/, records/ and a department added later are owned too (the catch-all comes first,
    so each department's own line and hand-written lines after the block still decide)."""
    toml = made / "powercat.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + '"县住建局法规股" = ["@zhang-san"]\n', encoding="utf-8")
    (made / "catalogs/zjj").mkdir()
    (made / "catalogs/zjj/department.yaml").write_text(
        (made / "catalogs/example/department.yaml").read_text(encoding="utf-8").replace(
            "legal_reviewer: 示例县司法局法制审核科", "legal_reviewer: 县住建局法规股").replace("id: example", "id: zjj"),
        encoding="utf-8")
    owners = made / ".github/CODEOWNERS"
    owners.write_text("*.md @docs-team\n", encoding="utf-8")
    assert runner.invoke(app, ["codeowners", "--root", str(made)]).exit_code == 0
    text = owners.read_text(encoding="utf-8")
    everyone = ["@your-org/legal-review", "@zhang-san"]
    assert _owner(text, "templates/power.html") == everyone
    assert _owner(text, "records/zjj/2024-09.yaml") == everyone
    assert _owner(text, "catalogs/new-dept/department.yaml") == everyone
    assert _owner(text, "powercat.toml") == everyone and _owner(text, ".github/workflows/powercat.yml") == everyone
    assert _owner(text, "catalogs/zjj/powers/XK-ZJJ-001.yaml") == ["@zhang-san"]
    assert _owner(text, "catalogs/example/powers/XK-EXAMPLE-001.yaml") == ["@your-org/legal-review"]
    assert _owner(text, "README.md") == ["@docs-team"]  # a hand-written line still decides
    assert write_codeowners(made, check=True)[0] is False
