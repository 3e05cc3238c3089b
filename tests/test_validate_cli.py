"""`powercat validate` as a user runs it: bad input, exit codes, cache, config, baseline."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from powercat.cli import app
from powercat.lint.engine import validate

runner = CliRunner()
POWER = "catalogs/demo/powers/XK-DEMO-001.yaml"
MINIMAL = "code: XK-DEMO-001\nname: 测试许可\ncategory: licensing\nhandling_unit: 审批科\nleader: 张三\n"


def _validate(root: Path, *args: str):  # noqa: ANN202
    return runner.invoke(app, ["validate", "--root", str(root), "--format", "json", *args])


def _codes(result) -> list[tuple[str, int, int, str]]:  # noqa: ANN001
    return [(d["code"], d["line"], d["column"], d["message"]) for d in json.loads(result.stdout)["diagnostics"]]


@pytest.mark.parametrize(("content", "expected"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", ("PC100", 1, 1, "文件含有二进制内容(NUL 字节)，不是文本文件")),
    ("code: 许可\n".encode("gb18030"), ("PC100", 1, 1, "文件不是 UTF-8 编码的文本")),
    (b"", ("PC101", 1, 1, "文件为空，应为一个“键: 值”形式的文档")),
    (b"- a\n- b\n", ("PC101", 1, 1, "文件的顶层应为“键: 值”形式的映射，实际为 list")),
    (b"code: [XK\nname: x\n", ("PC100", 2, 5, "YAML 语法错误：方括号 [ ] 没有闭合，或列表项之间少了逗号")),
    ("name：测试\n".encode(), None),
])
def test_bad_files_give_located_messages_and_exit_1(repo, content: bytes, expected) -> None:  # noqa: ANN001
    root = repo({})
    path = root / POWER
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    result = _validate(root, "--no-cache")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    codes = _codes(result)
    if expected:
        assert expected in codes
    else:  # a full-width colon makes the document a plain string
        assert any(c[0] == "PC101" for c in codes)


def test_a_ten_megabyte_file_is_refused_quickly(repo) -> None:  # noqa: ANN001
    root = repo({POWER: "code: XK\n" + "# 填充\n" * 1_500_000})
    start = time.perf_counter()
    result = _validate(root, "--no-cache")
    assert time.perf_counter() - start < 10
    assert ("PC100", 1, 1, "文件超过 5 MB，不像是一个事项文件") in _codes(result)


def test_missing_path_and_bad_options_exit_2(repo) -> None:  # noqa: ANN001
    root = repo({POWER: MINIMAL})
    for args in (["nope/missing.yaml"], ["--format", "xml"], ["--as-of", "2024-13-01"]):
        result = runner.invoke(app, ["validate", "--root", str(root), *args])
        assert result.exit_code == 2, (args, result.output)
        assert "Traceback" not in result.output
    result = runner.invoke(app, ["validate", "--root", str(root / "missing")])
    assert result.exit_code == 2 and "不是一个文件夹" in result.output


def test_broken_config_exits_2(repo) -> None:  # noqa: ANN001
    root = repo({POWER: MINIMAL})
    (root / "powercat.toml").write_text("[rules]\nPC304 = 'loud'\n", encoding="utf-8")
    result = _validate(root)
    assert result.exit_code == 2 and "PC304" in result.output and "off" in result.output


def test_paths_limit_the_report_to_those_files(repo) -> None:  # noqa: ANN001
    root = repo({POWER: MINIMAL + "leader: 李四\n", "catalogs/demo/powers/XK-DEMO-002.yaml": MINIMAL.replace("001", "002")})
    result = _validate(root, str(root / "catalogs/demo/powers/XK-DEMO-002.yaml"), "--no-cache")
    files = {d["file"] for d in json.loads(result.stdout)["diagnostics"]}
    assert files <= {"catalogs/demo/powers/XK-DEMO-002.yaml"}


def test_text_output_shows_the_line_and_a_hint(repo) -> None:  # noqa: ANN001
    root = repo({POWER: MINIMAL + "leader: 李四\n"})
    result = runner.invoke(app, ["validate", "--root", str(root), "--no-cache"])
    assert result.exit_code == 1
    out = result.stdout
    assert "catalogs/demo/powers/XK-DEMO-001.yaml" in out
    assert "6:1  错误  PC102  键 leader 重复(第 5 行已出现)" in out
    assert "   6 | leader: 李四" in out
    assert "修改建议: 删除或合并重复的键" in out


def test_config_severity_override_and_off(repo) -> None:  # noqa: ANN001
    root = repo({POWER: MINIMAL + "lint: {ignore: [PC999]}\n"})
    (root / "powercat.toml").write_text(
        '[rules]\nPC108 = "error"\n[[overrides]]\npaths = ["catalogs/other/**"]\nrules = {PC108 = "off"}\n', encoding="utf-8")
    assert {d.severity.value for d in validate(root, use_cache=False).diagnostics if d.code == "PC108"} == {"error"}
    (root / "powercat.toml").write_text(
        '[[overrides]]\npaths = ["catalogs/demo/**"]\nrules = {PC108 = "off"}\n', encoding="utf-8")
    assert not [d for d in validate(root, use_cache=False).diagnostics if d.code == "PC108"]


def test_suppression_silences_only_that_file(repo) -> None:  # noqa: ANN001
    text = MINIMAL + "leader: 李四\n"
    root = repo({POWER: text})
    assert any(d.code == "PC102" for d in validate(root, use_cache=False).diagnostics)
    (root / POWER).write_text(text + "lint: {ignore: [PC102], reason: 测试}\n", encoding="utf-8")
    assert not any(d.code == "PC102" for d in validate(root, use_cache=False).diagnostics)


def test_cache_warm_run_reuses_results_and_survives_corruption(repo) -> None:  # noqa: ANN001
    root = repo({POWER: MINIMAL + "leader: 李四\n"})
    cold = validate(root)
    warm = validate(root)
    assert warm.cached == 1 and cold.cached == 0
    assert [d.sort_key() for d in warm.diagnostics] == [d.sort_key() for d in cold.diagnostics]
    for name in ("validate.json", "run.json"):  # the files' cache and the run memo (tests/test_run_memo.py)
        (root / ".powercat" / "cache" / name).write_bytes(b"{not json")
    again = validate(root)
    assert again.cached == 0 and [d.code for d in again.diagnostics] == [d.code for d in cold.diagnostics]
    (root / POWER).write_text(MINIMAL, encoding="utf-8")  # a change is seen, not served from cache
    assert not any(d.code == "PC102" for d in validate(root).diagnostics)


def test_department_change_invalidates_its_powers(repo) -> None:  # noqa: ANN001
    root = repo({POWER: MINIMAL})
    validate(root)
    dept = root / "catalogs/demo/department.yaml"
    dept.write_text(dept.read_text(encoding="utf-8") + "extra_key: 1\n", encoding="utf-8")
    report = validate(root)
    assert report.cached == 0
    assert any(d.code == "PC101" and d.file == "catalogs/demo/department.yaml" for d in report.diagnostics)


def test_baseline_hides_known_findings_and_shows_new_ones(repo) -> None:  # noqa: ANN001
    root = repo({POWER: MINIMAL + "leader: 李四\n"})
    result = runner.invoke(app, ["validate", "--root", str(root), "--write-baseline"])
    assert result.exit_code == 0 and (root / "powercat-baseline.json").exists()
    assert _validate(root).exit_code == 0
    (root / POWER).write_text("# 注释\n" + MINIMAL + "leader: 李四\nname: 重复\n", encoding="utf-8")
    codes = _codes(_validate(root))
    assert [c[:3] for c in codes if c[0] == "PC102"] == [("PC102", 8, 1)]
    assert len([c for c in _codes(_validate(root, "--no-baseline")) if c[0] == "PC102"]) == 2


def test_output_file_and_summary(repo, tmp_path: Path) -> None:  # noqa: ANN001
    root = repo({POWER: MINIMAL})
    out = tmp_path / "report.json"
    result = runner.invoke(app, ["validate", "--root", str(root), "--format", "json", "--output", str(out)])
    assert json.loads(out.read_text(encoding="utf-8"))["version"] == 1
    assert "检查了" in result.output


def test_a_file_that_vanishes_or_cannot_be_read_is_pc100(tmp_path: Path) -> None:
    from powercat.catalog.loader import load_catalog, read_file
    from powercat.lint.checker import check_power

    catalog = load_catalog(tmp_path)
    rel = "catalogs/demo/powers/gone.yaml"
    catalog.files[rel] = read_file(rel, "power", "demo", FileNotFoundError(2, "No such file or directory"))
    res = check_power(catalog, rel, "demo")
    assert [(d.code, d.variant, d.args["problem"]) for d in res.diagnostics] == [
        ("PC100", "unreadable", "No such file or directory")]


def test_progress_is_told_every_file_checked(repo) -> None:  # noqa: ANN001
    files = {f"catalogs/demo/powers/XK-DEMO-{i:03d}.yaml": MINIMAL.replace("001", f"{i:03d}") for i in range(1, 6)}
    root = repo(files)
    seen: list[int] = []

    def progress(total: int):  # noqa: ANN202
        seen.append(total)
        return lambda n: seen.append(-n)

    validate(root, progress=progress)
    assert seen[0] == 5 and -sum(seen[1:]) == 5
    seen.clear()
    validate(root, progress=progress)  # everything cached: nothing to count
    assert seen == []


def test_unknown_rule_code_in_config_is_a_usage_error_with_a_suggestion(repo) -> None:  # noqa: ANN001
    root = repo({POWER: MINIMAL})
    (root / "powercat.toml").write_text('[rules]\nPC3O4 = "off"\n', encoding="utf-8")
    result = _validate(root)
    assert result.exit_code == 2
    assert "没有规则 PC3O4，是否应为 PC304？" in result.output


def test_a_time_limit_beyond_reason_is_pc101_not_a_crash_later(repo) -> None:  # noqa: ANN001
    text = MINIMAL + "time_limit:\n  statutory: {days: 99999999999999999999999, unit: working}\n"
    root = repo({POWER: text})
    codes = _codes(_validate(root, "--no-cache"))
    assert ("PC101", 7, 21, "days 不能大于 36500，实际为 99999999999999999999999") in codes


def test_changed_rules_never_reuse_cached_findings(repo, monkeypatch) -> None:  # noqa: ANN001
    """The cache key covers powercat's own code: a new or changed rule checks every file again."""
    from powercat.lint import engine

    root = repo({POWER: MINIMAL})
    seen: list[int] = []
    validate(root, progress=lambda total: seen.append(total) or (lambda n: None))
    validate(root, progress=lambda total: seen.append(total) or (lambda n: None))
    assert seen == [1]  # the second run came from the cache
    monkeypatch.setattr(engine, "rules_digest", lambda: "another build of powercat")
    validate(root, progress=lambda total: seen.append(total) or (lambda n: None))
    assert seen == [1, 1]


def test_a_cache_committed_to_the_repository_is_never_an_input(repo, monkeypatch, tmp_path) -> None:  # noqa: ANN001
    """A crafted .powercat/cache/validate.json (as a pull request could add) cannot hide findings:
    caches are sealed with a secret of this machine's user, kept outside the repository."""
    import orjson

    from powercat.catalog.cache import Cache, file_hash
    from powercat.catalog.loader import load_catalog
    from powercat.lint import engine

    root = repo({POWER: MINIMAL.replace("category: licensing", "category: licencing")})
    clean = validate(root, use_cache=False)
    assert [d.code for d in clean.diagnostics if d.severity.value == "error"] == ["PC101"]
    catalog = load_catalog(root)  # the key and the digests: anyone can compute them
    key = f"{catalog.profile.digest}:{catalog.config.digest}:{engine.rules_digest()}:"
    digest = file_hash((root / POWER).read_bytes()) + ":" + catalog.department_digest("demo")
    files = {POWER: {"digest": digest, "result": {"diagnostics": [], "facts": None}}}
    forged = Cache(root, key)
    body = orjson.dumps(files)
    (root / ".powercat" / "cache").mkdir(parents=True, exist_ok=True)
    for mac in ("0" * 128, None):  # a made-up seal, and none at all
        head = {"key": forged.key, "mac": mac} if mac else {"key": forged.key}
        forged.path.write_bytes(orjson.dumps(head) + b"\n" + body)
        assert [d.code for d in validate(root).diagnostics if d.severity.value == "error"] == ["PC101"]
    validate(root)  # sealed here ...
    seen: list[int] = []
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "another-machine"))
    validate(root, progress=lambda total: seen.append(total) or (lambda n: None))
    assert seen == [1]  # ... and not trusted under another machine's secret: checked again


def test_a_rule_switched_off_is_not_run(repo, monkeypatch) -> None:  # noqa: ANN001
    """`[rules] PC304 = "off"` costs nothing: the rule's check is never called."""
    from powercat.lint.rules import all_rules

    root = repo({POWER: MINIMAL})
    (root / "powercat.toml").write_text('[rules]\nPC304 = "off"\n', encoding="utf-8")
    rule = all_rules()["PC304"]
    monkeypatch.setitem(rule.checks, "power", lambda ctx: (_ for _ in ()).throw(AssertionError("PC304 ran")))
    from powercat.lint.rules import _BY_SCOPE

    _BY_SCOPE.clear()  # the registry's per-scope lists are built from the patched checks
    try:
        assert validate(root, use_cache=False).exit_code() in (0, 1)
    finally:
        _BY_SCOPE.clear()
