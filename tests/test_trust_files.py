"""What powercat reads of a repository: only its files. A symbolic link out of the repository, to
nothing or in a loop, an unreadable file or folder is said with a message and exit 2, never
followed or skipped without a word; names that are not UTF-8 and cache entries of another shape
crash nothing (docs/security.md)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import orjson
import pytest
from typer.testing import CliRunner

from powercat.cli import app
from powercat.seal import seal

from .conftest import CASES, write_repo
from .nonroot import NonRoot

runner = CliRunner()
BASE = (CASES / "_power.yaml").read_text(encoding="utf-8")
POWER = "catalogs/demo/powers/XK-DEMO-001.yaml"
SECRET = "SECRET-TOKEN-4f1c"


def _cli(*args: str):  # noqa: ANN202
    return runner.invoke(app, list(args))


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the repository, holding a secret."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.yaml").write_text(f"code: {SECRET}\nname: {SECRET}\n", encoding="utf-8")
    (folder / "powers").mkdir()
    (folder / "powers" / "XK-DEMO-009.yaml").write_text(f"name: {SECRET}\n", encoding="utf-8")
    return folder


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "repo").mkdir()
    return write_repo(tmp_path / "repo", {POWER: BASE})


@pytest.mark.parametrize("command", [["validate"], ["report"], ["publish", "--no-fulltext", "--no-flowcharts"],
                                     ["export", "--format", "csv"]])
def test_a_link_out_of_the_repository_is_refused_and_never_read(root: Path, outside: Path, command: list[str]) -> None:
    link = root / "catalogs/demo/powers/XK-DEMO-002.yaml"
    link.symlink_to(outside / "secret.yaml")
    result = _cli(*command, "--root", str(root))
    assert result.exit_code == 2, result.output
    assert SECRET not in result.output and "Traceback" not in result.output
    assert "catalogs/demo/powers/XK-DEMO-002.yaml" in result.output and "符号链接" in result.output
    assert str(outside / "secret.yaml") in result.output


def test_a_linked_folder_out_of_the_repository_is_refused(root: Path, outside: Path) -> None:
    (root / "catalogs/other").mkdir()
    (root / "catalogs/other/powers").symlink_to(outside / "powers", target_is_directory=True)
    result = _cli("validate", "--root", str(root))
    assert result.exit_code == 2 and SECRET not in result.output
    assert "catalogs/other/powers" in result.output


def test_links_to_nothing_or_in_a_loop_are_said_not_skipped(root: Path) -> None:
    powers = root / "catalogs/demo/powers"
    (powers / "XK-DEMO-003.yaml").symlink_to(root / "nowhere.yaml")
    result = _cli("validate", "--root", str(root))
    assert result.exit_code == 2 and "XK-DEMO-003.yaml" in result.output and "不存在" in result.output
    (powers / "XK-DEMO-003.yaml").unlink()
    (powers / "again").symlink_to(powers, target_is_directory=True)
    result = _cli("validate", "--root", str(root))
    assert result.exit_code == 2 and "catalogs/demo/powers/again" in result.output and "循环" in result.output
    (powers / "again").unlink()
    (powers / "self.yaml").symlink_to(powers / "self.yaml")
    result = _cli("validate", "--root", str(root), "--lang", "en")
    assert result.exit_code == 2 and "self.yaml" in result.output and "loop" in result.output


def test_a_link_inside_the_repository_is_followed(root: Path) -> None:
    shared = root / "shared"
    shared.mkdir()
    (shared / "XK-DEMO-002.yaml").write_text(BASE.replace("XK-DEMO-001", "XK-DEMO-002"), encoding="utf-8")
    (root / "catalogs/demo/powers/XK-DEMO-002.yaml").symlink_to(Path("../../../shared/XK-DEMO-002.yaml"))
    result = _cli("validate", "--root", str(root), "--format", "json", "--no-cache")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["summary"]["powers"] == 2


@pytest.fixture
def user() -> NonRoot:
    found = NonRoot.get()
    if found is None:
        pytest.skip(NonRoot.reason)
    return found


@pytest.fixture
def user_repo(user: NonRoot):  # noqa: ANN201
    folder = user.folder()
    write_repo(folder, {POWER: BASE, "catalogs/demo/powers/XK-DEMO-002.yaml": BASE.replace("XK-DEMO-001", "XK-DEMO-002")})
    user.own(folder)
    yield folder
    for here, dirs, _ in os.walk(folder):
        for d in dirs:
            os.chmod(os.path.join(here, d), 0o755)
    shutil.rmtree(folder, ignore_errors=True)


def test_an_unreadable_powers_folder_is_exit_2_not_an_empty_catalog(user: NonRoot, user_repo: Path) -> None:
    (user_repo / "catalogs/demo/powers").chmod(0)
    done = user.powercat("validate", "--root", str(user_repo))
    assert done.returncode == 2, done.stdout + done.stderr
    assert "catalogs/demo/powers" in done.stderr and "Permission denied" in done.stderr
    assert "Traceback" not in done.stderr


def test_an_unreadable_file_is_exit_2_as_cli_md_says(user: NonRoot, user_repo: Path) -> None:
    (user_repo / POWER).chmod(0)
    done = user.powercat("validate", "--root", str(user_repo))
    assert done.returncode == 2, done.stdout + done.stderr
    assert POWER in done.stderr and "Permission denied" in done.stderr
    done = user.powercat("publish", "--root", str(user_repo), "--no-fulltext", "--no-flowcharts")
    assert done.returncode == 2 and not (user_repo / "build").exists()


def test_a_name_that_is_not_utf8_is_pc109_and_crashes_neither_cache_nor_output(root: Path) -> None:
    gbk = "事项".encode("gb18030")
    folder = os.fsencode(root / "catalogs/demo/powers")
    with open(os.path.join(folder, gbk + b".yaml"), "wb") as fh:
        fh.write(BASE.replace("XK-DEMO-001", "XK-DEMO-002").encode("utf-8"))
    os.mkdir(os.path.join(os.fsencode(root / "catalogs"), gbk))
    for fmt in ("json", "text", "sarif", "junit", "github"):
        result = _cli("validate", "--root", str(root), "--format", fmt)
        assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    found = json.loads(_cli("validate", "--root", str(root), "--format", "json").stdout)["diagnostics"]
    assert [(d["code"], d["file"]) for d in found] == [("PC109", "catalogs/demo/powers/\\xca\\xc2\\xcf\\xee.yaml")]
    assert (root / ".powercat/cache/validate.json").exists()
    git = ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@e"]
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "x"], check=True)
    assert _cli("diff", "HEAD", "--root", str(root)).exit_code == 0
    published = _cli("publish", "--root", str(root), "--no-fulltext", "--no-flowcharts")
    assert published.exit_code == 0, published.output


def test_a_cache_entry_of_another_shape_under_the_right_key_is_computed_again(root: Path) -> None:
    broken = root / "catalogs/demo/powers/XK-DEMO-002.yaml"
    broken.write_text(BASE.replace("XK-DEMO-001", "XK-DEMO-002") + "leader: 又一个\n", encoding="utf-8")
    first = json.loads(_cli("validate", "--root", str(root), "--format", "json").stdout)["diagnostics"]
    assert [d["code"] for d in first] == ["PC102"]
    cache = root / ".powercat/cache/validate.json"
    head, _, body = cache.read_bytes().partition(b"\n")
    key = orjson.loads(head)["key"]
    entries = orjson.loads(body)
    for i, rel in enumerate(entries):  # each entry damaged another way, sealed as if powercat wrote it
        entries[rel][1] = [orjson.dumps(r).decode() for r in (
            {"diagnostics": "x", "facts": None}, {"facts": {"nope": 1}, "diagnostics": []},
            "text", {"diagnostics": [{"code": "PC102"}], "facts": None})][i % 4] if i % 5 else "{not json"
    body = orjson.dumps(entries)
    cache.write_bytes(orjson.dumps({"key": key, "mac": seal(key.encode() + b"\n" + body)}) + b"\n" + body)
    again = _cli("validate", "--root", str(root), "--format", "json")
    assert again.exit_code == 1 and "Traceback" not in again.output
    assert [d["code"] for d in json.loads(again.stdout)["diagnostics"]] == ["PC102"]


def _commit(root: Path, message: str, date: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@e", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@e"}
    subprocess.run(["git", "-C", str(root), "add", "-A"], check=True, env=env)
    subprocess.run(["git", "-C", str(root), "commit", "-qm", message], check=True, env=env)


@pytest.fixture
def shallow(root: Path, tmp_path: Path) -> Path:
    """A shallow clone (CI's default checkout) of a repository whose powers changed on two dates."""
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    _commit(root, "first", "2024-01-05T10:00:00+08:00")
    (root / "catalogs/demo/powers/XK-DEMO-002.yaml").write_text(BASE.replace("XK-DEMO-001", "XK-DEMO-002"),
                                                                encoding="utf-8")
    _commit(root, "second", "2024-06-01T10:00:00+08:00")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{root}", str(clone)], check=True)
    assert (clone / ".git/shallow").exists()
    return clone


def _dates(site: Path) -> dict[str, str]:
    powers = json.loads((site / "data/powers.json").read_text(encoding="utf-8"))["powers"]
    return {p["code"]: p.get("last_changed") for p in powers}


def test_a_shallow_clone_fetches_its_history_before_giving_dates(shallow: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = _cli("publish", "--root", str(shallow), "--out", str(site), "--no-fulltext", "--no-flowcharts")
    assert result.exit_code == 0, result.output
    assert _dates(site) == {"XK-DEMO-001": "2024-01-05", "XK-DEMO-002": "2024-06-01"}
    assert not (shallow / ".git/shallow").exists()


def test_a_shallow_clone_whose_history_cannot_be_fetched_gives_no_wrong_date(shallow: Path, tmp_path: Path) -> None:
    subprocess.run(["git", "-C", str(shallow), "remote", "set-url", "origin", str(tmp_path / "gone")], check=True)
    site = tmp_path / "site"
    result = _cli("publish", "--root", str(shallow), "--out", str(site), "--no-fulltext", "--no-flowcharts")
    assert result.exit_code == 2 and "浅克隆" in result.output and "fetch-depth: 0" in result.output
    assert not site.exists()
    exported = _cli("export", "--root", str(shallow), "--format", "xlsx", "--output", str(tmp_path / "x.xlsx"))
    assert exported.exit_code == 2 and "浅克隆" in exported.output
