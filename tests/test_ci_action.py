"""The workflow `powercat init` writes, run job by job on this machine with this repository's
composite action (tests/ci_runner.py): every `run:` step as the shell script GitHub runs, the
action installing powercat from this checkout into a fresh Python, against a catalog repository
made by `powercat init` and cloned as actions/checkout clones it. What GitHub's own actions do
(checkout, setup-python, upload-sarif, upload-pages-artifact, deploy-pages) is done by stand-ins
that check what the workflow hands them; `gh` is a stand-in that keeps the pull request's
comments, since GitHub's API is not reachable here."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import textwrap
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from .ci_runner import Runner, load
from powercat.adopt.scaffold import init_repo

pytestmark = pytest.mark.slow
DATA = Path(__file__).parent / "data"
GH_STUB = r'''#!/usr/bin/env python3
"""gh, as far as the workflow uses it: `gh api` on the pull request's comments and on Pages."""
import json, os, re, sys
state_file = os.environ["GH_STATE"]
state = json.load(open(state_file))
args = sys.argv[1:]
state["calls"].append(args)
assert os.environ.get("GH_TOKEN"), "gh needs GH_TOKEN"
assert args[0] == "api", args
method = args[args.index("-X") + 1] if "-X" in args else "GET"
path = args[1] if args[1] != "-X" else args[3]
code = 0
if path.endswith("/pages"):
    if not state["pages"]:
        print("gh: Not Found (HTTP 404)", file=sys.stderr)
        code = 1
elif method == "GET":
    marker = re.search(r'startswith\("(.*?)"\)', args[args.index("--jq") + 1]).group(1)
    for c in state["comments"]:
        if c["body"].startswith(marker):
            print(c["id"])
else:
    body = open(next(a for a in args if a.startswith("body=@"))[6:], encoding="utf-8").read()
    if method == "PATCH":
        cid = int(path.rsplit("/", 1)[1])
        next(c for c in state["comments"] if c["id"] == cid)["body"] = body
    else:
        state["comments"].append({"id": 100 + len(state["comments"]), "body": body})
json.dump(state, open(state_file, "w"))
sys.exit(code)
'''


@pytest.fixture
def python_env(fresh_python: Path) -> Path:
    return fresh_python


@pytest.fixture
def action(powercat_copy: tuple[Path, str]) -> tuple[Path, str]:
    """Where the runner has this action: a copy of this checkout, at its commit."""
    return powercat_copy


def _git(folder: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture
def forge(tmp_path: Path) -> Path:
    """The catalog repository `powercat init` makes, pushed to a bare repository (the forge)."""
    made = init_repo(tmp_path / "catalog", title="示例县行政权力公开").root
    _git(made, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", "-A")
    _git(made, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "powercat init")
    bare = tmp_path / "forge.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(made), str(bare)], check=True)
    return bare


def _commit(forge: Path, tmp_path: Path, branch: str, change: dict[str, str], base: str = "main") -> str:
    """Push a commit with ``change`` (path -> text) to ``branch`` of the forge; its SHA."""
    work = tmp_path / f"edit-{branch}"
    subprocess.run(["git", "clone", "-q", str(forge), str(work)], check=True)
    _git(work, "checkout", "-q", "-B", branch, f"origin/{base}")
    for rel, text in change.items():
        (work / rel).write_text(text, encoding="utf-8")
    _git(work, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qam", f"edit {branch}")
    _git(work, "push", "-q", "origin", f"{branch}:{branch}")
    return _git(work, "rev-parse", "HEAD")


class Forge:
    """Stand-ins for GitHub's actions, and what they were handed."""

    def __init__(self, bare: Path, python: Path, tmp: Path, action: tuple[Path, str]) -> None:
        self.bare, self.python, self.tmp = bare, python, tmp
        self.action_path, self.action_sha = action
        self.sarif: list[dict[str, Any]] = []
        self.pages: list[Path] = []
        self.deployed = 0
        self.checkouts: list[dict[str, str]] = []

    def checkout(self, runner: Runner, given: dict[str, str]) -> dict[str, str]:
        depth = int(given.get("fetch-depth", "1"))  # actions/checkout's default: one commit
        self.checkouts.append(given)
        ref = runner.github["head_ref"] or runner.github["ref"].removeprefix("refs/heads/")
        args = ["--no-single-branch"] if depth == 0 else ["--depth", str(depth), "--branch", ref]
        subprocess.run(["git", "clone", "-q", *args, f"file://{self.bare}", str(runner.workspace)], check=True)
        _git(runner.workspace, "checkout", "-q", runner.github["sha"])
        return {}

    def setup_python(self, runner: Runner, given: dict[str, str]) -> dict[str, str]:
        assert given["python-version"] == "3.12"
        runner.path.insert(0, str(self.python))
        return {}

    def upload_sarif(self, runner: Runner, given: dict[str, str]) -> dict[str, str]:
        doc = json.loads(Path(given["sarif_file"]).read_text(encoding="utf-8"))
        schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
        jsonschema.Draft4Validator(schema).validate(doc)
        assert given["category"] == "powercat"
        self.sarif.append(doc)
        return {}

    def upload_pages(self, runner: Runner, given: dict[str, str]) -> dict[str, str]:
        site = runner.workspace / given["path"]
        assert (site / "index.html").is_file()
        self.pages.append(site)
        return {}

    def deploy_pages(self, runner: Runner, given: dict[str, str]) -> dict[str, str]:
        self.deployed += 1
        return {"page_url": "https://example.github.io/catalog/"}

    def runner(self, event: str, sha: str, *, head_ref: str = "", head_repo: str = "example/catalog",
               gh: dict[str, Any] | None = None, name: str = "job", action_path: Path | None = None) -> Runner:
        github: dict[str, Any] = {
            "event_name": event, "repository": "example/catalog", "sha": sha, "token": "gh-token",
            "ref": "refs/heads/main" if event == "push" else "refs/pull/7/merge",
            "head_ref": head_ref, "base_ref": "main" if event == "pull_request" else "",
            "server_url": "https://github.com", "event": {},
        }
        if event == "pull_request":
            github["event"] = {"pull_request": {"number": 7, "head": {"repo": {"full_name": head_repo}}}}
        temp = self.tmp / f"runner-{name}"
        stubs = temp / "stub-bin"
        stubs.mkdir(parents=True)
        (stubs / "gh").write_text(GH_STUB, encoding="utf-8")
        (stubs / "gh").chmod(0o755)
        state = temp / "gh.json"
        state.write_text(json.dumps({"calls": [], "comments": [], "pages": True, **(gh or {})}), encoding="utf-8")
        runner = Runner(self.tmp / f"workspace-{name}", temp / "tmp", github, env={"GH_STATE": str(state)},
                        path=[str(stubs)], action_path=action_path or self.action_path)
        runner.stand_ins = {
            "actions/checkout": self.checkout, "actions/setup-python": self.setup_python,
            "github/codeql-action/upload-sarif": self.upload_sarif,
            "actions/upload-pages-artifact": self.upload_pages, "actions/deploy-pages": self.deploy_pages,
        }
        runner.gh_state = state  # type: ignore[attr-defined]
        return runner


def _workflow(forge: Path, tmp: Path) -> dict[str, Any]:
    clone = tmp / "workflow-copy"
    subprocess.run(["git", "clone", "-q", str(forge), str(clone)], check=True)
    return load(clone / ".github/workflows/powercat.yml")


def _gh(runner: Runner) -> dict[str, Any]:
    return json.loads(runner.gh_state.read_text(encoding="utf-8"))  # type: ignore[attr-defined]


def test_validate_job_annotates_uploads_sarif_and_fails_on_errors(forge: Path, python_env: Path, tmp_path: Path,
        action: tuple[Path, str]) -> None:
    jobs = _workflow(forge, tmp_path)["jobs"]
    site = Forge(forge, python_env, tmp_path, action)
    clean = site.runner("push", _git(forge, "rev-parse", "main"), name="clean")
    assert clean.run_job(jobs["validate"]), clean.output()
    steps = {s.name: s for s in clean.log}
    assert "installed already: graphviz fonts-noto-cjk" in steps["Debian packages (Graphviz, CJK fonts)"].output
    assert "powercat 0.1.0" in steps["Install powercat (this action's commit)"].output
    assert site.checkouts == [{}]  # validate needs no history
    [doc] = site.sarif
    assert doc["runs"][0]["results"] == [] or all(r["level"] == "note" for r in doc["runs"][0]["results"])
    rule = doc["runs"][0]["tool"]["driver"]["rules"][0]
    assert rule["help"]["markdown"].startswith("# PC100 — ")
    # powercat installed from a checkout knows its commit (PEP 610 direct_url.json, then git there)
    assert rule["helpUri"] == f"https://github.com/powercat/powercat/blob/{site.action_sha}/docs/rules/PC100.md"
    summary = clean.summary.read_text(encoding="utf-8")
    assert summary.startswith("## powercat validate\n")

    # a power file with an error: annotated, uploaded, and the job fails with powercat's exit code 1
    text = (tmp_path / "catalog/catalogs/example/powers/XK-EXAMPLE-001.yaml").read_text(encoding="utf-8")
    sha = _commit(forge, tmp_path, "broken", {"catalogs/example/powers/XK-EXAMPLE-001.yaml":
                                              text.replace("category: licensing", "category: licencing")})
    broken = site.runner("pull_request", sha, head_ref="broken", name="broken")
    assert not broken.run_job(jobs["validate"])
    assert "::error file=catalogs/example/powers/XK-EXAMPLE-001.yaml" in broken.output()
    assert len(site.sarif) == 2 and any(r["level"] == "error" for r in site.sarif[1]["runs"][0]["results"])
    result = next(s for s in broken.log if s.name == "Result")
    assert result.outcome == "failure" and result.code == 1 and broken.log[-1].outputs == {"exit-code": "1"}


def test_validate_job_from_a_fork_skips_the_upload(forge: Path, python_env: Path, tmp_path: Path,
        action: tuple[Path, str]) -> None:
    jobs = _workflow(forge, tmp_path)["jobs"]
    site = Forge(forge, python_env, tmp_path, action)
    kept = tmp_path / "_actions/someone/powercat" / ("1" * 40)  # where GitHub's runner keeps the action
    kept.parent.mkdir(parents=True)
    kept.symlink_to(site.action_path)
    fork = site.runner("pull_request", _git(forge, "rev-parse", "main"), head_ref="main", head_repo="someone/catalog",
                       action_path=kept)
    assert fork.run_job(jobs["validate"]), fork.output()
    assert site.sarif == [] and "a pull request from a fork cannot upload to code scanning" in fork.output()
    # the SARIF links the rules at the action's own repository and commit, read from its path
    written = json.loads((fork.workspace / "powercat.sarif").read_text(encoding="utf-8"))
    rule = written["runs"][0]["tool"]["driver"]["rules"][0]
    assert rule["helpUri"] == f"https://github.com/someone/powercat/blob/{'1' * 40}/docs/rules/PC100.md"
    assert [s.outcome for s in fork.log if s.name == "Upload SARIF to code scanning"] == ["skipped"]


def test_diff_job_keeps_one_comment_up_to_date(forge: Path, python_env: Path, tmp_path: Path,
        action: tuple[Path, str]) -> None:
    jobs = _workflow(forge, tmp_path)["jobs"]
    site = Forge(forge, python_env, tmp_path, action)
    power = "catalogs/example/powers/XK-EXAMPLE-001.yaml"
    text = (tmp_path / "catalog" / power).read_text(encoding="utf-8")
    first = _commit(forge, tmp_path, "longer", {power: text.replace("promised: {days: 5,", "promised: {days: 8,")})
    run1 = site.runner("pull_request", first, head_ref="longer", name="diff1")
    assert run1.run_job(jobs["diff"]), run1.output()
    assert site.checkouts[-1] == {"fetch-depth": "0"}
    [comment] = _gh(run1)["comments"]
    assert comment["body"].startswith("<!-- powercat: diff.md -->\n") and "XK-EXAMPLE-001" in comment["body"]
    assert "XK-EXAMPLE-001" in run1.summary.read_text(encoding="utf-8")

    # the next push to the pull request edits that comment instead of adding one
    run2 = site.runner("pull_request", first, head_ref="longer", name="diff2",
                       gh={"comments": [{"id": 5, "body": "LGTM"}, {"id": 9, "body": "<!-- powercat: diff.md -->\nold"}]})
    assert run2.run_job(jobs["diff"]), run2.output()
    comments = _gh(run2)["comments"]
    assert [c["id"] for c in comments] == [5, 9] and "XK-EXAMPLE-001" in comments[1]["body"]
    assert "updated comment 9" in run2.output()

    # a pull request from a fork: no write token, so no comment, and a note says where the text is
    fork = site.runner("pull_request", first, head_ref="longer", head_repo="someone/catalog", name="diff3")
    assert fork.run_job(jobs["diff"]), fork.output()
    assert _gh(fork)["calls"] == [] and "a pull request from a fork gets no write token" in fork.output()
    assert "XK-EXAMPLE-001" in fork.summary.read_text(encoding="utf-8")


def test_publish_and_deploy_jobs(forge: Path, python_env: Path, tmp_path: Path,
        action: tuple[Path, str]) -> None:
    jobs = _workflow(forge, tmp_path)["jobs"]
    assert jobs["deploy"]["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    site = Forge(forge, python_env, tmp_path, action)
    sha = _git(forge, "rev-parse", "main")
    publish = site.runner("push", sha, name="publish")
    assert publish.run_job(jobs["publish"]), publish.output()
    assert site.checkouts == [{"fetch-depth": "0"}]
    [built] = site.pages
    assert (built / "powers/XK-EXAMPLE-001/external-0.svg").is_file()  # Graphviz drew the charts
    assert (built / "pagefind").is_dir()  # powercat[search] indexed the full text
    assert "shallow" not in publish.output() and "浅克隆" not in publish.output()

    # Pages not enabled yet: the deploy job passes with a warning saying what to switch on
    off = site.runner("push", sha, gh={"pages": False}, name="deploy-off")
    assert off.run_job(jobs["deploy"]), off.output()
    assert site.deployed == 0 and "::warning title=GitHub Pages 未启用::" in off.output()
    on = site.runner("push", sha, name="deploy-on")
    assert on.run_job(jobs["deploy"]) and site.deployed == 1


def test_the_action_refuses_unknown_inputs_and_reports_a_usage_error(forge: Path, python_env: Path, tmp_path: Path,
        action: tuple[Path, str]) -> None:
    site = Forge(forge, python_env, tmp_path, action)
    runner = site.runner("push", _git(forge, "rev-parse", "main"), name="usage")
    site.checkout(runner, {})
    runner.path.insert(0, str(python_env))
    result = runner.run_action({"command": "validate --report nonsense", "debian-packages": "", "extras": ""})
    assert result.outcome == "failure" and result.outputs["exit-code"] == "2"
    assert "--report nonsense" in runner.output()
    summary = runner.summary.read_text(encoding="utf-8")
    assert summary.startswith("### powercat validate --report nonsense\n")


def test_publish_in_ci_fails_without_graphviz_unless_told(tmp_path: Path) -> None:
    """`publish` in CI exits 1 when the charts cannot be drawn; --no-flowcharts says that is meant."""
    from typer.testing import CliRunner

    from powercat.cli import app

    made = init_repo(tmp_path / "catalog", git=False).root
    tools = tmp_path / "bin"  # a PATH without Graphviz's dot
    tools.mkdir()
    os.symlink(shutil.which("git"), tools / "git")
    cmd = ["publish", "--root", str(made), "--no-fulltext"]
    ci = {"CI": "true", "PATH": str(tools)}
    done = CliRunner().invoke(app, [*cmd, "--out", str(tmp_path / "a")], env=ci)
    assert done.exit_code == 1, done.output
    assert "找不到 Graphviz 的 dot 命令" in done.stderr and "在 CI 中视为失败" in done.stderr
    assert (tmp_path / "a/index.html").is_file()  # the site is there, the run says it is incomplete
    local = CliRunner().invoke(app, [*cmd, "--out", str(tmp_path / "b")], env={**ci, "CI": ""})
    assert local.exit_code == 0 and "找不到 Graphviz 的 dot 命令" in local.stderr
    told = CliRunner().invoke(app, [*cmd, "--no-flowcharts", "--out", str(tmp_path / "c")], env=ci)
    assert told.exit_code == 0, told.output


@pytest.mark.parametrize("script", [textwrap.dedent("""\
    echo "a=1" >> "$GITHUB_OUTPUT"
    echo "X=2" >> "$GITHUB_ENV"
    """)])
def test_the_runner_reads_outputs_and_env(script: str, tmp_path: Path) -> None:
    runner = Runner(tmp_path, tmp_path / "t", {"event_name": "push", "repository": "o/r"})
    ok = runner._steps([{"id": "s", "run": script}, {"if": "steps.s.outputs.a == '1' && !failure()",
                                                      "run": 'test "$X" = 2'}], {"steps": {}, "github": {}}, tmp_path)
    assert ok and [s.outcome for s in runner.log] == ["success", "success"]
