"""The GitLab CI template (ci/powercat.gitlab-ci.yml) as examples/ci/gitlab-ci.yml includes it,
each job's `before_script` and `script` run as one shell script on this machine, the way GitLab's
runner runs them (each line stops the job when it fails), in a clone of a catalog repository
made by `powercat init`, with GitLab's predefined variables of the pipeline."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import junitparser
import pytest

from powercat.adopt.scaffold import init_repo

from .ci_runner import load

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[1]
GIT = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]


def pipeline() -> dict[str, Any]:
    """The catalog repository's .gitlab-ci.yml with the include resolved: the template's keys,
    the including file's variables over the template's, `extends` merged as GitLab merges it."""
    # examples/ci/gitlab-ci.yml is the .gitlab-ci.yml `powercat init` writes (tests/test_ci_lint.py)
    example, template = load(REPO / "examples/ci/gitlab-ci.yml"), load(REPO / "ci/powercat.gitlab-ci.yml")
    [include] = example["include"]
    assert include["remote"].endswith("/ci/powercat.gitlab-ci.yml")
    config = {**template, "variables": {**template["variables"], **example["variables"]}}
    jobs = {}
    for name, job in config.items():
        if name.startswith(".") or name == "variables":
            continue
        base = config[job["extends"]] if "extends" in job else {}
        jobs[name] = {**base, **job, "variables": {**base.get("variables", {}), **job.get("variables", {})}}
    return {"variables": config["variables"], "jobs": jobs}


def run_job(job: dict[str, Any], variables: dict[str, str], workdir: Path, path: list[str]) -> subprocess.CompletedProcess[str]:
    lines = [*job.get("before_script", []), *job["script"]]
    script = "set -eo pipefail\n" + "\n".join(lines) + "\n"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV") and not k.startswith("POWERCAT")}
    env.update({k: str(v) for k, v in variables.items()})
    env.update({k: str(v) for k, v in job.get("variables", {}).items()})
    env.update(CI="true", GITLAB_CI="true", PATH=os.pathsep.join([*path, env["PATH"]]))
    return subprocess.run(["bash", "--noprofile", "--norc", "-c", script], cwd=workdir, env=env,
                          capture_output=True, text=True, timeout=900, check=False)


def _applies(job: dict[str, Any], variables: dict[str, str]) -> bool:
    """The job's `rules:` (the two forms the template uses) against the pipeline's variables."""
    for rule in job.get("rules", [{"if": None}]):
        condition = rule["if"]
        if condition is None:
            return True
        left, right = (side.strip() for side in condition.split("=="))
        value = {"$" + k: v for k, v in variables.items()}
        if value.get(left, "") == value.get(right, right.strip('"')):
            return True
    return False


@pytest.fixture
def forge(tmp_path: Path) -> Path:
    made = init_repo(tmp_path / "catalog", title="示例县行政权力公开").root
    subprocess.run([*GIT, "-C", str(made), "add", "-A"], check=True)
    subprocess.run([*GIT, "-C", str(made), "commit", "-qm", "powercat init"], check=True)
    bare = tmp_path / "forge.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(made), str(bare)], check=True)
    return bare


def _clone(forge: Path, dest: Path, branch: str = "main") -> Path:
    """As GitLab's runner with GIT_DEPTH 0 clones: the pipeline's branch, its history."""
    subprocess.run(["git", "clone", "-q", "--branch", branch, "--single-branch", f"file://{forge}", str(dest)], check=True)
    return dest


def _pipeline_vars(config: dict[str, Any], **predefined: str) -> dict[str, str]:
    return {**config["variables"], "CI_DEFAULT_BRANCH": "main", **predefined}


def test_validate_job_writes_both_reports_in_one_run(forge: Path, fresh_python: Path, tmp_path: Path,
        powercat_copy: tuple[Path, str]) -> None:
    config = pipeline()
    job = config["jobs"]["powercat-validate"]
    variables = _pipeline_vars(config, CI_PIPELINE_SOURCE="push", CI_COMMIT_BRANCH="main",
                               POWERCAT_INSTALL=f"{powercat_copy[0]}[search]")  # the one stand-in: no network to the forge
    assert _applies(job, variables)
    work = _clone(forge, tmp_path / "work")
    power = work / "catalogs/example/powers/XK-EXAMPLE-001.yaml"
    power.write_text(power.read_text(encoding="utf-8").replace("category: licensing", "category: licencing"),
                     encoding="utf-8")
    done = run_job(job, variables, work, [str(fresh_python)])
    assert done.returncode == 1, done.stdout + done.stderr  # the error fails the job ...
    assert "PC101" in done.stdout or "licencing" in done.stdout
    quality = json.loads((work / job["artifacts"]["reports"]["codequality"]).read_text(encoding="utf-8"))
    assert any(i["severity"] == "major" for i in quality)  # ... after both reports were written
    junit = junitparser.JUnitXml.fromfile(str(work / job["artifacts"]["reports"]["junit"]))
    assert sum(s.failures for s in junit) >= 1
    assert job["artifacts"]["when"] == "always"


def test_diff_and_pages_jobs(forge: Path, fresh_python: Path, tmp_path: Path,
        powercat_copy: tuple[Path, str]) -> None:
    config = pipeline()
    edit = _clone(forge, tmp_path / "edit")
    subprocess.run([*GIT, "-C", str(edit), "checkout", "-qb", "longer"], check=True)
    power = edit / "catalogs/example/powers/XK-EXAMPLE-001.yaml"
    power.write_text(power.read_text(encoding="utf-8").replace("promised: {days: 5,", "promised: {days: 8,"),
                     encoding="utf-8")
    subprocess.run([*GIT, "-C", str(edit), "commit", "-qam", "longer"], check=True)
    subprocess.run(["git", "-C", str(edit), "push", "-q", "origin", "longer"], check=True)

    diff = config["jobs"]["powercat-diff"]
    mr = _pipeline_vars(config, CI_PIPELINE_SOURCE="merge_request_event", CI_MERGE_REQUEST_TARGET_BRANCH_NAME="main",
                        POWERCAT_INSTALL=str(powercat_copy[0]))
    assert _applies(diff, mr) and not _applies(config["jobs"]["pages"], mr)
    assert diff["variables"]["GIT_DEPTH"] == "0"
    work = _clone(forge, tmp_path / "mr", branch="longer")  # only the merge request's branch, as GitLab fetches
    done = run_job(diff, mr, work, [str(fresh_python)])
    assert done.returncode == 0, done.stdout + done.stderr
    text = (work / "diff.md").read_text(encoding="utf-8")
    assert "XK-EXAMPLE-001" in text and "XK-EXAMPLE-001" in done.stdout
    assert diff["artifacts"]["expose_as"] and diff["artifacts"]["paths"] == ["diff.md"]

    pages = config["jobs"]["pages"]
    push = _pipeline_vars(config, CI_PIPELINE_SOURCE="push", CI_COMMIT_BRANCH="main", POWERCAT_INSTALL=f"{powercat_copy[0]}[search]")
    assert _applies(pages, push) and not _applies(diff, push)
    site = _clone(forge, tmp_path / "pages")
    done = run_job(pages, push, site, [str(fresh_python)])
    assert done.returncode == 0, done.stdout + done.stderr
    assert (site / "public/index.html").is_file() and (site / "public/pagefind").is_dir()
    assert (site / "public/powers/XK-EXAMPLE-001/external-0.svg").is_file()
    assert pages["artifacts"]["paths"] == ["public"] and pages["resource_group"] == "pages"


def test_install_names_the_included_commit(tmp_path: Path) -> None:
    """Without a stand-in, the jobs install powercat from the forge at POWERCAT_REF; without
    POWERCAT_REF they stop at once and say what to set."""
    config = pipeline()
    job = {**config["jobs"]["powercat-validate"], "script": []}
    fake = tmp_path / "bin"
    fake.mkdir()
    for tool, body in (("python", 'echo "python $*"'), ("powercat", "echo powercat 0.1.0"), ("dpkg-query", "echo 'install ok installed'")):
        (fake / tool).write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
        (fake / tool).chmod(0o755)
    done = run_job(job, _pipeline_vars(config), tmp_path, [str(fake)])
    assert done.returncode == 0, done.stderr
    assert 'python -m pip install --quiet powercat[search] @ git+https://github.com/powercat/powercat@<commit>' in done.stdout
    unset = run_job(job, {**_pipeline_vars(config), "POWERCAT_REF": ""}, tmp_path, [str(fake)])
    assert unset.returncode == 2 and "set the variable POWERCAT_REF" in unset.stderr
