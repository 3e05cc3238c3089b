"""The language server's help, in process: the path under the cursor (checked against the
parser's own positions), field help from the schema, and the quick fixes' edits."""

from __future__ import annotations

from pathlib import Path

import pytest

from powercat.catalog.config import Config
from powercat.catalog.parse import parse_yaml
from powercat.lsp.context import make_context
from powercat.lsp.convert import Lines, diagnostic_range, token_end
from powercat.lsp.cursor import cursor_at
from powercat.lsp.documents import Parses, kind_of
from powercat.lsp.edits import apply, scalar
from powercat.lsp.fixes import Finding, fixes, snippet
from powercat.lsp.laws import Laws
from powercat.lsp.schemahelp import field, keys
from powercat.lint.diagnostics import Diagnostic, Severity
from tests.conftest import REPO, case_department
from tests.lsp_helpers import POWER, POWER_REL

YAML_FILES = sorted([*(REPO / "catalogs").rglob("*.yaml"), *(REPO / "records").rglob("*.yaml"),
                     *(REPO / "examples").rglob("*.yaml")])


EVERY_CHARACTER = {"catalogs/zjj/powers/CF-ZJJ-001.yaml", "catalogs/zjj/department.yaml", "records/zjj/2026-10.yaml"}


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_the_cursor_finds_the_path_the_parser_gives(path: Path) -> None:
    """Where every key and scalar value of the demo and the examples begins (and on each of
    their characters, in a few files of every style)."""
    text = path.read_text(encoding="utf-8")
    parsed = parse_yaml(text)
    if parsed.syntax is not None:
        return
    lines = text.split("\n")
    every = path.relative_to(REPO).as_posix() in EVERY_CHARACTER
    for data_path, pos in parsed.source.positions.items():
        if not data_path:
            continue
        value = parsed.data
        for part in data_path:
            value = value[part]
        places = []
        if isinstance(data_path[-1], str):
            places.append((pos.line - 1, pos.column - 1, "key"))
        if not isinstance(value, (dict, list)):
            places.append((pos.vline - 1, pos.vcolumn - 1, "value"))
        for line, start, role in places:
            for char in range(start, token_end(lines[line], start) + 1 if every else start + 1):
                c = cursor_at(text, line, char)
                assert (c.path, c.role) == (data_path, role), (line + 1, char, role)


@pytest.mark.parametrize("text,path,role,word", [
    ("steps:\n  - {id: s1, name: 受理, post: wi", ("steps", 0, "post"), "value", "wi"),
    ("steps:\n  - {id: s2, ti", ("steps", 0, "ti"), "key", "ti"),
    ("steps:\n  - id: s3\n    next: [s1, s", ("steps", 0, "next", 1), "value", "s"),
    ("steps:\n  - id: s3\n    next: [s1]\n    tim", ("steps", 0, "tim"), "key", "tim"),
    ("time_limit:\n  statutory: {days: 1, unit: work", ("time_limit", "statutory", "unit"), "value", "work"),
    ("rights:\n  - recusal\n  - ", ("rights", 1), "value", ""),
    ("lint:\n  ignore: [PC3", ("lint", "ignore", 0), "value", "PC3"),
    ("text: |\n  第一行\n  第二", ("text",), "value", "第二"),
])
def test_the_cursor_in_half_typed_text(text: str, path: tuple, role: str, word: str) -> None:
    lines = text.split("\n")
    c = cursor_at(text, len(lines) - 1, len(lines[-1]))
    assert (c.path, c.role, c.word) == (path, role, word)


def test_field_help_follows_refs_unions_and_items() -> None:
    post = field("power", ("procedures", 0, "steps", 3, "post"))
    assert (post.title, post.description, post.required) == ("承办岗位", "department.yaml 中定义的岗位 id", False)
    unit = field("power", ("procedures", 0, "steps", 3, "time_limit", "unit"))
    assert unit.values == [("working", "工作日"), ("natural", "自然日")] and unit.required
    assert ("on_the_spot", "当场") in field("power", ("time_limit", "promised")).values
    assert field("records", (0, "power")).title == "事项编码"
    assert field("power", ("nope",)) is None
    assert [k for k, _ in keys("power", ("legal_basis", 0))] == ["law", "level", "article", "text", "edition", "issuer_level"]


def test_ranges_end_where_the_token_ends() -> None:
    lines = Lines("a:\n  - {id: x, post: 审查岗}\n  - name: 受理 # 注释\n")

    def rng(line: int, col: int) -> tuple[int, int]:
        r = diagnostic_range(Diagnostic("PC101", Severity.error, "f", line, col), lines)
        return r.start.character, r.end.character

    assert rng(2, 5) == (4, 22)  # a whole flow mapping
    assert rng(2, 19) == (18, 21)  # a value in it
    assert rng(3, 5) == (4, 8)  # a key
    assert rng(3, 11) == (10, 12)  # a value before a comment
    assert rng(9, 1) == (0, 0)  # past the end: the last line


def test_scalar_reads_back_the_same() -> None:
    for value in ["建筑工程开工前，建设单位应当申请", "a: b", "- 列表", "第一款\n第二款", '引号"与\\', "#1"]:
        assert parse_yaml(f"k: {scalar(value)}\n").data == {"k": value}


def test_snippets_come_from_the_hints() -> None:
    assert snippet("为该环节加上办理时限，例如 time_limit: {{days: 2, unit: working}}(2 个工作日)".replace("{{", "{")
                   .replace("}}", "}"), "time_limit") == "{days: 2, unit: working}"
    assert snippet("填写 within_days(行使后…)，如 within_days: 7；政府信息公开条例", "within_days") == "7"
    assert snippet("没有这个键", "time_limit") is None


def context(text: str):
    return make_context(Path("/r"), POWER_REL, "power", "demo", text, "zh-CN", Config(root=Path("/r")), Parses(),
                        ("catalogs/demo/department.yaml", case_department()))


def fixed(text: str, finding: Finding) -> list[str]:
    return [apply(text, f.edit) for f in fixes(context(text), [finding], Laws(reason="no_library"))]


def test_a_missing_statutory_limit_goes_under_time_limit_or_with_it() -> None:
    text = POWER.replace("  statutory: {days: 20, unit: working}\n", "")
    line = text.split("\n").index("time_limit:") + 1
    [out] = fixed(text, Finding("PC302", "message", {"category": "licensing"}, line, 1))
    assert "time_limit:\n  promised: {days: 5, unit: working}\n  statutory: {days: 20, unit: working}\n" in out
    bare = text.replace("time_limit:\n  promised: {days: 5, unit: working}\n", "")
    [out] = fixed(bare, Finding("PC302", "message", {"category": "licensing"}, 1, 1))
    assert out.endswith("controls: [双人审查]}\ntime_limit: {statutory: {days: 20, unit: working}}\n")


def test_a_missing_disclosure_and_within_days() -> None:
    text = POWER.replace("disclosure: {scope: public, timing: timely, within_days: 20, carriers: [website, service_guide]}\n", "")
    [out] = fixed(text, Finding("PC604", "missing", {"category": "licensing", "item": "", "source": ""}, 1, 1))
    # a licence discloses every result (政府信息公开条例第二十条第（五）项): the hint writes timely
    assert "\ndisclosure: {scope: public, timing: timely, within_days: 20, carriers: [website, service_guide]}\n" in out
    timely = POWER.replace("within_days: 20, ", "")
    line = timely.split("\n").index(next(ln for ln in timely.split("\n") if ln.startswith("disclosure"))) + 1
    [out] = fixed(timely, Finding("PC606", "message", {}, line, 1))
    assert "carriers: [website, service_guide], within_days: 7}" in out


def test_no_fix_where_it_is_not_certain() -> None:
    assert fixed(POWER, Finding("PC301", "message", {}, 1, 1)) == []  # nothing is missing there
    assert fixed(POWER, Finding("PC203", "message", {"law": "x"}, 7, 5)) == []  # no library
    assert fixed(POWER, Finding("PC100", "fullwidth_colon", {"line": 2}, 2, 5)) == []  # no ： there


def test_the_kind_of_a_file_follows_the_layout() -> None:
    config = Config(root=Path("/r"))
    assert kind_of("catalogs/zjj/powers/XK-1.yaml", config) == ("power", "zjj")
    assert kind_of("catalogs/zjj/department.yaml", config) == ("department", "zjj")
    assert kind_of("records/zjj/2026-10.yaml", config) == ("records", "zjj")
    assert kind_of("catalogs/zjj/notes.yaml", config) is None
    assert kind_of("docs/x.yaml", config) is None
