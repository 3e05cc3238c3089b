"""The run memo (lint/memo.py): a run whose inputs are all unchanged gives the last run's
findings without linting file by file; any changed input, or a memo not written here, is missed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from powercat.lint import engine
from powercat.lint.engine import validate

POWER = "catalogs/demo/powers/XK-DEMO-001.yaml"
TEXT = "code: XK-DEMO-001\nname: 测试许可\ncategory: licensing\nhandling_unit: 审批科\nleader: 张三\nleader: 李四\n"
MEMO = Path(".powercat/cache/run.json")


def _findings(report) -> list[dict]:  # noqa: ANN001
    return [d.to_cache() for d in report.diagnostics]


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times the files were linted one by one (once per call of lint_files)."""
    calls: list[int] = []
    real = engine.lint_files

    def lint_files(catalog, **kw):  # noqa: ANN001, ANN202
        calls.append(1)
        return real(catalog, **kw)

    monkeypatch.setattr(engine, "lint_files", lint_files)
    return calls


def test_an_unchanged_run_is_answered_by_the_memo(repo, counted: list[int]) -> None:  # noqa: ANN001
    root = repo({POWER: TEXT})
    cold = validate(root)
    assert (root / MEMO).is_file() and len(counted) == 1
    warm = validate(root)
    assert len(counted) == 1, "nothing changed: the files are not linted again"
    assert _findings(warm) == _findings(cold) == _findings(validate(root, use_cache=False)) and warm.cached == 1
    pc102 = [(d.line, d.column) for d in warm.diagnostics if d.code == "PC102"]
    assert pc102 == [(6, 1)], "the second leader: a key given twice"


@pytest.mark.parametrize("change", ["comment", "config", "as_of", "new_file"])
def test_any_changed_input_misses_the_memo(repo, counted: list[int], change: str) -> None:  # noqa: ANN001
    root = repo({POWER: TEXT})
    validate(root, as_of=dt.date(2026, 1, 1))
    as_of = dt.date(2026, 1, 1)
    if change == "comment":
        (root / POWER).write_text(TEXT + "# 注释\n", encoding="utf-8")
    elif change == "config":
        (root / "powercat.toml").write_text('[rules]\nPC102 = "off"\n', encoding="utf-8")
    elif change == "as_of":
        as_of = dt.date(2026, 1, 2)
    else:
        (root / "catalogs/demo/powers/notes.txt").write_text("草稿", encoding="utf-8")
    again = validate(root, as_of=as_of)
    assert len(counted) == 2, f"{change}: the files are linted again"
    assert _findings(again) == _findings(validate(root, as_of=as_of, use_cache=False))
    codes = {d.code for d in again.diagnostics}
    assert ("PC102" in codes) == (change != "config") and ("PC109" in codes) == (change == "new_file")


def test_a_memo_edited_or_damaged_is_never_an_input(repo, counted: list[int]) -> None:  # noqa: ANN001
    root = repo({POWER: TEXT})
    validate(root)
    memo = root / MEMO
    forged_text = memo.read_bytes().replace(b"PC102", b"PC999")
    assert forged_text != memo.read_bytes()
    memo.write_bytes(forged_text)
    forged = validate(root)
    assert "PC999" not in {d.code for d in forged.diagnostics} and len(counted) == 2
    memo.write_bytes(b"\x00garbage")
    assert _findings(validate(root)) == _findings(forged) and len(counted) == 3


def test_no_memo_without_the_cache(repo, counted: list[int]) -> None:  # noqa: ANN001
    root = repo({POWER: TEXT})
    validate(root, use_cache=False)
    validate(root, use_cache=False)
    assert len(counted) == 2 and not (root / MEMO).exists()
