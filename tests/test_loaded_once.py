"""One catalog, loaded once: whatever a command does, every file is read once and parsed at
most once, the settings and the profile are read once, and git's history is asked once."""

from __future__ import annotations

import subprocess
from collections import Counter
from pathlib import Path

import pytest

from powercat.catalog import git as git_mod
from powercat.catalog import loader
from powercat.catalog.sources import WorkTree
from powercat.review.diff import diff_catalogs
from powercat.site.build import publish
from powercat.supervise.report import build_report

from .conftest import copy_demo

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """A copy of the demo catalog in a git repository of its own."""
    root = copy_demo(tmp_path / "demo")
    for args in (["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@example.org",
                                                 "commit", "-qm", "demo"]):
        subprocess.run(["git", "-C", str(root), *args], check=True)
    return root


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, Counter]:
    """Counts of files read, texts parsed, settings loaded and git history asked for."""
    seen: dict[str, Counter] = {"read": Counter(), "parsed": Counter(), "config": Counter(), "git log": Counter()}
    real_read, real_parse, real_config, real_run = WorkTree.read, loader.parse_yaml, loader.load_config, git_mod.subprocess.run

    def read(self: WorkTree, rels: list[str]) -> dict:
        seen["read"].update(rels)
        return real_read(self, rels)

    def parse(text: str):  # noqa: ANN202
        seen["parsed"][hash(text)] += 1
        return real_parse(text)

    def config(root: Path):  # noqa: ANN202
        seen["config"][str(root)] += 1
        return real_config(root)

    def run(cmd: list[str], *a, **kw):  # noqa: ANN002, ANN003, ANN202
        if "log" in cmd:
            seen["git log"]["log"] += 1
        return real_run(cmd, *a, **kw)

    monkeypatch.setattr(WorkTree, "read", read)
    monkeypatch.setattr(loader, "parse_yaml", parse)
    monkeypatch.setattr(loader, "load_config", config)
    monkeypatch.setattr(git_mod.subprocess, "run", run)
    return seen


def _once(seen: dict[str, Counter]) -> None:
    for what, counts in seen.items():
        assert not counts or max(counts.values()) == 1, (what, counts.most_common(3))


def test_publish_reads_and_parses_every_file_once(demo: Path, tmp_path: Path, counted: dict[str, Counter]) -> None:
    publish(demo, tmp_path / "cold", fulltext=False)
    files = {*map(str, (demo / "catalogs").rglob("*.yaml")), *map(str, (demo / "records").rglob("*.yaml"))}
    assert len(counted["read"]) == len(files)  # every file of the catalog read ...
    assert len(counted["parsed"]) == len(files)  # ... and parsed (cold: nothing cached)
    assert counted["git log"]["log"] == 1
    assert sum(counted["config"].values()) == 1
    _once(counted)


def test_a_warm_publish_parses_only_what_no_cache_holds(demo: Path, tmp_path: Path,
                                                        counted: dict[str, Counter]) -> None:
    publish(demo, tmp_path / "cold", fulltext=False, flowcharts=False)
    for c in counted.values():
        c.clear()
    publish(demo, tmp_path / "warm", fulltext=False, flowcharts=False)
    departments = len(list((demo / "catalogs").glob("*/department.yaml")))
    records = len(list((demo / "records").rglob("*.yaml")))
    # powers come from the caches (findings by content hash, models by content hash); the
    # departments and records a site shows are parsed once each
    assert sum(counted["parsed"].values()) == departments + records
    _once(counted)


def test_report_and_diff_load_once(demo: Path, counted: dict[str, Counter]) -> None:
    build_report(demo, month="2026-10")
    _once(counted)
    for c in counted.values():
        c.clear()
    (demo / "catalogs/zjj/powers/XK-ZJJ-001.yaml").write_text(
        (demo / "catalogs/zjj/powers/XK-ZJJ-001.yaml").read_text(encoding="utf-8") + "\n# 修改\n", encoding="utf-8")
    result = diff_catalogs(demo, "HEAD")
    assert [p.key for p in result.powers] == []  # a comment changes nothing a citizen sees
    assert sum(counted["parsed"].values()) == 2  # only the changed file, at each side
    _once(counted)


def test_the_loader_is_the_only_parser() -> None:
    """No module outside catalog.loader parses catalog YAML on its own."""
    src = REPO / "src" / "powercat"
    users = sorted(p.relative_to(src).as_posix() for p in src.rglob("*.py") if "parse_yaml(" in p.read_text("utf-8"))
    assert users == ["catalog/loader.py", "catalog/parse.py"]
    readers = sorted(p.relative_to(src).as_posix() for p in src.rglob("*.py") if "load_config(" in p.read_text("utf-8"))
    assert readers == ["catalog/config.py", "catalog/loader.py"]


def test_an_overlay_stands_in_for_the_file_on_disk(demo: Path) -> None:
    """An editor's unsaved text is what the loader reads (the file on disk is not)."""
    from powercat.catalog.loader import load_catalog
    from powercat.lint.engine import lint

    rel = "catalogs/zjj/powers/XK-ZJJ-001.yaml"
    text = (demo / rel).read_text(encoding="utf-8").replace("code: XK-ZJJ-001", "code: [unclosed")
    catalog = load_catalog(demo, use_cache=False, overlay={rel: text.encode()})
    found = [(d.code, d.file) for d in lint(catalog).diagnostics if d.file == rel]
    assert found == [("PC100", rel)]
    assert "code: XK-ZJJ-001" in (demo / rel).read_text(encoding="utf-8")
