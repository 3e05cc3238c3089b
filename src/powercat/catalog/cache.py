"""Results kept between runs under ``.powercat/cache``, keyed by the content hash of the input.

One JSON file per kind of result (read with orjson) maps each file to the digest of what the
result was computed from and the result (as JSON text, decoded when used). A key covers powercat's version and whatever else the
results depend on (the profile, the configuration), so changing any of them starts afresh. The
modification time is never trusted: a result is used only when the digest of the file's bytes
as read now matches. The file is sealed with this machine's secret (``powercat.seal``): a
cache committed to a repository, copied from elsewhere or edited is ignored and rebuilt, never
trusted; so is a damaged one. Layout: a header line ``{"key", "mac"}``, then the entries.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import Any

import orjson

from powercat import __version__
from powercat.seal import seal, sealed

SCHEMA = 4  # 4: each entry [digest, its result as JSON text]


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
            head, _, body = self.path.read_bytes().partition(b"\n")
            header = orjson.loads(head)
            if not isinstance(header, dict) or header.get("key") != self.key:
                return {}
            if not sealed(self.key.encode() + b"\n" + body, header.get("mac")):
                return {}  # not written by powercat on this machine: never an input
            files = orjson.loads(body)
        except (OSError, orjson.JSONDecodeError):
            return {}
        return files if isinstance(files, dict) else {}

    def get(self, rel: str, digest: str) -> Any:
        """The cached result for ``rel`` if it was computed from input with this ``digest``."""
        text = self.get_text(rel, digest)
        try:
            return orjson.loads(text) if text is not None else None
        except orjson.JSONDecodeError:
            return None

    def get_text(self, rel: str, digest: str) -> str | None:
        """The cached result as the JSON text it was kept as (each entry is kept as text and
        decoded only when used: a province's million entries stay small)."""
        e = self.entries.get(rel)
        if not isinstance(e, list) or len(e) != 2 or not digest or e[0] != digest or not isinstance(e[1], str):
            return None
        self.fresh[rel] = e
        return e[1]

    def put(self, rel: str, digest: str, result: Any) -> None:
        try:
            self.put_text(rel, digest, orjson.dumps(result).decode())
        except TypeError:  # a text JSON cannot hold (a lone surrogate): not kept
            pass

    def put_text(self, rel: str, digest: str, text: str) -> None:
        self.fresh[rel] = [digest, text]
        self.dirty = True

    def save(self) -> None:
        """Write the entries used in this run (unless nothing changed since they were read)."""
        if not self.enabled or (not self.dirty and self.fresh.keys() == self.entries.keys()):
            return
        try:
            body = orjson.dumps(self.fresh)
        except TypeError:  # a text JSON cannot hold (a lone surrogate): keep nothing rather than crash
            return
        mac = seal(self.key.encode() + b"\n" + body)
        if mac is None:
            return  # no secret to seal it with: keep nothing
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".cache-")
            with os.fdopen(fd, "wb") as fh:
                fh.write(orjson.dumps({"key": self.key, "mac": mac}) + b"\n" + body)
            os.replace(tmp, self.path)
        except OSError:
            pass  # a cache that cannot be written only costs time
