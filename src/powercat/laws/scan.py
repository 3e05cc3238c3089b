"""The files of a library: every ``*.md`` under each root (not the site's ``_index.md``), read once."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path


class LibraryError(Exception):
    """A library that cannot be read at all (a root that is not a folder); one line for the user."""


@dataclass(frozen=True, slots=True)
class LawFile:
    root: int  # index into the library's roots
    path: str  # relative to the root, with /
    data: bytes
    digest: str  # sha256 of data
    error: str = ""  # why the file could not be read


def scan(roots: list[Path]) -> list[LawFile]:
    """Every law file under ``roots``, in a stable order (root, then path)."""
    found: list[LawFile] = []
    for number, root in enumerate(roots):
        if not root.is_dir():
            raise LibraryError(f"{root}: 法规库文件夹不存在 (law library folder not found)")
        for path in sorted(_walk(str(root), "")):
            data, error = _read(os.path.join(root, path))
            found.append(LawFile(number, path, data, hashlib.sha256(data).hexdigest(), error))
    return found


def _walk(folder: str, prefix: str, seen: set[tuple[int, int]] | None = None) -> list[str]:
    """The law files under ``folder``, relative to it; a folder linked back into itself is read once."""
    seen = set() if seen is None else seen
    stat = os.stat(folder)
    if (stat.st_dev, stat.st_ino) in seen:
        return []
    seen.add((stat.st_dev, stat.st_ino))
    out: list[str] = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir():
                out.extend(_walk(entry.path, f"{prefix}{entry.name}/", seen))
            elif entry.name.endswith(".md") and entry.name != "_index.md":
                out.append(prefix + entry.name)
    return out


def _read(path: str) -> tuple[bytes, str]:
    try:
        with open(path, "rb") as handle:
            return handle.read(), ""
    except OSError as exc:
        return b"", exc.strerror or str(exc)


def library_key(files: list[LawFile], salt: str) -> str:
    """What a cached index must have been built from: every file's place and content."""
    digest = hashlib.sha256(salt.encode())
    for file in files:
        digest.update(f"\n{file.root}\t{file.path}\t{file.digest}".encode())
    return digest.hexdigest()


def roots_key(roots: list[Path]) -> str:
    """A short name for one set of roots, so that two libraries do not share a cache file."""
    text = "\n".join(str(root.resolve()) for root in roots)
    return hashlib.sha256(text.encode()).hexdigest()[:16]
