"""The index on disk: one JSON file per set of roots, trusted only when it was built from exactly the
files there now (their sha256 digests) by this version; anything else is ignored and rebuilt.

File layout: a header line ``{"format", "version", "key", "check"}``, then the entries as JSON.
``check`` is this machine's seal (``powercat.seal``: an HMAC under a secret kept outside every
repository) of key + entries, so an edited, truncated, committed or copied file does not load.
Article texts are never cached: they are read from the law files themselves."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from powercat.laws.scan import LawFile
from powercat.seal import seal, sealed

try:
    import orjson

    def _dumps(value: Any) -> bytes:
        return orjson.dumps(value)

    _loads = orjson.loads
except ImportError:  # pragma: no cover - orjson is a dependency; plain json still works
    def _dumps(value: Any) -> bytes:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()

    _loads = json.loads

FORMAT = "powercat-laws-index"
VERSION = 1

# entry field -> the type every value must have
_FIELDS: dict[str, type | tuple[type, ...]] = {
    "root": int, "path": str, "digest": str, "title": str, "subtitle": str,
    "history": list, "starts": list, "articles": int, "first": int, "problems": list,
}


def _check(key: str, payload: bytes) -> str | None:
    return seal(key.encode() + b"\n" + payload)


def write(path: Path, key: str, entries: list[dict[str, Any]]) -> bool:
    """Write atomically (a temporary file, then rename); False when the folder is not writable."""
    payload = _dumps(entries)
    check = _check(key, payload)
    if check is None:
        return False  # no secret to seal it with: keep nothing
    header = _dumps({"format": FORMAT, "version": VERSION, "key": key, "check": check})
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".laws-", suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(header + b"\n" + payload)
        os.replace(temp, path)
    except OSError:
        return False
    return True


def read(path: Path, key: str, files: list[LawFile]) -> list[dict[str, Any]] | None:
    """The cached entries, or None when the file is missing, damaged, stale or does not match ``files``."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    try:
        return _valid(raw, key, files)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None


def _valid(raw: bytes, key: str, files: list[LawFile]) -> list[dict[str, Any]] | None:
    header_bytes, _, payload = raw.partition(b"\n")
    header = _loads(header_bytes)
    if header.keys() != {"format", "version", "key", "check"} or (header["format"], header["version"], header["key"]) \
            != (FORMAT, VERSION, key) or not sealed(key.encode() + b"\n" + payload, header["check"]):
        return None
    entries = _loads(payload)
    if not isinstance(entries, list) or len(entries) != len(files):
        return None
    for entry, file in zip(entries, files):
        if not _entry_ok(entry, file):
            return None
    return entries


def _entry_ok(entry: Any, file: LawFile) -> bool:
    if not isinstance(entry, dict) or entry.keys() != _FIELDS.keys():
        return False
    if any(not isinstance(entry[name], kind) or isinstance(entry[name], bool) and kind is int
           for name, kind in _FIELDS.items()):
        return False
    if (entry["root"], entry["path"], entry["digest"]) != (file.root, file.path, file.digest):
        return False
    return (all(_history_ok(item) for item in entry["history"])
            and all(isinstance(day, str) for day in entry["starts"])
            and all(_pair_ok(item) for item in entry["problems"]))


def _history_ok(item: Any) -> bool:
    return (isinstance(item, list) and len(item) == 3 and (item[0] is None or isinstance(item[0], str))
            and isinstance(item[1], str) and isinstance(item[2], str))


def _pair_ok(item: Any) -> bool:
    return isinstance(item, list) and len(item) == 2 and all(isinstance(x, str) for x in item)
