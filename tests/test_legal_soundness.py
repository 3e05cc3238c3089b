"""The law as data, checked against the law texts: every article the profile quotes is quoted
exactly; rules without a statutory basis default to warning and are raised only by naming a
regulation; `new power` writes roles so new files are matched by role, not by name."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from powercat.catalog.config import ConfigError
from powercat.catalog.profile import load_profile
from powercat.cli import app
from powercat.laws import Library, cn_to_int
from powercat.lint.engine import validate
from powercat.lint.ruledocs import page
from powercat.lint.rules import all_rules

from .conftest import write_repo

LAWS = Path(__file__).resolve().parent / "data" / "laws" / "national"
MARK = re.compile(r"(行政许可法|行政处罚法|行政强制法|行政复议法|政府信息公开条例)?(?:\(2023修订\))?"
                  r"(?:第([一二三四五六七八九十百]+)条)?(?:第([一二三四五六七八九十]+)款)?"
                  r"(?:第[（(][一二三四五六七八九十]+[）)]项)?：")


def quotes(source: str) -> list[tuple[str, str, str, str]]:
    """(law, article, paragraph, quoted words) of each ``…第N条[第M款]：words`` in a source; a
    marker without a law or article takes the previous one's."""
    out: list[tuple[str, str, str, str]] = []
    law = art = ""
    marks = [m for m in MARK.finditer(source) if m.group(2) or m.group(3)]
    for i, m in enumerate(marks):
        law, art = m.group(1) or law, m.group(2) or art
        end = marks[i + 1].start() if i + 1 < len(marks) else len(source)
        if law and art:
            out.append((law, art, m.group(3) or "", source[m.end():end].split("；")[0]))
    return out
runner = CliRunner()


def _sources(node: object) -> list[str]:
    if isinstance(node, dict):
        return [v for k, v in node.items() if k == "source" and isinstance(v, str)] + \
            [s for v in node.values() for s in _sources(v)]
    if isinstance(node, list):
        return [s for v in node for s in _sources(v)]
    return []


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text).replace("(", "（").replace(")", "）")


def test_every_quoted_article_of_the_profile_is_the_law_s_own_words(tmp_path: Path) -> None:
    """A quote is the article's words, with …… for what is left out (checked on 2025-01-01, so
    行政复议法 is the 2023 edition)."""
    lib = Library.open([LAWS], cache_dir=tmp_path)
    raw = yaml.safe_load((Path(__file__).resolve().parents[1] / "src/powercat/profiles/prc.yaml").read_text("utf-8"))
    checked = 0
    for source in _sources(raw):
        for law, art, para, quote in quotes(source):
            answer = lib.article(law, cn_to_int(art), paragraph=cn_to_int(para) if para else None,
                                 on=dt.date(2025, 1, 1))
            assert answer.ok, (law, art, para)
            whole = _flat(answer.text or "")
            for piece in re.split(r"……", quote):
                piece = _flat(piece).strip("。；，：")
                if len(piece) >= 4:
                    assert piece in whole, (law, art, para, piece)
                    checked += 1
    assert checked >= 40


def test_rules_without_a_statute_are_warnings_and_say_so() -> None:
    rules = all_rules()
    loose = [code for code, r in rules.items() if not r.statutory]
    assert {"PC510", "PC801", "PC803", "PC301", "PC306", "PC601", "PC602", "PC701"} <= set(loose)
    for code in loose:
        assert rules[code].severity in ("warning", "info"), code
        assert "没有法律、行政法规依据" in page(code, "zh-CN"), code
        assert "rests on no law or administrative regulation" in page(code, "en"), code
    for code, r in rules.items():  # an error that rests on a statute names it on its docs page
        if r.severity == "error" and r.statutory and not code.startswith(("PC1", "PC50", "PC704", "PC804")):
            assert re.search(r"法|条例", page(code, "zh-CN").split("## 法律依据")[1].split("##")[0]), code


COMPLAINT = """\
- complaint: TS-2024-031
  received_on: 2024-09-30
  summary: 反映施工许可公示信息不全
"""


@pytest.mark.parametrize(("setting", "outcome"), [
    ("", "warning"),
    ('PC803 = { level = "error", basis = "示例省行政权力公开运行条例第二十条" }', "error"),
    ('PC803 = "error"', "refused"),
    ('PC803 = { level = "error", basis = "x", when = "always" }', "refused"),
])
def test_a_rule_without_a_statute_is_raised_only_by_naming_its_regulation(
        tmp_path: Path, setting: str, outcome: str) -> None:
    root = write_repo(tmp_path, {"records/demo/2024-09.yaml": COMPLAINT})
    (root / "powercat.toml").write_text(f'[site]\ntitle = "测试"\n\n[rules]\n{setting}\n', encoding="utf-8")
    if outcome == "refused":
        with pytest.raises(ConfigError):
            validate(root, as_of=dt.date(2024, 10, 31), use_cache=False)
        result = runner.invoke(app, ["validate", "--root", str(root), "--no-cache", "--as-of", "2024-10-31"])
        assert result.exit_code == 2 and "PC803" in result.output and "basis" in result.output
        return
    report = validate(root, as_of=dt.date(2024, 10, 31), use_cache=False)
    [found] = [d for d in report.diagnostics if d.code == "PC803"]
    assert found.severity.value == outcome


def test_new_power_writes_roles_the_statute_s_name_and_the_compensation_right(tmp_path: Path) -> None:
    assert runner.invoke(app, ["init", str(tmp_path)]).exit_code == 0
    result = runner.invoke(app, ["new", "power", "-d", "example", "-c", "penalty", "--root", str(tmp_path)])
    assert result.exit_code in (0, 1), result.output
    [path] = (tmp_path / "catalogs" / "example" / "powers").glob("CF-*.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    [proc] = data["procedures"]
    assert proc["name"] == "普通程序"
    steps = proc["steps"]
    assert [s["role"] for s in steps] == [s["id"] for s in steps]
    names = [s["name"] for s in steps]
    # 告知 before the decision (第六十二条), 法制审核 after the hearing (第五十八条), 送达 last (第六十一条)
    assert names.index("告知") < names.index("听证") < names.index("法制审核") < names.index("负责人审查") \
        < names.index("决定") < names.index("送达")
    assert {"type": "compensation"} in data["rights"]
    # renamed steps are still recognised by their role
    text = path.read_text(encoding="utf-8").replace("name: 告知", "name: 送达处罚事先告知书")
    path.write_text(text, encoding="utf-8")
    report = validate(tmp_path, use_cache=False)
    assert not [d for d in report.diagnostics if d.code in ("PC501", "PC510")]


def test_a_licence_template_leaves_the_hearing_out_of_the_period_with_its_basis() -> None:
    steps = load_profile("prc").category("licensing").procedures["general"].steps
    [hearing] = [s for s in steps if s.id == "hearing"]
    assert hearing.counted is False and hearing.counted_basis == "行政许可法第四十五条"
