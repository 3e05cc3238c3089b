"""pre-commit for real: a catalog repository made by `powercat init` whose .pre-commit-config.yaml
points at this checkout (committed into a local git repository, since pre-commit cannot fetch
from the network here) runs `pre-commit run`, which installs powercat from the hooks manifest
(.pre-commit-hooks.yaml) into its own environment, as it would from the forge."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from powercat.adopt.scaffold import init_repo

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[1]
PRE_COMMIT = Path(sys.executable).parent / "pre-commit"
GIT = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]


def _git(folder: Path, *args: str) -> str:
    return subprocess.run([*GIT, "-C", str(folder), *args], check=True, capture_output=True, text=True).stdout.strip()


def _run(catalog: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(PRE_COMMIT_HOME=str(home), PATH=os.pathsep.join([str(PRE_COMMIT.parent), env["PATH"]]))
    return subprocess.run([str(PRE_COMMIT), "run", *args], cwd=catalog, env=env, capture_output=True, text=True,
                          timeout=900, check=False)


def test_pre_commit_checks_the_whole_catalog(powercat_copy: tuple[Path, str], tmp_path: Path) -> None:
    hooks, sha = powercat_copy
    catalog = init_repo(tmp_path / "catalog").root
    config = catalog / ".pre-commit-config.yaml"
    text = config.read_text(encoding="utf-8")
    pinned = next(line.split()[1] for line in text.splitlines() if line.strip().startswith("rev:"))
    text = text.replace("repo: https://github.com/powercat/powercat", f"repo: {hooks}").replace(pinned, sha)
    config.write_text(text, encoding="utf-8")
    _git(catalog, "add", "-A")
    _git(catalog, "commit", "-qm", "powercat init")

    home = tmp_path / "pre-commit-home"
    first = _run(catalog, home, "--all-files")
    assert first.returncode == 0, first.stdout + first.stderr
    assert "powercat validate (职权目录检查)" in first.stdout and "Passed" in first.stdout
    assert "powercat codeowners (法制审核人)" in first.stdout
    assert (catalog / ".powercat/cache/validate.json").is_file()  # the next run reads unchanged files from it

    # a second department whose new power reuses the example's code: every file is right on its
    # own, only the new department is staged, and the hook still fails on PC104, because it checks
    # the whole catalog (with the staged file names alone, PC104 would only name the older file)
    shutil.copytree(catalog / "catalogs/example", catalog / "catalogs/other")
    dept = catalog / "catalogs/other/department.yaml"
    dept.write_text(dept.read_text(encoding="utf-8").replace("id: example", "id: other"), encoding="utf-8")
    _git(catalog, "add", "catalogs/other")
    second = _run(catalog, home)
    assert second.returncode == 1, second.stdout + second.stderr
    assert "PC104" in second.stdout
