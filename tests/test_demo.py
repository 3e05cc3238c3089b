"""The demo catalog (示例县, catalogs/) is clean and complete; the examples say what validate says.

* ``catalogs/`` must pass every rule with no error, warning or info, and cover every category
  and every procedure kind, so the site, the flowcharts and the docs have something real to show.
* ``examples/minimal`` is clean.
* each ``examples/broken/<name>/README.md`` records the output of
  ``powercat validate --no-cache --root examples/broken/<name>``; the code, severity, file, line,
  column and Chinese message of every diagnostic, and the summary line, must be what validate
  produces now.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from powercat import i18n as messages
from powercat.catalog.enums import CATEGORY_TYPE_CODE, Category, ProcedureKind
from powercat.lint.formats.text_format import summary
from powercat.catalog.loader import load_catalog
from powercat.lint.engine import lint, validate

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
BROKEN = sorted(p for p in (EXAMPLES / "broken").iterdir() if p.is_dir())

SEVERITY_ZH = {"错误": "error", "警告": "warning", "提示": "info"}
DIAG = re.compile(r"^  (\d+):(\d+)  (错误|警告|提示)  (PC\d{3})  (.*)$")
CONSOLE = re.compile(r"```console\n\$ powercat validate --no-cache --root (\S+)\n(.*?)\n```", re.S)


def _shown(report) -> list[str]:
    return [f"{d.file}:{d.line}:{d.column} {d.code} {messages.message(d.code, d.args, d.variant, 'zh-CN')}"
            for d in report.diagnostics]


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(REPO, use_cache=False, keep_models=True)


@pytest.fixture(scope="module")
def demo(catalog):
    return lint(catalog)


def test_demo_has_no_diagnostics_at_all(demo) -> None:
    assert demo.diagnostics == [], "\n".join(_shown(demo))
    assert demo.exit_code(strict=True) == 0


def test_demo_size(demo, catalog) -> None:
    departments = {k: v for k, v in catalog.departments.items() if v is not None}
    assert len(departments) >= 4
    assert len(catalog.powers()) >= 30
    assert demo.powers == len(catalog.powers())
    for dept in departments.values():
        assert dept.uscc and dept.posts and dept.consultation and dept.complaints
        assert {str(c.kind) for c in dept.supervision} >= {"internal", "external"}, dept.id


def test_demo_covers_every_category_and_procedure_kind(catalog) -> None:
    powers = [lp.power for lp in catalog.powers()]
    assert {p.category for p in powers} == set(Category)
    kinds = {proc.kind for p in powers for proc in p.procedures}
    assert kinds >= {ProcedureKind.general, ProcedureKind.simple, ProcedureKind.on_the_spot,
                     ProcedureKind.special, ProcedureKind.hearing}
    assert {str(p.status) for p in powers} >= {"active", "suspended", "repealed"}
    assert sum(1 for p in powers if p.internal) >= 10
    assert sum(1 for p in powers if p.risks) >= 25
    assert all(r.controls for p in powers for r in p.risks)


def test_demo_national_codes_match_the_department_and_category(catalog) -> None:
    coded = [lp for lp in catalog.powers() if lp.power.implementation_code]
    assert len(coded) >= 20
    for lp in coded:
        p, dept = lp.power, catalog.departments[lp.department]
        assert p.implementation_code == f"{dept.uscc}4{p.basic_code}", p.code
        assert p.basic_code[2:4] == CATEGORY_TYPE_CODE[p.category.value], p.code


def test_demo_every_basis_has_article_and_text(catalog) -> None:
    for lp in catalog.powers():
        for basis in lp.power.legal_basis:
            assert basis.level and basis.article and basis.text, (lp.power.code, basis.law)


def test_minimal_example_is_clean() -> None:
    report = validate(EXAMPLES / "minimal", use_cache=False)
    assert report.diagnostics == [], "\n".join(_shown(report))
    assert report.powers == 1


def _documented(readme: Path) -> tuple[str, list[tuple], str]:
    """(root named in the command, diagnostics, summary line) from a README's console block."""
    match = CONSOLE.search(readme.read_text(encoding="utf-8"))
    assert match, f"{readme}: no ```console block with the validate command"
    root, output = match.group(1), match.group(2).splitlines()
    found, file = [], None
    for line in output[:-1]:
        if line and not line.startswith(" "):
            file = line
        elif m := DIAG.match(line):
            found.append((file, int(m[1]), int(m[2]), SEVERITY_ZH[m[3]], m[4], m[5]))
    return root, found, output[-1]


@pytest.mark.parametrize("example", BROKEN, ids=[p.name for p in BROKEN])
def test_broken_example_readme_matches_validate(example: Path) -> None:
    root, documented, documented_summary = _documented(example / "README.md")
    assert root == f"examples/broken/{example.name}"
    assert documented, "the README documents no diagnostic"
    report = validate(example, use_cache=False)
    actual = [(d.file, d.line, d.column, d.severity.value, d.code,
               messages.message(d.code, d.args, d.variant, "zh-CN")) for d in report.diagnostics]
    assert sorted(actual) == sorted(documented)
    assert summary(report, "zh-CN") == documented_summary


def test_examples_index_lists_every_broken_example() -> None:
    index = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    for example in BROKEN:
        assert f"broken/{example.name}/README.md" in index, example.name
