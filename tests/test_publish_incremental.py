"""`powercat publish` after a change: only what changed is written again, and the site is byte
for byte the one a cold build makes (the demo catalog in a real git repository, real Graphviz
and Pagefind)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import orjson
import pytest

from powercat.site.build import publish
from powercat.site.fulltext import available as pagefind_available
from powercat.site.state import record_path

from .conftest import copy_demo

ENV = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
       "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
POWER = "catalogs/scjgj/powers/JC-SCJGJ-001.yaml"
PAGE = "powers/JC-SCJGJ-001/index.html"
OTHER = "powers/XK-JYJ-001/index.html"  # another department's power


def commit(root: Path, message: str, day: str) -> None:
    env = {**ENV, "GIT_AUTHOR_DATE": f"{day}T10:00:00+08:00", "GIT_COMMITTER_DATE": f"{day}T10:00:00+08:00"}
    subprocess.run(["git", "-C", str(root), "add", "-A"], check=True, env=env)
    subprocess.run(["git", "-C", str(root), "commit", "-qm", message], check=True, env=env)


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_demo(tmp_path_factory.mktemp("incremental") / "repo")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    commit(root, "catalog", "2024-03-05")
    return root


def tree(top: Path) -> dict[str, bytes]:
    return {p.relative_to(top).as_posix(): p.read_bytes() for p in sorted(top.rglob("*")) if p.is_file()}


def inodes(top: Path) -> dict[str, int]:
    return {p.relative_to(top).as_posix(): p.stat().st_ino for p in top.rglob("*") if p.is_file()}


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_one_power_changed_rewrites_only_its_files_and_equals_a_cold_build(repo: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    first = publish(repo, site)
    assert first.kept == 0
    before = inodes(site)
    edit(repo, POWER, "name: ", "name: （调整）")
    commit(repo, "rename one power", "2024-04-01")

    again = publish(repo, site)
    assert again.kept == again.powers - 1  # every other power page stayed as it was
    after = inodes(site)
    rewritten = sorted(rel for rel in after if before.get(rel) != after[rel])
    assert PAGE in rewritten and OTHER not in rewritten
    assert [rel for rel in rewritten if rel.startswith("powers/") and not rel.startswith("powers/JC-SCJGJ-001/")] == []
    assert "data/powers.xlsx" in rewritten and "search/index.json" in rewritten
    if pagefind_available():  # its department's search bundle was indexed again, the others kept
        assert any(rel.startswith("pagefind/scjgj/") for rel in rewritten)
        assert not any(rel.startswith("pagefind/jyj/") for rel in rewritten)
    assert "（调整）" in (site / PAGE).read_text(encoding="utf-8")
    assert '本页更新于 <time datetime="2024-04-01">' in (site / PAGE).read_text(encoding="utf-8")

    cold = tmp_path / "cold"
    publish(repo, cold)
    a, b = tree(site), tree(cold)
    assert sorted(a) == sorted(b)
    assert [rel for rel in a if a[rel] != b[rel]] == []


def test_a_change_that_leaves_the_text_alone_indexes_nothing_again(repo: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    publish(repo, site)
    before = inodes(site)
    edit(repo, POWER, "\n", "\n# a comment changes the file, not the page\n")  # not committed: same date

    result = publish(repo, site)
    after = inodes(site)
    assert result.kept == result.powers - 1  # its page was rendered again ...
    assert after[PAGE] == before[PAGE]  # ... to the same bytes, so the file was left alone
    assert [rel for rel in after if rel.startswith("pagefind/") and before.get(rel) != after[rel]] == []
    subprocess.run(["git", "-C", str(repo), "checkout", "-q", "--", POWER], check=True)


def test_a_deleted_power_leaves_no_trace_and_equals_a_cold_build(repo: Path, tmp_path: Path) -> None:
    root = tmp_path / "repo"
    subprocess.run(["git", "clone", "-q", str(repo), str(root)], check=True)
    site, cold = tmp_path / "site", tmp_path / "cold"
    publish(root, site)
    (root / "catalogs/jyj/powers/JL-JYJ-001.yaml").unlink()
    commit(root, "drop a power", "2024-05-01")
    publish(root, site)
    assert not (site / "powers/JL-JYJ-001").exists()
    publish(root, cold)
    a, b = tree(site), tree(cold)
    assert sorted(a) == sorted(b) and [rel for rel in a if a[rel] != b[rel]] == []


def test_a_page_edited_by_hand_is_written_again(repo: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    publish(repo, site)
    good = (site / OTHER).read_bytes()
    with open(site / OTHER, "ab") as fh:  # same inode, new bytes
        fh.write(b"<!-- tampered -->")
    result = publish(repo, site)
    assert (site / OTHER).read_bytes() == good
    assert result.kept == result.powers - 1


def test_a_record_not_sealed_here_is_not_taken(repo: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    publish(repo, site)
    record = record_path(repo, site)
    head, _, body = record.read_bytes().partition(b"\n")
    forged = orjson.loads(body)
    record.write_bytes(orjson.dumps({"format": "1", "mac": "0" * 128}) + b"\n" + orjson.dumps(forged))
    result = publish(repo, site)
    assert result.kept == 0  # built cold


def test_the_templates_are_inputs_of_every_page(repo: Path, tmp_path: Path) -> None:
    root = tmp_path / "repo"
    subprocess.run(["git", "clone", "-q", str(repo), str(root)], check=True)
    site = tmp_path / "site"
    publish(root, site, fulltext=False)
    (root / "templates").mkdir()
    (root / "templates" / "power.html").write_text(
        '{% extends "base.html" %}{% block content %}<p id="own">{{ p.name }}</p>{% endblock %}', encoding="utf-8")
    result = publish(root, site, fulltext=False)
    assert result.kept == 0
    assert '<p id="own">' in (site / OTHER).read_text(encoding="utf-8")


def test_changes_in_two_departments_one_after_the_other(repo: Path, tmp_path: Path) -> None:
    """Indexing a department's bundle again leaves the site's pages untouched (they are copied
    for Pagefind, not linked: a link would change their ctime and the next build would render
    the whole department again)."""
    root = tmp_path / "repo"
    subprocess.run(["git", "clone", "-q", str(repo), str(root)], check=True)
    site = tmp_path / "site"
    publish(root, site)
    for n, rel in enumerate((POWER, "catalogs/jyj/powers/XK-JYJ-001.yaml", POWER)):
        edit(root, rel, "name: ", f"name: 第{n}次")
        commit(root, f"change {n}", f"2024-06-0{n + 1}")
        result = publish(root, site)
        assert result.kept == result.powers - 1


def test_the_command_says_how_many_pages_it_kept(repo: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from powercat.cli import app

    site = tmp_path / "site"
    args = ["publish", "--root", str(repo), "--out", str(site), "--no-fulltext", "--lang", "en"]
    first = CliRunner().invoke(app, args)
    assert first.exit_code == 0 and "had not changed" not in first.output
    again = CliRunner().invoke(app, args)
    assert again.exit_code == 0, again.output
    assert "30 of the 30 power pages had not changed and were left as they were" in again.output
