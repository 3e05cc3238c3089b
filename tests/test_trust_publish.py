"""publish swaps a whole new site in: a build killed, out of disk or failing leaves the old site
whole; a rebuild removes only what the last build listed, so the user's files in the folder
(a CNAME, a .git folder) survive (docs/site.md, docs/security.md)."""

from __future__ import annotations

import errno
import hashlib
import json
import re
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import powercat
from powercat.cli import app
from powercat.site import pages as site_pages
from powercat.site.out import MARKER

from .conftest import CASES, REPO, write_repo

runner = CliRunner()
BASE = (CASES / "_power.yaml").read_text(encoding="utf-8")
SECRET_CODE = "NB-DEMO-009"
SECRET = re.sub(r"disclosure: \{[^\n]*\}", "disclosure: {scope: internal, timing: long_term, carriers: [briefing]}",
                BASE.replace("XK-DEMO-001", SECRET_CODE).replace("建筑工程施工许可证核发", "干部选拔任用内部事项"))
assert "scope: internal" in SECRET


def _powers(n: int) -> dict[str, str]:
    return {f"catalogs/demo/powers/XK-DEMO-{i:03d}.yaml": BASE.replace("XK-DEMO-001", f"XK-DEMO-{i:03d}")
            for i in range(1, n + 1)}


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "repo").mkdir()
    return write_repo(tmp_path / "repo", {**_powers(3), f"catalogs/demo/powers/{SECRET_CODE}.yaml": SECRET})


def _publish(root: Path, out: Path, *more: str):  # noqa: ANN202
    return runner.invoke(app, ["publish", "--root", str(root), "--out", str(out), "--no-fulltext", "--no-flowcharts",
                               "--allow-errors", *more])


def _snapshot(out: Path) -> dict[str, str]:
    return {p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.rglob("*")) if p.is_file()}


def _leftovers(out: Path) -> list[str]:
    return [p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.powercat-")]


def _user_files(out: Path) -> None:
    (out / "CNAME").write_text("powers.example.gov.cn\n", encoding="utf-8")
    (out / ".nojekyll").write_text("", encoding="utf-8")
    (out / "extra").mkdir()
    (out / "extra" / "notice.html").write_text("<p>公告</p>", encoding="utf-8")
    (out / "powers" / "readme.txt").write_text("mine", encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(out)], check=True)


def test_a_rebuild_keeps_the_users_files_and_drops_only_its_own(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert _publish(root, out, "--audience", "internal").exit_code == 0
    assert (out / "powers" / SECRET_CODE / "index.html").exists()
    _user_files(out)
    mine = {rel: h for rel, h in _snapshot(out).items() if rel.startswith((".git/", "CNAME", ".nojekyll", "extra/"))
            or rel == "powers/readme.txt"}
    result = _publish(root, out)  # public now: the internal pages go, the user's files stay
    assert result.exit_code == 0, result.output
    after = _snapshot(out)
    assert {rel: after.get(rel) for rel in mine} == mine
    assert not (out / "powers" / SECRET_CODE).exists() and SECRET_CODE not in (out / "data/powers.json").read_text()
    listed = json.loads((out / MARKER).read_text(encoding="utf-8"))["files"]
    assert "index.html" in listed and "CNAME" not in listed and not [f for f in listed if f.startswith(".git")]
    assert _leftovers(out) == []
    git = subprocess.run(["git", "-C", str(out), "status", "--porcelain"], capture_output=True, text=True)
    assert git.returncode == 0


def test_a_folder_an_older_powercat_marked_loses_its_stale_pages_not_the_users(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    (out / "powers" / "OLD-001").mkdir(parents=True)
    (out / "powers" / "OLD-001" / "index.html").write_text("old", encoding="utf-8")
    (out / MARKER).write_text("powercat publish output; every publish rewrites it whole\n", encoding="utf-8")
    (out / "CNAME").write_text("x.example\n", encoding="utf-8")
    (out / ".well-known").mkdir()
    (out / ".well-known" / "security.txt").write_text("Contact: x\n", encoding="utf-8")
    assert _publish(root, out).exit_code == 0
    assert not (out / "powers" / "OLD-001").exists()
    assert (out / "CNAME").read_text() == "x.example\n" and (out / ".well-known" / "security.txt").exists()


def test_someone_elses_folder_is_refused_and_left_alone(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "docs"
    out.mkdir()
    (out / "report.docx").write_text("mine", encoding="utf-8")
    result = _publish(root, out)
    assert result.exit_code == 2 and "不是 powercat 生成的网站" in result.output
    assert [p.name for p in out.iterdir()] == ["report.docx"] and _leftovers(out) == []


def test_a_full_disk_halfway_leaves_the_old_site_whole(root: Path, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    out = tmp_path / "site"
    assert _publish(root, out).exit_code == 0
    _user_files(out)
    before = _snapshot(out)
    (root / "catalogs/demo/powers/XK-DEMO-002.yaml").write_text(
        BASE.replace("XK-DEMO-001", "XK-DEMO-002").replace("建筑工程施工许可证核发", "新名称"), encoding="utf-8")
    real, written = site_pages.Pages.page, []

    def page(self, template: str, url: str, **ctx):  # noqa: ANN001, ANN003, ANN202
        if len(written) == 3:
            raise OSError(errno.ENOSPC, "No space left on device", str(self.out / url))
        written.append(url)
        return real(self, template, url, **ctx)

    monkeypatch.setattr(site_pages.Pages, "page", page)
    result = _publish(root, out)
    assert result.exit_code == 2 and "磁盘空间已满" in result.output and "Traceback" not in result.output
    assert _snapshot(out) == before and _leftovers(out) == []
    package = json.loads((out / "data/datapackage.json").read_text(encoding="utf-8"))
    for res in package["resources"]:  # the data files still match their published checksums
        data = (out / "data" / res["path"]).read_bytes()
        assert res["hash"] == "sha256:" + hashlib.sha256(data).hexdigest() and res["bytes"] == len(data)


# powercat run as its own process, with this checkout's site templates (as conftest maps them)
MAIN = f"""import importlib.util, sys
init = {str(REPO / "templates" / "__init__.py")!r}
spec = importlib.util.spec_from_file_location("powercat.templates", init, submodule_search_locations=[init[:-12]])
module = importlib.util.module_from_spec(spec); spec.loader.exec_module(module); sys.modules["powercat.templates"] = module
from powercat.cli import main; main()"""


def _start(root: Path, out: Path, audience: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(Path(powercat.__file__).parents[1])}
    cmd = [sys.executable, "-c", MAIN, "publish", "--root", str(root), "--out",
           str(out), "--no-fulltext", "--no-flowcharts", "--allow-errors", "--audience", audience]
    return subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _written_since(folder: Path, since: int) -> int:
    return sum(1 for here, _, names in os.walk(folder) for n in names
               if os.stat(os.path.join(here, n)).st_mtime_ns >= since)


def _kill_halfway(root: Path, out: Path, audience: str, files: int = 40) -> None:
    """Start a build and SIGKILL it once it has written ``files`` files, wherever it writes them."""
    since = time.time_ns()
    proc = _start(root, out, audience)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            done = _written_since(out.parent, since)
        except FileNotFoundError:  # a file replaced while counting
            continue
        if done >= files:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            return
        time.sleep(0.005)
    pytest.fail("the build ended before it could be killed halfway")


def test_a_killed_internal_build_leaves_the_old_public_site_and_the_next_build_clears_it(tmp_path: Path) -> None:
    (tmp_path / "repo").mkdir()
    root = write_repo(tmp_path / "repo", {**_powers(400), f"catalogs/demo/powers/{SECRET_CODE}.yaml": SECRET})
    out = tmp_path / "site"
    assert _publish(root, out).exit_code == 0
    _user_files(out)
    before = _snapshot(out)
    _kill_halfway(root, out, "internal")
    assert _snapshot(out) == before  # the old site, whole: every page, the search index, the data
    assert (out / "search/index.json").exists() and not (out / "powers" / SECRET_CODE).exists()
    assert _leftovers(out)  # the killed build's folder, never served
    assert _publish(root, out).exit_code == 0
    assert _leftovers(out) == [] and not (out / "powers" / SECRET_CODE).exists()
    assert (out / "CNAME").exists() and (out / ".git" / "HEAD").exists()
