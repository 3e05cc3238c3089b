"""Where a catalog's bytes come from: the working tree, or a git revision (``catalog.git``).

Both answer the same two questions, so the loader treats them alike: which files are there
below some folders, and what each file holds.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Protocol

from powercat.catalog.git import GitTree


class Source(Protocol):
    root: Path
    commit: str | None

    def list(self, folders: list[str]) -> list[str]: ...
    def folders(self, folder: str) -> list[str]: ...
    def read(self, rels: list[str]) -> dict[str, bytes | OSError]: ...


class WorkTree:
    """The files on disk now, committed or not; ``overlay`` holds unsaved texts that stand in
    for (or add to) the files on disk, as an editor has them."""

    commit = None

    def __init__(self, root: Path, overlay: dict[str, bytes] | None = None) -> None:
        self.root = root
        self.overlay = overlay or {}

    def list(self, folders: list[str]) -> list[str]:
        out: list[str] = []
        for folder in folders:
            base = self.root / folder
            for here, dirs, names in os.walk(base):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                rel = Path(here).relative_to(self.root).as_posix()
                out += [f"{rel}/{n}" for n in names if not n.startswith(".")]
        heads = tuple(f.strip("/") + "/" for f in folders)
        return sorted({*out, *(rel for rel in self.overlay if rel.startswith(heads))})

    def folders(self, folder: str) -> list[str]:
        try:
            return sorted(e.name for e in os.scandir(self.root / folder) if e.is_dir() and not e.name.startswith("."))
        except OSError:
            return []

    def read(self, rels: list[str]) -> dict[str, bytes | OSError]:
        out: dict[str, bytes | OSError] = {}
        for rel in rels:
            if rel in self.overlay:
                out[rel] = self.overlay[rel]
                continue
            try:
                out[rel] = (self.root / rel).read_bytes()
            except OSError as exc:
                out[rel] = exc
        return out


class Revision:
    """The files of a git revision, read without touching the working tree."""

    def __init__(self, root: Path, rev: str) -> None:
        self.root = root
        self.tree = GitTree(root, rev)
        self.commit: str | None = self.tree.commit

    def list(self, folders: list[str]) -> list[str]:
        return self.tree.list(folders)

    def folders(self, folder: str) -> list[str]:
        return []  # git keeps no empty folders: the files name every department folder there is

    def read(self, rels: list[str]) -> dict[str, bytes | OSError]:
        found = self.tree.read(rels)
        return {rel: found.get(rel, FileNotFoundError(2, "not in this revision", rel)) for rel in rels}
