"""catalog/parallel.py: work on forked processes gives what the same work gives here."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from powercat.catalog import parallel
from powercat.catalog.parallel import Forked, map_files


def _square(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


def test_map_files_keeps_the_order_on_forked_workers() -> None:
    out = map_files(_square, list(range(1000)), jobs=2)
    assert [v for v, _ in out] == [n * n for n in range(1000)]
    assert {pid for _, pid in out} - {os.getpid()}, "1,000 items are worked on in forked processes"


def test_forked_work_runs_in_a_child_and_writes_its_files(tmp_path: Path) -> None:
    def work() -> tuple[int, str]:
        (tmp_path / "made.txt").write_text("数据", encoding="utf-8")
        return os.getpid(), "完成"

    pid, said = Forked(work).result()
    assert said == "完成" and pid != os.getpid()
    assert (tmp_path / "made.txt").read_text(encoding="utf-8") == "数据"


def test_a_failing_child_raises_its_error_here(tmp_path: Path) -> None:
    calls = tmp_path / "calls"
    calls.mkdir()

    def work() -> None:
        (calls / str(os.getpid())).touch()
        raise PermissionError("拒绝写入")

    with pytest.raises(PermissionError, match="拒绝写入"):
        Forked(work).result()
    ran = {p.name for p in calls.iterdir()}
    assert str(os.getpid()) in ran and len(ran) == 2, "once in the child, once here to raise the error"


def test_without_a_second_core_the_work_runs_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "default_jobs", lambda: 1)
    assert Forked(lambda: os.getpid()).result() == os.getpid()


def test_an_error_in_the_parent_stops_the_child_before_it_writes_on(tmp_path: Path) -> None:
    import time

    def work() -> None:
        time.sleep(0.3)  # still working when the parent fails
        (tmp_path / "late.txt").write_text("晚了", encoding="utf-8")

    with pytest.raises(RuntimeError):
        with Forked(work):
            raise RuntimeError("drawing failed")
    time.sleep(0.5)
    assert not (tmp_path / "late.txt").exists(), "the child was stopped with the parent's error"


def test_fork_false_does_the_work_here() -> None:
    with Forked(lambda: os.getpid(), fork=False) as here:
        assert here.result() == os.getpid()
