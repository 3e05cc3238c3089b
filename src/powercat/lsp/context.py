"""What a request about one place in one file needs: the file's kind, its text parsed, its
department, the step and post ids it may name, and the repository's settings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from powercat.catalog.config import Config
from powercat.catalog.loader import Document
from powercat.lsp.cursor import Cursor, cursor_at
from powercat.lsp.documents import Parses, at


@dataclass(slots=True)
class Context:
    root: Path
    rel: str
    kind: str  # power | department | records
    folder: str
    text: str
    lang: str
    config: Config
    doc: Document  # the text parsed (or the last text of this file that parsed)
    department: Document | None = None  # the department's file, for a power

    def cursor(self, line: int, char: int) -> Cursor:
        return cursor_at(self.text, line, char)

    @property
    def data(self) -> Any:
        return self.doc.data

    def posts(self) -> list[dict[str, Any]]:
        """The department's posts (each a mapping with an id), as written."""
        data = self.department.data if self.department is not None else None
        posts = at(data, ("posts",))
        return [p for p in posts if isinstance(p, dict) and isinstance(p.get("id"), str)] if isinstance(posts, list) else []

    def steps(self, procedure: int | None = None) -> list[tuple[tuple[Any, ...], dict[str, Any]]]:
        """(data path, step) of every step with an id (of one procedure when ``procedure`` is given)."""
        procs = at(self.data, ("procedures",))
        out = []
        for pi, proc in enumerate(procs if isinstance(procs, list) else []):
            if procedure is not None and pi != procedure:
                continue
            steps = at(proc, ("steps",))
            for si, step in enumerate(steps if isinstance(steps, list) else []):
                if isinstance(step, dict) and isinstance(step.get("id"), str):
                    out.append((("procedures", pi, "steps", si), step))
        return out


def refers_to(kind: str, path: tuple[Any, ...]) -> str | None:
    """What the value at ``path`` names: "post", "step" (a step of the same procedure:
    ``next``), "any_step" (risks and internal flows) or None."""
    if kind != "power" or not path:
        return None
    last = path[-1]
    if last == "post":
        return "post"
    if len(path) >= 6 and path[0] == "procedures" and path[2] == "steps" and path[4] == "next":
        return "step" if len(path) == 6 or path[6:] == ("to",) else None
    if len(path) == 3 and path[0] in ("risks", "internal") and last == "step":
        return "any_step"
    return None


def make_context(root: Path, rel: str, kind: str, folder: str, text: str, lang: str, config: Config,
                 parses: Parses, department: tuple[str, str] | None) -> Context:
    """``department``: (its file, its text) for a power."""
    doc = parses.usable(rel, kind, folder, text)
    dept = parses.usable(department[0], "department", folder, department[1]) if department else None
    return Context(root, rel, kind, folder, text, lang, config, doc, dept)
