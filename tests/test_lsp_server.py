"""`powercat lsp` end to end: a real server process over stdio (pytest-lsp), a temporary catalog,
files opened, changed, saved and closed, and what the server publishes and answers."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from powercat import i18n as messages
from tests.conftest import write_repo
from tests.lsp_helpers import DEPT_REL, OTHER_REL, POWER, POWER_REL, find, other_power, wait_for

pytestmark = pytest.mark.asyncio(loop_scope="module")
LAWS = Path(__file__).resolve().parent / "data" / "laws" / "national"
SERVER = [sys.executable, "-c", "from powercat.cli import main; main()", "lsp"]


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_repo(tmp_path_factory.mktemp("lsp"), {POWER_REL: POWER, OTHER_REL: other_power()})
    (root / "powercat.toml").write_text(f'[site]\ntitle = "测试"\n[laws]\nlibrary = "{LAWS.as_posix()}"\n',
                                        encoding="utf-8")
    return root


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient, root: Path):
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=types.ClientCapabilities(),
        workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name="catalog")],
        initialization_options={"debounceMs": 30, "lang": "zh-CN"}))
    open_doc(lsp_client, uri(root, POWER_REL), POWER)  # every test starts from this power, open and clean
    await settle(lsp_client, uri(root, POWER_REL), [])
    yield
    await lsp_client.shutdown_session()


def uri(root: Path, rel: str) -> str:
    return (root / rel).as_uri()


def open_doc(client: LanguageClient, u: str, text: str) -> None:
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=u, language_id="yaml", version=1, text=text)))


VERSION: dict[str, int] = {}


def change(client: LanguageClient, u: str, text: str) -> None:
    VERSION[u] = VERSION.get(u, 1) + 1
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=u, version=VERSION[u]),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))


def codes(client: LanguageClient, u: str) -> list[str]:
    return [str(d.code) for d in client.diagnostics.get(u, [])]


async def settle(client: LanguageClient, u: str, expected: list[str]) -> list[types.Diagnostic]:
    try:
        await wait_for(lambda: u in client.diagnostics and codes(client, u) == expected)
    except AssertionError:
        raise AssertionError(f"{u}: {codes(client, u)}, not {expected}; log: {client.log_messages}") from None
    return list(client.diagnostics[u])


def at(text: str, needle: str, nth: int = 0, offset: int = 0) -> types.Position:
    pos = find(text, needle, nth)
    return types.Position(line=pos.line, character=pos.character + offset)


def doc_id(u: str) -> types.TextDocumentIdentifier:
    return types.TextDocumentIdentifier(uri=u)


async def test_an_edit_publishes_the_findings_of_validate(client: LanguageClient, root: Path) -> None:
    u = uri(root, POWER_REL)
    text = POWER.replace(", time_limit: {days: 1, unit: working}, next: [review]", ", next: [review]")
    change(client, u, text)
    [d] = await settle(client, u, ["PC301"])
    step = find(text, "{id: accept")
    assert (d.range.start.line, d.range.start.character) == (step.line, step.character)
    assert d.range.end.line == step.line and d.range.end.character == len(text.split("\n")[step.line])
    assert d.message == "环节“受理”(accept)缺少办理时限 time_limit"
    # PC301 rests on a policy document, not a statute: a warning
    assert d.severity == types.DiagnosticSeverity.Warning and d.source == "powercat"
    change(client, u, POWER)
    await settle(client, u, [])


async def test_typing_changes_the_findings_and_the_range(client: LanguageClient, root: Path) -> None:
    u = uri(root, POWER_REL)
    text = POWER.replace("post: reviewer", "post: reviewr")
    change(client, u, text)
    [d] = await settle(client, u, ["PC507"])
    start = at(text, "reviewr")
    assert (d.range.start, d.range.end) == (start, types.Position(line=start.line, character=start.character + 7))
    assert d.message == "岗位 reviewr 没有在部门 demo 的 department.yaml 中定义，是否应为 reviewer？"
    [fix] = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=doc_id(u), range=d.range, context=types.CodeActionContext(diagnostics=[d])))
    assert fix.title == "改为 reviewer"
    assert fix.edit.changes[u][0].new_text == "reviewer" and fix.edit.changes[u][0].range == d.range
    change(client, u, POWER)
    await settle(client, u, [])


async def test_a_duplicate_code_in_another_file_is_found_across_files(client: LanguageClient, root: Path) -> None:
    u, other = uri(root, POWER_REL), uri(root, OTHER_REL)
    open_doc(client, other, other_power())
    await settle(client, other, [])
    change(client, other, other_power().replace("code: XK-DEMO-002", "code: XK-DEMO-001"))
    found = await settle(client, other, ["PC103", "PC104"])
    assert "XK-DEMO-001 重复" in found[1].message
    change(client, other, other_power())
    await settle(client, other, [])
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=doc_id(other)))
    await wait_for(lambda: not client.diagnostics.get(other))
    assert codes(client, u) == []


async def test_a_department_edit_rechecks_its_open_powers(client: LanguageClient, root: Path) -> None:
    u, dept = uri(root, POWER_REL), uri(root, DEPT_REL)
    text = (root / DEPT_REL).read_text(encoding="utf-8")
    open_doc(client, dept, text)
    await settle(client, dept, [])
    change(client, dept, text.replace("{id: reviewer,", "{id: examiner,"))
    [d] = await settle(client, u, ["PC507"])
    assert "reviewer" in d.message
    change(client, dept, text)
    await settle(client, u, [])
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=doc_id(dept)))
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=doc_id(dept)))
    await wait_for(lambda: not client.diagnostics.get(dept))


async def test_hover_on_a_key_a_rule_code_a_value_and_a_basis(client: LanguageClient, root: Path) -> None:
    u = uri(root, POWER_REL)
    key = await client.text_document_hover_async(types.HoverParams(text_document=doc_id(u), position=at(POWER, "handling_unit")))
    assert key.contents.value.startswith("**承办机构** `handling_unit` · 必填")
    assert key.range == types.Range(start=at(POWER, "handling_unit"), end=at(POWER, "handling_unit", offset=13))
    value = await client.text_document_hover_async(types.HoverParams(text_document=doc_id(u), position=at(POWER, "licensing")))
    assert value.contents.value.startswith("`licensing` 行政许可")
    post = await client.text_document_hover_async(types.HoverParams(text_document=doc_id(u), position=at(POWER, "chief,")))
    assert "**分管局长** `chief`" in post.contents.value
    basis = await client.text_document_hover_async(types.HoverParams(text_document=doc_id(u), position=at(POWER, "第七条")))
    assert "《中华人民共和国建筑法》第七条" in basis.contents.value
    assert "> 建筑工程开工前，建设单位应当按照国家有关规定" in basis.contents.value
    assert "**行使依据**" not in basis.contents.value and "**条款**" in basis.contents.value
    text = POWER + "lint:\n  ignore: [PC304]\n  reason: 听证不计入期限\n"
    change(client, u, text)
    await settle(client, u, [])
    rule = await client.text_document_hover_async(types.HoverParams(text_document=doc_id(u), position=at(text, "PC304", offset=2)))
    assert rule.contents.value.startswith("# PC304 — ")
    change(client, u, POWER)
    await settle(client, u, [])


async def test_completion_of_enums_posts_and_steps(client: LanguageClient, root: Path) -> None:
    u = uri(root, POWER_REL)
    text = POWER.replace("category: licensing", "category: ").replace("post: chief", "post: ").replace(
        "next: [deliver]", "next: [d]")
    change(client, u, text)
    await wait_for(lambda: "PC101" in codes(client, u))

    async def labels(pos: types.Position) -> dict[str, str]:
        found = await client.text_document_completion_async(types.CompletionParams(text_document=doc_id(u), position=pos))
        return {i.label: i.detail for i in found.items}

    enums = await labels(at(text, "category: ", offset=10))
    assert enums["penalty"] == "行政处罚" and len(enums) == 15
    posts = await labels(at(text, "post: ,", offset=6))
    assert posts == {"window": "窗口受理岗 岗位(department.yaml)", "reviewer": "审查岗 岗位(department.yaml)",
                     "section-chief": "科长 岗位(department.yaml)", "chief": "分管局长 岗位(department.yaml)"}
    steps = await labels(at(text, "next: [d]", offset=8))
    assert list(steps) == ["apply", "accept", "review", "deliver"]  # not the step itself
    risk = await labels(at(POWER, "step: review", offset=6))
    assert "decide" in risk and "apply" in risk
    change(client, u, POWER)
    await settle(client, u, [])


async def test_definition_of_a_post_and_a_step(client: LanguageClient, root: Path) -> None:
    u = uri(root, POWER_REL)
    post = await client.text_document_definition_async(types.DefinitionParams(text_document=doc_id(u), position=at(POWER, "reviewer")))
    dept = (root / DEPT_REL).read_text(encoding="utf-8")
    assert post.uri == uri(root, DEPT_REL)
    assert post.range == types.Range(start=at(dept, "id: reviewer", offset=4), end=at(dept, "id: reviewer", offset=12))
    step = await client.text_document_definition_async(types.DefinitionParams(text_document=doc_id(u), position=at(POWER, "[decide]", offset=1)))
    assert step.uri == u and step.range.start == at(POWER, "decide, name")
    risk = await client.text_document_definition_async(types.DefinitionParams(text_document=doc_id(u), position=at(POWER, "step: review", offset=6)))
    assert risk.range.start == at(POWER, "id: review", offset=4)


async def test_quick_fixes_add_the_template_value_and_the_colon(client: LanguageClient, root: Path) -> None:
    u = uri(root, POWER_REL)
    text = POWER.replace("        time_limit: {days: 2, unit: working}\n", "")
    change(client, u, text)
    [d] = await settle(client, u, ["PC301"])
    [fix] = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=doc_id(u), range=d.range, context=types.CodeActionContext(diagnostics=[d])))
    assert fix.title == "添加 time_limit: {days: 2, unit: working}" and fix.is_preferred
    edit = fix.edit.changes[u][0]
    assert edit.new_text == "\n        time_limit: {days: 2, unit: working}"
    assert edit.range.start == at(text, "next: [decide]", offset=14)
    broken = POWER.replace("handling_unit: 行政审批科", "handling_unit：行政审批科")
    change(client, u, broken)
    [d] = await settle(client, u, ["PC100"])
    assert d.message == messages.message("PC100", {"line": 4}, "fullwidth_colon", "zh-CN")
    [fix] = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=doc_id(u), range=d.range, context=types.CodeActionContext(diagnostics=[d])))
    assert fix.edit.changes[u][0].new_text == ": " and fix.edit.changes[u][0].range.start == at(broken, "：")
    change(client, u, POWER)
    await settle(client, u, [])


async def test_fill_text_from_the_law_library(client: LanguageClient, root: Path) -> None:
    u = uri(root, POWER_REL)
    text = POWER.replace(", text: 建筑工程开工前，建设单位应当……申请领取施工许可证}", "}")
    change(client, u, text)
    [d] = await settle(client, u, ["PC203"])
    [fix] = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=doc_id(u), range=d.range, context=types.CodeActionContext(diagnostics=[d])))
    assert fix.title == "从法规库填写法条内容 text"
    new = fix.edit.changes[u][0].new_text
    assert new.startswith(', text: "建筑工程开工前，建设单位应当按照国家有关规定向工程所在地县级以上人民政府')
    assert new.endswith('小型工程除外。\\n按照国务院规定的权限和程序批准开工报告的建筑工程，不再领取施工许可证。"')  # two paragraphs
    change(client, u, POWER)
    await settle(client, u, [])


async def test_half_typed_text_never_breaks_the_server(client: LanguageClient, root: Path) -> None:
    u = uri(root, POWER_REL)
    cut = POWER.index("  - kind: general")
    tail = POWER[cut:cut + 400]
    for n in range(0, len(tail), 7):  # a person typing the procedures again, key by key
        text = POWER[:cut] + tail[:n]
        change(client, u, text)
        last = text.split("\n")[-1]
        pos = types.Position(line=text.count("\n"), character=len(last))
        await client.text_document_hover_async(types.HoverParams(text_document=doc_id(u), position=pos))
        await client.text_document_completion_async(types.CompletionParams(text_document=doc_id(u), position=pos))
        await client.text_document_definition_async(types.DefinitionParams(text_document=doc_id(u), position=pos))
    for bad in ["code: [XK, {", "steps:\n  - {id: a, next: [b", "- ]: :\n\t- x", "\ufeffname: 'x", "a: &a [*a]"]:
        change(client, u, bad)
        await client.text_document_hover_async(types.HoverParams(text_document=doc_id(u), position=types.Position(line=0, character=3)))
        await client.text_document_completion_async(types.CompletionParams(text_document=doc_id(u), position=types.Position(line=1, character=12)))
    change(client, u, POWER)
    await settle(client, u, [])
    assert not [m for m in client.log_messages if m.type == types.MessageType.Error]


async def test_a_file_outside_the_catalog_gets_nothing(client: LanguageClient, root: Path) -> None:
    u = (root / "notes.yaml").as_uri()
    open_doc(client, u, "a: [\n")
    hover = await client.text_document_hover_async(types.HoverParams(text_document=doc_id(u), position=types.Position(line=0, character=0)))
    assert hover is None and u not in client.diagnostics


async def test_without_a_library_the_hover_says_so(client: LanguageClient, tmp_path_factory: pytest.TempPathFactory) -> None:
    """A second repository, without [laws]: the same server, its own session."""
    other = write_repo(tmp_path_factory.mktemp("nolaws"), {POWER_REL: POWER})
    u = uri(other, POWER_REL)
    open_doc(client, u, POWER)
    await settle(client, u, [])
    basis = await client.text_document_hover_async(types.HoverParams(text_document=doc_id(u), position=at(POWER, "第七条")))
    assert "没有配置法规库" in basis.contents.value
    assert "> 建筑工程开工前，建设单位应当……申请领取施工许可证" in basis.contents.value  # the file's own text
    d = POWER.replace(", text: 建筑工程开工前，建设单位应当……申请领取施工许可证}", "}")
    change(client, u, d)
    [found] = await settle(client, u, ["PC203"])
    fixes = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=doc_id(u), range=found.range, context=types.CodeActionContext(diagnostics=[found])))
    assert not fixes  # nothing to fill the text from


async def test_a_department_changed_on_disk_is_read_again(client: LanguageClient, root: Path) -> None:
    u, dept = uri(root, POWER_REL), root / DEPT_REL
    text = dept.read_text(encoding="utf-8")
    dept.write_text(text.replace("{id: chief,", "{id: director,"), encoding="utf-8")
    try:
        client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=dept.as_uri(), type=types.FileChangeType.Changed)]))
        change(client, u, POWER + "# 改动\n")  # the open power is checked against the new department
        [d] = await settle(client, u, ["PC507"])
        assert "chief" in d.message
    finally:
        dept.write_text(text, encoding="utf-8")
        client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=dept.as_uri(), type=types.FileChangeType.Changed)]))
        change(client, u, POWER)
        await settle(client, u, [])
