"""The language server's session: after any series of edits, each open file's findings are
exactly what `validate` reports for the same texts — while only the edited file is re-checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from powercat.catalog.loader import load_catalog
from powercat.lint.engine import lint
from powercat.lsp.session import Session
from .conftest import copy_demo

POWER = "catalogs/zjj/powers/XK-ZJJ-001.yaml"
OTHER = "catalogs/zjj/powers/CF-ZJJ-001.yaml"
DEPT = "catalogs/zjj/department.yaml"
RECORDS = "records/zjj/2026-10.yaml"


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    return copy_demo(tmp_path / "demo")


def validate_view(root: Path, texts: dict[str, str]) -> dict[str, list[tuple]]:
    """What validate reports for ``texts`` in place of the files on disk, by file."""
    overlay = {rel: t.encode("utf-8") for rel, t in texts.items()}
    report = lint(load_catalog(root, overlay=overlay))  # the lint cache: unchanged files are not re-checked
    return {rel: [(d.code, d.line, d.column, d.variant, d.args) for d in report.diagnostics if d.file == rel]
            for rel in texts}


def session_view(session: Session) -> dict[str, list[tuple]]:
    return {rel: [(d.code, d.line, d.column, d.variant, d.args) for d in session.diagnostics(rel)]
            for rel in session.open}


def edits(root: Path) -> list[tuple[str, str]]:
    power = (root / POWER).read_text(encoding="utf-8")
    other = (root / OTHER).read_text(encoding="utf-8")
    dept = (root / DEPT).read_text(encoding="utf-8")
    records = (root / RECORDS).read_text(encoding="utf-8")
    return [
        (POWER, power),
        (OTHER, other),
        (RECORDS, records),
        (POWER, power.replace("post: window", "post: windw", 1)),  # PC507 with a suggestion
        (OTHER, other.replace("code: CF-ZJJ-001", "code: XK-ZJJ-001")),  # PC104 in OTHER, PC103
        (DEPT, dept),
        (DEPT, dept.replace("{id: window,", "{id: counter,")),  # every open power of zjj re-checked
        (POWER, power.replace("category: licensing", "category: licencing")),  # PC101: its facts go
        (OTHER, other.replace("code: CF-ZJJ-001", "code: CF-ZJJ-009")),  # records now name an unknown power
        (POWER, power[: power.index("procedures:")] + "procedures:\n  - kind: general\n    steps: [{id: a, nex"),
        (DEPT, dept),
        (POWER, power),
        (OTHER, other),
    ]


def test_every_edit_leaves_the_findings_validate_gives(demo: Path) -> None:
    session = Session(demo)
    texts: dict[str, str] = {}
    for n, (rel, text) in enumerate(edits(demo)):
        texts[rel] = text
        session.edit(rel, text)
        if n == 1:
            session.index()
        if session.indexed:
            assert session_view(session) == validate_view(demo, texts), f"after edit {n} of {rel}"


def test_an_edit_rechecks_one_file_and_flushes_only_what_changed(demo: Path) -> None:
    session = Session(demo)
    power = (demo / POWER).read_text(encoding="utf-8")
    session.edit(POWER, power)
    session.index()
    session.flush()
    parsed = sum(session.catalog.parsed.values())
    session.edit(POWER, power + "# 改动\n")
    assert sum(session.catalog.parsed.values()) == parsed + 1  # this file alone, once
    assert list(session.flush()) == [POWER]


def test_closing_a_file_restores_what_is_on_disk(demo: Path) -> None:
    session = Session(demo)
    power = (demo / POWER).read_text(encoding="utf-8")
    session.edit(POWER, power)
    session.index()
    session.edit(OTHER, (demo / OTHER).read_text(encoding="utf-8").replace("CF-ZJJ-001", "XK-ZJJ-001"))
    assert [d.code for d in session.diagnostics(POWER)] == ["PC104"]  # CF-… comes first: XK-… repeats it
    session.flush()
    session.close(OTHER)
    assert session.flush() == {POWER: []}
    assert session.catalog.files[OTHER].raw == (demo / OTHER).read_bytes()
    assert OTHER not in session.open and session.diagnostics(OTHER) == []


def test_a_new_power_file_changes_the_layout(demo: Path) -> None:
    session = Session(demo)
    session.edit(POWER, (demo / POWER).read_text(encoding="utf-8"))
    session.index()
    new = "catalogs/zjj/powers/XK-ZJJ-009.yaml"
    session.edit(new, (demo / POWER).read_text(encoding="utf-8").replace("XK-ZJJ-001", "XK-ZJJ-009"))
    assert new in session.catalog.files and session.facts[new].code == "XK-ZJJ-009"


def test_the_baseline_hides_what_validate_hides(demo: Path) -> None:
    from powercat.lint.baseline import write_baseline

    power = (demo / POWER).read_text(encoding="utf-8").replace("post: window", "post: windw", 1)
    (demo / POWER).write_text(power, encoding="utf-8")
    catalog = load_catalog(demo, use_cache=False)
    write_baseline(lint(catalog, use_baseline=False), catalog.config)
    session = Session(demo)
    session.edit(POWER, power)
    session.index()
    assert session.diagnostics(POWER) == []
    session.edit(POWER, power.replace("post: windw", "post: wndw", 1))
    assert [d.code for d in session.diagnostics(POWER)] == ["PC507"]
