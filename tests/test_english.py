"""`--lang en` says everything in English: the only Chinese left is the catalog's own content
(names, laws, profile sources) and the catalog format's own words that a message must name."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from typer.testing import CliRunner

from powercat import i18n
from powercat.cli import app

from .conftest import CASES, REPO, write_repo
from .test_diff import POWER, commit, edit, git, power
from .test_rule_cases import _load_cases, _run

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’]+")
PROFILE = (Path(i18n.__file__).parent / "profiles" / "prc.yaml").read_text(encoding="utf-8")
# the format's own words a message names: article numbers are written 第七条, a hearing step's
# name contains 听证, and the full-width colon is what PC100 points at
FORMAT_WORDS = {"第七条", "第七条、第八条", "听证", "组织听证", "："}


def foreign(text: str, content: str) -> list[str]:
    """The runs of Chinese in ``text`` that are neither in ``content`` nor words of the format."""
    return sorted({run for run in CJK.findall(text) if run not in content and run not in FORMAT_WORDS})


def _content(*texts: str) -> str:
    return "".join(texts) + PROFILE + (CASES / "_department.yaml").read_text(encoding="utf-8")


def test_every_english_finding_and_hint_says_only_catalog_content() -> None:
    for param in _load_cases():
        code, case = param.values
        if not case.get("expect"):
            continue
        files = case.get("files") or {}
        content = _content(case.get("yaml") or "", *files.values(), *files, case.get("config") or "")
        with tempfile.TemporaryDirectory() as tmp:
            for d in _run(Path(tmp), code, case):
                said = i18n.message(d.code, d.args, d.variant, "en") + i18n.hint(d.code, d.args, d.variant, "en")
                assert foreign(said, content) == [], (code, case["name"], said)


def test_validate_in_english(tmp_path: Path) -> None:
    text = POWER.replace("promised: {days: 5, unit: working}", "promised: {days: 50, unit: working}")
    root = write_repo(tmp_path, {"catalogs/demo/powers/XK-DEMO-001.yaml": text})
    out = CliRunner().invoke(app, ["validate", "--root", str(root), "--lang", "en", "--no-cache"])
    assert out.exit_code == 1
    assert "error" in out.output and "hint: " in out.output and "1 errors" in out.output
    assert "the promised limit 50 working days is longer than the statutory limit 20 working days" in out.output
    assert foreign(out.output, _content(text)) == []


def test_render_messages_in_english(tmp_path: Path) -> None:
    text = POWER
    broken = power("XK-DEMO-002", POWER).replace("next: [decide]", "next: [nowhere]")
    root = write_repo(tmp_path, {"catalogs/demo/powers/XK-DEMO-001.yaml": text,
                                 "catalogs/demo/powers/XK-DEMO-002.yaml": broken})
    out = CliRunner().invoke(app, ["render", "--root", str(root), "--lang", "en", "--format", "dot",
                                   "--out", str(tmp_path / "charts")])
    assert "skipped catalogs/demo/powers/XK-DEMO-002.yaml: 1 error(s): no flowchart drawn" in out.output
    assert re.search(r"flowcharts: \d+ drawn, 0 unchanged, 1 skipped", out.output)
    assert foreign(out.output, _content(text)) == []
    dot = (tmp_path / "charts" / "XK-DEMO-001" / "external-0.dot").read_text(encoding="utf-8")
    assert "external flowchart (general)" in dot and foreign(dot, _content(text, broken)) == []


def test_diff_in_english(tmp_path: Path) -> None:
    root = write_repo(tmp_path, {"catalogs/demo/powers/XK-DEMO-001.yaml": power("XK-DEMO-001")})
    git(root, "init", "-q")
    commit(root, "base")
    git(root, "tag", "base")
    f = root / "catalogs/demo/powers/XK-DEMO-001.yaml"
    edit(f, "promised: {days: 5, unit: working}", "promised: {days: 8, unit: natural}")
    edit(f, "hearing: true", "hearing: false")
    edit(f, "scope: public", "scope: limited")
    runner = CliRunner()
    for fmt in ("text", "markdown"):
        out = runner.invoke(app, ["diff", "base", "--root", str(root), "--lang", "en", "--format", fmt])
        assert out.exit_code == 0, out.output
        assert "time limit made longer (the limit is a published promise" in out.output
        assert "natural days" in out.output and "limited or on request" in out.output
        assert foreign(out.output, _content(power("XK-DEMO-001"))) == [], fmt
    out = runner.invoke(app, ["diff", "base", "--root", str(root), "--lang", "en"])
    assert "time_limit.promised: 5 working days → 8 natural days" in out.output


def test_the_site_in_english(tmp_path: Path) -> None:
    text = POWER
    (tmp_path / "repo").mkdir()
    root = write_repo(tmp_path / "repo", {"catalogs/demo/powers/XK-DEMO-001.yaml": text})
    site = tmp_path / "site"
    out = CliRunner().invoke(app, ["publish", "--root", str(root), "--out", str(site), "--lang", "en",
                                   "--no-fulltext", "--as-of", "2024-10-21"])
    assert out.exit_code == 0, out.output
    assert "no site address" in out.output and "Published 1 power(s) (public)" in out.output
    assert not CJK.search(out.output)
    page = (site / "powers/XK-DEMO-001/index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in page and "Legal basis" in page and "administrative licensing" in page
    content = _content(text, (root / "powercat.toml").read_text(encoding="utf-8"))
    for path in sorted(site.rglob("*")):
        if path.suffix in (".html", ".svg", ".js") and "pagefind" not in path.parts:
            assert foreign(path.read_text(encoding="utf-8"), content) == [], path


def test_report_in_english() -> None:
    content = _content(*(p.read_text(encoding="utf-8") for p in (REPO / "catalogs").rglob("*.yaml")),
                       *(p.read_text(encoding="utf-8") for p in (REPO / "records").rglob("*.yaml")))
    runner = CliRunner()
    for args in ([], ["--month", "2026-09"], ["--format", "markdown"], ["--format", "csv"]):
        out = runner.invoke(app, ["report", "--root", str(REPO), "--lang", "en", "--as-of", "2026-10-31", *args])
        assert out.exit_code == 0, out.output
        assert "Report on the exercise of administrative powers" in out.output or "Department" in out.output
        assert foreign(out.output, content) == [], args


def test_usage_errors_in_english(tmp_path: Path) -> None:
    runner = CliRunner()
    out = runner.invoke(app, ["validate", "--root", str(tmp_path / "nowhere"), "--lang", "en"])
    assert out.exit_code == 2 and "not a folder" in out.output and not CJK.search(out.output)
    out = runner.invoke(app, ["report", "--root", str(tmp_path), "--lang", "en"])
    assert out.exit_code == 2 and "not a catalog repository" in out.output and not CJK.search(out.output)
    out = runner.invoke(app, ["validate", "--root", str(tmp_path / "nowhere")])
    assert out.exit_code == 2 and "不是一个文件夹" in out.output and "not a folder" not in out.output
