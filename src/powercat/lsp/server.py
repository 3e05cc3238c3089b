"""The pygls server: open files mapped to their catalog's session, edits debounced and checked on
one worker thread, findings published; the requests (hover, completion ...) are in ``features``.

Nothing a client sends can stop the server: every job and every request handler turns an
exception into a log message and an empty answer.
"""

from __future__ import annotations

import asyncio
import logging
import traceback
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from powercat import __version__
from powercat import i18n as messages
from powercat.catalog.config import ConfigError
from powercat.catalog.profile_file import ProfileError
from powercat.lint.diagnostics import Diagnostic
from powercat.lsp.context import Context, make_context
from powercat.lsp.convert import Lines, to_lsp
from powercat.lsp.documents import Parses, catalog_root, kind_of
from powercat.lsp.laws import Laws, forget, laws_for
from powercat.lsp.session import Session
from powercat.lsp.words import word

log = logging.getLogger("powercat.lsp")
DEBOUNCE = 0.1  # seconds of quiet after a keystroke before the file is checked


@dataclass(frozen=True, slots=True)
class Located:
    session: Session
    rel: str
    kind: str | None  # power | department | records; None: a file the layout does not read
    folder: str


class PowercatServer(LanguageServer):
    def __init__(self, lang: str | None = None, debounce: float = DEBOUNCE) -> None:
        super().__init__("powercat", __version__)
        self.lang = messages.pick_lang(lang)
        self.debounce = debounce
        self.sessions: dict[Path, Session] = {}
        self.uris: dict[tuple[Path, str], str] = {}  # (root, file) -> the uri the client named it by
        self.versions: dict[str, int | None] = {}  # uri -> version of the text last checked
        self.generation: dict[str, int] = {}  # uri -> edits seen (debouncing)
        self.published: dict[str, list[tuple[Diagnostic, types.Diagnostic]]] = {}
        self.parses = Parses()
        self.indexing: set[Path] = set()  # roots whose catalog is indexed (or being indexed)
        self.shown: set[str] = set()  # problems the person has been shown
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="powercat-lsp")

    # --- files and sessions ----------------------------------------------------------------

    def folders(self) -> list[Path]:
        out = []
        for f in self.workspace.folders.values():
            path = to_fs_path(f.uri)
            if path:
                out.append(Path(path).resolve())
        return out

    def locate(self, uri: str) -> Located | None:
        path = to_fs_path(uri)
        if not path or not path.endswith((".yaml", ".yml")):
            return None
        path_ = Path(path).resolve()
        root = catalog_root(path_, self.folders())
        if root is None:
            return None
        session = self.sessions.get(root)
        if session is None:
            session = self.sessions[root] = Session(root)
        rel = path_.relative_to(root).as_posix()
        self.uris[(root, rel)] = uri
        if session.catalog is None:  # not read yet (or its settings are wrong): no kind to tell
            return Located(session, rel, None, "")
        found = kind_of(rel, session.catalog.config)
        return Located(session, rel, *found) if found else Located(session, rel, None, "")

    def laws(self, root: Path) -> Laws:
        session = self.sessions.get(root)
        return laws_for(root, session.catalog if session is not None else None)

    def uri_of(self, root: Path, rel: str) -> str:
        return self.uris.get((root, rel)) or from_fs_path(str(root / rel)) or (root / rel).as_uri()

    def text_of(self, uri: str) -> str:
        return self.workspace.get_text_document(uri).source

    # --- jobs on the worker thread ---------------------------------------------------------

    def _job(self, session: Session, fn: Callable[..., Any], args: tuple[Any, ...]
             ) -> tuple[dict[str, list[Diagnostic]], str, bool]:
        """Run ``fn(*args)`` on the worker: the findings to publish, a problem to report, and
        whether the person should see it (bad settings) or only the log (a bug)."""
        problem, show = "", False
        try:
            fn(*args)
        except (ConfigError, ProfileError) as exc:
            problem, show = word("config_error", self.lang, error=str(exc)), True
            session.catalog = None
        except Exception:  # noqa: BLE001 — the server outlives any file
            problem = traceback.format_exc()
            log.error(problem)
        try:
            return session.flush(), problem, show
        except Exception:  # noqa: BLE001
            return {}, traceback.format_exc(), False

    async def run(self, session: Session, fn: Callable[..., Any], *args: Any) -> None:
        loop = asyncio.get_running_loop()
        results, problem, show = await loop.run_in_executor(self.worker, self._job, session, fn, args)
        if problem:
            kind = types.MessageType.Error
            self.window_log_message(types.LogMessageParams(type=kind, message=problem))
            if show and problem not in self.shown:  # once, not at every keystroke
                self.shown.add(problem)
                self.window_show_message(types.ShowMessageParams(type=kind, message=problem))
        self.publish(session, results)

    def publish(self, session: Session, results: dict[str, list[Diagnostic]]) -> None:
        for rel, diags in results.items():
            uri = self.uri_of(session.root, rel)
            text = session.open.get(rel)
            if text is None:
                continue
            lines = Lines(text, self.workspace.position_codec)
            converted = [(d, to_lsp(d, lines, self.lang, lambda r: self.uri_of(session.root, r))) for d in diags]
            self.published[uri] = converted
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
                uri=uri, diagnostics=[c for _, c in converted], version=self.versions.get(uri)))

    def clear(self, uri: str) -> None:
        self.published.pop(uri, None)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    # --- what the editor does --------------------------------------------------------------

    async def opened(self, uri: str) -> None:
        where = self.locate(uri)
        if where is None:
            return
        session, fresh = where.session, where.session.root not in self.indexing
        self.indexing.add(session.root)
        doc = self.workspace.get_text_document(uri)
        self.versions[uri] = doc.version
        await self.run(session, session.edit, where.rel, doc.source)
        if fresh:
            await self.run(session, self._index, session)

    def _index(self, session: Session) -> None:
        session.index()
        laws_for(session.root, session.catalog)  # opened now: the first hover on a basis need not wait

    async def changed(self, uri: str) -> None:
        """Check the text once the typing pauses (``debounce`` seconds without another change)."""
        generation = self.generation[uri] = self.generation.get(uri, 0) + 1
        await asyncio.sleep(self.debounce)
        if self.generation.get(uri) != generation:
            return
        where = self.locate(uri)
        if where is None:
            return
        doc = self.workspace.get_text_document(uri)
        self.versions[uri] = doc.version
        await self.run(where.session, where.session.edit, where.rel, doc.source)

    async def closed(self, uri: str) -> None:
        self.generation[uri] = self.generation.get(uri, 0) + 1
        self.clear(uri)
        where = self.locate(uri)
        if where is not None:
            await self.run(where.session, where.session.close, where.rel)

    async def disk_changed(self, uri: str) -> None:
        path = to_fs_path(uri)
        if not path:
            return
        path_ = Path(path).resolve()
        for root, session in list(self.sessions.items()):
            if root in path_.parents:
                rel = path_.relative_to(root).as_posix()
                if rel == "powercat.toml":
                    forget(root)
                await self.run(session, session.disk_changed, rel)

    # --- requests --------------------------------------------------------------------------

    def context(self, uri: str) -> Context | None:
        """What a request at ``uri`` needs (None: not a file powercat reads)."""
        where = self.locate(uri)
        if where is None or where.kind is None:
            return None
        session = where.session
        assert session.catalog is not None  # located with a kind: read
        config = session.catalog.config
        department = None
        if where.kind == "power":
            rel = f"{config.catalogs_dir.strip('/')}/{where.folder}/department.yaml"
            department = (rel, self._text(session, rel))
        return make_context(session.root, where.rel, where.kind, where.folder, self.text_of(uri), self.lang,
                            config, self.parses, department)

    def _text(self, session: Session, rel: str) -> str:
        """A file's text: open in the editor, else as the catalog read it, else from disk."""
        if rel in session.open:
            return session.open[rel]
        f = session.catalog.files.get(rel) if session.catalog is not None else None
        raw = f.raw if f is not None else None
        if raw is None:
            try:
                raw = (session.root / rel).read_bytes()
            except OSError:
                return ""
        return raw.decode("utf-8-sig", errors="replace")
