"""Checked-in generated files must equal what the code generates (like ruff's docs check)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from powercat.lint import docgen
from powercat.cli import app
from powercat.catalog.schema import render_all

REPO = Path(__file__).resolve().parents[1]


def test_schemas_are_up_to_date() -> None:
    for name, text in render_all().items():
        path = REPO / "schemas" / name
        assert path.exists() and path.read_text(encoding="utf-8") == text, (
            f"schemas/{name} is stale: run `powercat schema --out schemas`")


def test_rule_docs_are_up_to_date() -> None:
    assert docgen.stale(REPO / "docs") == [], "run `python -m powercat.lint.docgen docs`"


def test_schema_command_writes_chinese_help(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["schema", "--out", str(tmp_path)])
    assert result.exit_code == 0
    text = (tmp_path / "power.schema.json").read_text(encoding="utf-8")
    assert '"title": "行政权力事项(powers/<code>.yaml)"' in text
    assert '"行政许可"' in text and '"事项名称"' in text


def test_explain_prints_the_docs_page_in_both_languages() -> None:
    zh = CliRunner().invoke(app, ["explain", "pc102"])
    assert zh.exit_code == 0 and zh.stdout.startswith("# PC102 — 同一映射中的键重复")
    en = CliRunner().invoke(app, ["explain", "PC102", "--lang", "en"])
    assert "# PC102 — A key is repeated in one mapping" in en.stdout
    missing = CliRunner().invoke(app, ["explain", "PC999"])
    assert missing.exit_code == 2 and "PC999" in missing.output
