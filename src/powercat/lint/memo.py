"""A whole run's findings, kept for the next run whose inputs are all the same.

Each file's findings are cached by its content hash (``catalog.cache``); a run that finds every
file unchanged would still decode 10,000 entries and run the cross-file rules again to reach
the findings it reached last time. The run memo keeps those findings under one digest of
everything they are computed from: the cache key (profile, powercat.toml, powercat's code, the
law library), the reference date, and every file's path, kind, department and content hash with
the files powercat does not read. Any difference, even a comment added to one file, misses the
memo and the run goes file by file as before. Like every cache it is sealed with this machine's
secret, and never an input: a memo that is missing, damaged or foreign is ignored.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

import orjson

from powercat.catalog.cache import Cache
from powercat.lint.diagnostics import Diagnostic

if TYPE_CHECKING:
    from powercat.catalog.loader import Catalog

ENTRY = "*"  # the one entry of the memo file


def run_digest(catalog: Catalog) -> str:
    """The digest of every input of a run besides the cache key."""
    h = hashlib.blake2b(digest_size=16)
    h.update(repr((catalog.as_of.isoformat(), catalog.layout.stray)).encode())
    for rel, f in catalog.files.items():
        h.update(f"{rel}\0{f.kind}\0{f.folder}\0{f.digest}\0{f.problem}\n".encode("utf-8", "surrogateescape"))
    return h.hexdigest()


class RunMemo:
    """The memo of ``catalog``'s run under the cache ``key`` (off when the catalog's cache is)."""

    def __init__(self, catalog: Catalog, key: str) -> None:
        self.cache = Cache(catalog.root, key, enabled=catalog.use_cache, name="run")
        self.digest = run_digest(catalog) if catalog.use_cache else ""

    def get(self) -> tuple[list[Diagnostic], int] | None:
        """(the findings, how many legal bases the powers cite) of the last run with these inputs."""
        text = self.cache.get_text(ENTRY, self.digest)
        try:
            kept: Any = orjson.loads(text) if text is not None else None
            return ([Diagnostic.from_cache(d) for d in kept["diagnostics"]], int(kept["bases"])) if kept else None
        except (orjson.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError):
            return None

    def put(self, diagnostics: list[Diagnostic], bases: int) -> None:
        if self.cache.enabled:
            self.cache.put(ENTRY, self.digest, {"diagnostics": [d.to_cache() for d in diagnostics], "bases": bases})
            self.cache.save()
