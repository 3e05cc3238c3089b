"""The protocol's methods, registered on a :class:`server.PowercatServer`: each a thin handler
that asks the modules (hover, complete, goto, fixes) and answers in LSP types — or, should
anything go wrong, logs it and answers nothing."""

from __future__ import annotations

import functools
import logging
import traceback
from typing import Any, Callable

from lsprotocol import types

from powercat import i18n as messages
from powercat.lsp.complete import complete, detail_kind
from powercat.lsp.convert import Lines
from powercat.lsp.fixes import Finding, fixes
from powercat.lsp.goto import definition
from powercat.lsp.hover import hover
from powercat.lsp.server import PowercatServer

log = logging.getLogger("powercat.lsp")
KIND = {"enum": types.CompletionItemKind.EnumMember, "post": types.CompletionItemKind.Reference,
        "step": types.CompletionItemKind.Reference, "key": types.CompletionItemKind.Property}
TRIGGERS = [":", " ", "[", ",", "{", "-"]


def guarded(fn: Callable[..., Any]) -> Callable[..., Any]:
    """A handler that logs an exception and answers None instead of failing the request."""
    @functools.wraps(fn)
    def wrapper(ls: PowercatServer, params: Any) -> Any:
        try:
            return fn(ls, params)
        except Exception:  # noqa: BLE001 — half-typed text must never break the editor
            message = traceback.format_exc()
            log.error(message)
            ls.window_log_message(types.LogMessageParams(type=types.MessageType.Error, message=message))
            return None
    return wrapper


def guarded_async(fn: Callable[..., Any]) -> Callable[..., Any]:
    """A notification handler that logs an exception instead of passing it to the protocol."""
    @functools.wraps(fn)
    async def wrapper(ls: PowercatServer, params: Any) -> None:
        try:
            await fn(ls, params)
        except Exception:  # noqa: BLE001
            message = traceback.format_exc()
            log.error(message)
            ls.window_log_message(types.LogMessageParams(type=types.MessageType.Error, message=message))
    return wrapper


def _lines(ls: PowercatServer, text: str) -> Lines:
    return Lines(text, ls.workspace.position_codec)


def _hints(ls: PowercatServer, uri: str, pos: types.Position) -> list[str]:
    """The hints of the findings published at ``pos`` (shown with the hover)."""
    out = []
    for d, lsp in ls.published.get(uri, []):
        r = lsp.range
        if (r.start.line, r.start.character) <= (pos.line, pos.character) <= (r.end.line, r.end.character):
            h = messages.hint(d.code, d.args, d.variant, ls.lang)
            if h:
                out.append(f"`{d.code}` {h}")
    return out


@guarded
def on_hover(ls: PowercatServer, params: types.HoverParams) -> types.Hover | None:
    uri = params.text_document.uri
    ctx = ls.context(uri)
    if ctx is None:
        return None
    lines = _lines(ls, ctx.text)
    char = lines.char(params.position)
    found = hover(ctx, params.position.line, char, ls.laws(ctx.root), _hints(ls, uri, params.position))
    if found is None:
        return None
    text, c = found
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text),
                       range=lines.range(params.position.line, c.start, max(c.end, c.start)))


@guarded
def on_completion(ls: PowercatServer, params: types.CompletionParams) -> types.CompletionList | None:
    ctx = ls.context(params.text_document.uri)
    if ctx is None:
        return None
    lines = _lines(ls, ctx.text)
    line, char = params.position.line, lines.char(params.position)
    items, c = complete(ctx, line, char)
    after = lines.line(line)[c.end:]
    replace = lines.range(line, c.start, max(c.start, min(c.end, len(lines.line(line)))))
    out = []
    for i, item in enumerate(items):
        new = item.insert if item.insert and not after.lstrip().startswith(":") else item.label
        extra = detail_kind(item, ls.lang)
        out.append(types.CompletionItem(
            label=item.label, kind=KIND[item.kind], detail=f"{item.detail} {extra}".strip(),
            documentation=types.MarkupContent(kind=types.MarkupKind.Markdown, value=item.documentation)
            if item.documentation else None,
            sort_text=f"{i:04d}", filter_text=item.label,
            text_edit=types.TextEdit(range=replace, new_text=new)))
    return types.CompletionList(is_incomplete=False, items=out)


@guarded
def on_definition(ls: PowercatServer, params: types.DefinitionParams) -> types.Location | None:
    ctx = ls.context(params.text_document.uri)
    if ctx is None:
        return None
    lines = _lines(ls, ctx.text)
    target = definition(ctx, params.position.line, lines.char(params.position))
    if target is None:
        return None
    where = lines if target.rel == ctx.rel else _lines(ls, _target_text(ls, ctx, target.rel))
    return types.Location(uri=ls.uri_of(ctx.root, target.rel), range=where.range(target.line, target.start, target.end))


def _target_text(ls: PowercatServer, ctx: Any, rel: str) -> str:
    session = ls.sessions.get(ctx.root)
    return ls._text(session, rel) if session is not None else ""


def _finding(d: types.Diagnostic) -> Finding | None:
    data = d.data if isinstance(d.data, dict) else None
    if d.source != "powercat" or data is None or not isinstance(d.code, str):
        return None
    return Finding(d.code, str(data.get("variant", "message")), dict(data.get("args") or {}),
                   int(data.get("line", d.range.start.line + 1)), int(data.get("column", d.range.start.character + 1)))


@guarded
def on_code_action(ls: PowercatServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
    uri = params.text_document.uri
    ctx = ls.context(uri)
    if ctx is None:
        return None
    pairs = [(d, f) for d in params.context.diagnostics if (f := _finding(d)) is not None]
    by_finding = {id(f): d for d, f in pairs}
    lines = _lines(ls, ctx.text)
    out = []
    for fix in fixes(ctx, [f for _, f in pairs], ls.laws(ctx.root)):
        e = fix.edit
        rng = types.Range(start=lines.position(e.line, e.start), end=lines.position(e.end_line, e.end))
        out.append(types.CodeAction(
            title=fix.title, kind=types.CodeActionKind.QuickFix, diagnostics=[by_finding[id(fix.finding)]],
            is_preferred=fix.preferred,
            edit=types.WorkspaceEdit(changes={uri: [types.TextEdit(range=rng, new_text=e.new)]})))
    return out


def register(ls: PowercatServer) -> PowercatServer:
    """Every feature of the server, on ``ls``."""

    @ls.feature(types.INITIALIZE)
    def on_initialize(ls: PowercatServer, params: types.InitializeParams) -> None:
        options = params.initialization_options if isinstance(params.initialization_options, dict) else {}
        if options.get("lang"):
            ls.lang = messages.pick_lang(str(options["lang"]))
        if isinstance(options.get("debounceMs"), (int, float)):
            ls.debounce = max(0.0, float(options["debounceMs"]) / 1000)

    @ls.feature(types.TEXT_DOCUMENT_DID_OPEN)
    @guarded_async
    async def on_open(ls: PowercatServer, params: types.DidOpenTextDocumentParams) -> None:
        await ls.opened(params.text_document.uri)

    @ls.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    @guarded_async
    async def on_change(ls: PowercatServer, params: types.DidChangeTextDocumentParams) -> None:
        await ls.changed(params.text_document.uri)

    @ls.feature(types.TEXT_DOCUMENT_DID_SAVE)
    @guarded_async
    async def on_save(ls: PowercatServer, params: types.DidSaveTextDocumentParams) -> None:
        if params.text_document.uri.endswith(("powercat.toml", ".json")):
            await ls.disk_changed(params.text_document.uri)

    @ls.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    @guarded_async
    async def on_close(ls: PowercatServer, params: types.DidCloseTextDocumentParams) -> None:
        await ls.closed(params.text_document.uri)

    @ls.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    @guarded_async
    async def on_watched(ls: PowercatServer, params: types.DidChangeWatchedFilesParams) -> None:
        for change in params.changes:
            await ls.disk_changed(change.uri)

    ls.feature(types.TEXT_DOCUMENT_HOVER)(on_hover)
    ls.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=TRIGGERS))(on_completion)
    ls.feature(types.TEXT_DOCUMENT_DEFINITION)(on_definition)
    ls.feature(types.TEXT_DOCUMENT_CODE_ACTION,
               types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))(on_code_action)
    return ls


def make_server(lang: str | None = None) -> PowercatServer:
    return register(PowercatServer(lang))
