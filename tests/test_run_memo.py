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


def test_a_run_answered_by_the_memo_imports_no_model_and_no_rule(repo) -> None:  # noqa: ANN001
    """The warm path's speed rests on this: pydantic's models and the 61 rules load only when a
    file is checked (tests/test_run_memo.py; README, Speed)."""
    import subprocess
    import sys

    root = repo({POWER: TEXT})
    validate(root)  # the memo is written
    script = ("import sys; from pathlib import Path; from powercat.lint.engine import validate; "
              f"r = validate(Path({str(root)!r})); "
              "print(sorted(m for m in sys.modules if m in {'powercat.catalog.model', 'powercat.catalog.profile', "
              "'powercat.lint.rules.base', 'powercat.lint.checker'}), len(r.diagnostics))")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.split()
    assert out[0] == "[]" and int(out[1]) == len(validate(root, use_cache=False).diagnostics)


@pytest.mark.parametrize(("profile", "said"), [
    ("my-profile.yaml", "my-profile.yaml"),  # not a profile's shape
    ("nowhere.yaml", "nowhere.yaml"),  # no such file
    ("atlantis", "atlantis"),  # no such built-in profile
])
def test_a_profile_that_is_none_is_a_clear_error(repo, profile: str, said: str) -> None:  # noqa: ANN001
    from typer.testing import CliRunner

    from powercat.cli import app

    root = repo({POWER: TEXT, "powercat.toml": f'[catalog]\nprofile = "{profile}"\n',
                 "my-profile.yaml": "categories: 不是映射\n"})
    for _ in range(2):  # the second run too: nothing was cached for a profile that is none
        result = CliRunner().invoke(app, ["validate", "--root", str(root)])
        assert result.exit_code == 2 and said in result.output, result.output
        assert "Traceback" not in result.output
