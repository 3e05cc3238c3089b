"""Per-file results cached by content hash under ``.powercat/cache``.

One JSON file (read with orjson) maps each file to the hash of its content, the hash of the
department it depends on, and its diagnostics and facts. A second one (``models.json``), used
only by commands that need the loaded catalog (render, publish, export, report), keeps each
power's validated model, so they too skip parsing unchanged files. A key covers powercat's version, the
profile and the configuration, so changing any of them starts afresh. A damaged cache file is
ignored and rebuilt, never trusted.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import Any

import orjson

from powercat import __version__

SCHEMA = 2  # 2: message arguments are language-neutral codes and limits


def file_hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


class Cache:
    def __init__(self, root: Path, key: str, enabled: bool = True, name: str = "validate") -> None:
        self.path = root / ".powercat" / "cache" / f"{name}.json"
        self.key = f"{SCHEMA}:{__version__}:{key}"
        self.enabled = enabled
        self.entries: dict[str, Any] = self._read() if enabled else {}
        self.fresh: dict[str, Any] = {}
        self.dirty = False

    def _read(self) -> dict[str, Any]:
        try:
            doc = orjson.loads(self.path.read_bytes())
        except (OSError, orjson.JSONDecodeError):
            return {}
        if not isinstance(doc, dict) or doc.get("key") != self.key or not isinstance(doc.get("files"), dict):
            return {}
        return doc["files"]

    def get(self, rel: str, stamp: list[Any], digest: str | None = None) -> Any:
        """The cached result for ``rel`` if its stat stamp (or content digest) still matches."""
        e = self.entries.get(rel)
        if not isinstance(e, dict):
            return None
        if e.get("stamp") == stamp:
            self.fresh[rel] = e
            return e.get("result")
        if digest is not None and e.get("digest") == digest:
            self.fresh[rel] = {**e, "stamp": stamp}
            self.dirty = True
            return e.get("result")
        return None

    def put(self, rel: str, stamp: list[Any], digest: str, result: Any) -> None:
        self.fresh[rel] = {"stamp": stamp, "digest": digest, "result": result}
        self.dirty = True

    def save(self) -> None:
        """Write the entries used in this run (unless nothing changed since they were read)."""
        if not self.enabled or (not self.dirty and self.fresh.keys() == self.entries.keys()):
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".validate-")
            with os.fdopen(fd, "wb") as fh:
                fh.write(orjson.dumps({"key": self.key, "files": self.fresh}))
            os.replace(tmp, self.path)
        except OSError:
            pass  # a cache that cannot be written only costs time
