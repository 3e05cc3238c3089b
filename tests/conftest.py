"""Shared fixtures: temporary catalog repositories built from YAML text."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

CASES = resources.files("powercat.lint.rules") / "cases"
REPO = Path(__file__).resolve().parents[1]


def _this_checkouts_templates() -> None:
    """The site templates of this checkout, also when an editable install of another checkout (a git
    worktree run with PYTHONPATH=src) maps the package powercat.templates to its own folder."""
    init = REPO / "templates" / "__init__.py"
    spec = importlib.util.spec_from_file_location("powercat.templates", init,
                                                  submodule_search_locations=[str(init.parent)])
    if init.is_file() and spec is not None and spec.loader is not None:
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        sys.modules["powercat.templates"] = module


_this_checkouts_templates()


def case_department() -> str:
    return (CASES / "_department.yaml").read_text(encoding="utf-8")


def copy_demo(root: Path) -> Path:
    """A copy of the demo catalog (catalogs, records, powercat.toml and the law texts it cites)."""
    import shutil

    for name in ("catalogs", "records", "tests/data/laws"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "powercat.toml", root / "powercat.toml")
    return root


def write_repo(root: Path, files: dict[str, str], *, department: bool = True) -> Path:
    """A catalog repository in ``root`` with ``files`` (relative path -> text)."""
    (root / "powercat.toml").write_text('[site]\ntitle = "测试"\n', encoding="utf-8")
    if department and "catalogs/demo/department.yaml" not in files:
        files = {"catalogs/demo/department.yaml": case_department(), **files}
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def repo(tmp_path: Path):  # noqa: ANN201
    """Call with {relative path: text}; returns the repository root."""
    return lambda files, **kw: write_repo(tmp_path, files, **kw)


@pytest.fixture
def demo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def fresh_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin folder of a new Python environment without powercat, as a CI job starts with
    (actions/setup-python, GitLab's python image): the CI tests install powercat into it as the
    jobs do."""
    venv = tmp_path_factory.mktemp("fresh-python") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    return venv / "bin"


def copy_of_this_checkout(dest: Path) -> tuple[Path, str]:
    """This checkout's files as they are now (tracked and new, not ignored) as one commit of a new
    git repository: what a forge would serve at a commit. Installing from it (pip builds in the
    source folder) leaves this checkout alone, and parallel test workers each have their own."""
    import shutil

    listed = subprocess.run(["git", "-C", str(REPO), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            check=True, capture_output=True).stdout.decode().split("\0")
    for rel in filter(None, listed):
        if (REPO / rel).is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / rel, dest / rel)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-C", str(dest)]
    subprocess.run(["git", "init", "-q", "-b", "main", str(dest)], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "powercat"], check=True)
    return dest, subprocess.run([*git, "rev-parse", "HEAD"], check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture(scope="session")
def powercat_copy(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """(folder, commit) of a copy of this checkout (``copy_of_this_checkout``), once per session."""
    return copy_of_this_checkout(tmp_path_factory.mktemp("powercat-copy") / "powercat")
