"""What the last build of a site folder left there: the record an incremental publish starts from.

    state = SiteState.load(root, out)     # None: no record, not sealed here, or the folder changed
    state.intact("powers/X/index.html")   # the file is as the last build left it
    state.pages["powers/X/"]              # the input key its page was rendered from

The record is kept in the catalog's ``.powercat/site/`` (one file per output folder), never in the
site, and sealed with this machine's secret (``powercat.seal``): a record committed to a
repository, copied or edited is not taken, and the site is built cold. A file of the site is
taken as the last build left it only when its inode, size, modification and change times are
those recorded (the change time cannot be set back by anybody, so an edited, replaced or
touched file is written again). The record is written only after the site is in place.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from powercat.seal import seal, sealed

FORMAT = "1"
FOLDER = ".powercat/site"
Stamp = list  # [size, mtime_ns, ctime_ns, inode, content hash or None]


def stamp(path: Path, digest: str | None = None) -> Stamp:
    st = os.lstat(path)
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, digest]


def record_path(root: Path, out: Path) -> Path:
    name = hashlib.blake2b(os.fsencode(os.path.abspath(out)), digest_size=12).hexdigest()
    return root / FOLDER / f"{name}.json"


@dataclass
class SiteState:
    out: Path
    files: dict[str, Stamp] = field(default_factory=dict)  # every file the build wrote or kept
    pages: dict[str, str] = field(default_factory=dict)  # power page URL -> the key of its inputs
    shards: dict[str, str] = field(default_factory=dict)  # full-text shard -> the key of its pages

    @classmethod
    def load(cls, root: Path, out: Path, listed: set[str] | None) -> "SiteState | None":
        """The record of ``out``'s last build, when sealed here and naming the files ``listed``
        in the folder's manifest (None: build cold)."""
        if listed is None:
            return None
        try:
            head, _, body = record_path(root, out).read_bytes().partition(b"\n")
            header = orjson.loads(head)
            if not isinstance(header, dict) or header.get("format") != FORMAT or not sealed(body, header.get("mac")):
                return None
            data = orjson.loads(body)
            state = cls(Path(data["out"]), dict(data["files"]), dict(data["pages"]), dict(data["shards"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if str(state.out) != os.path.abspath(out) or set(state.files) != listed:
            return None
        return state

    def intact(self, rel: str) -> bool:
        """Whether ``rel`` is in the folder as the last build left it."""
        known = self.files.get(rel)
        try:
            return known is not None and stamp(self.out / rel)[:4] == known[:4]
        except OSError:
            return False

    def digest(self, rel: str) -> str | None:
        known = self.files.get(rel)
        return known[4] if known else None

    def save(self, root: Path) -> None:
        """Write the record (nothing when this machine keeps no secret, or it cannot be written)."""
        body = orjson.dumps({"out": str(self.out), "files": dict(sorted(self.files.items())),
                             "pages": dict(sorted(self.pages.items())), "shards": dict(sorted(self.shards.items()))})
        mac = seal(body)
        where = record_path(root, self.out)
        try:
            if mac is None:
                where.unlink(missing_ok=True)
                return
            where.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=where.parent, prefix=".state-")
            with os.fdopen(fd, "wb") as fh:
                fh.write(orjson.dumps({"format": FORMAT, "mac": mac}) + b"\n" + body)
            os.replace(tmp, where)
        except OSError:
            pass  # no record: the next build is cold


def forget(root: Path, out: Path) -> None:
    """Drop the record of ``out`` before its folder changes (a build that dies then starts cold)."""
    try:
        record_path(root, out).unlink(missing_ok=True)
    except OSError:
        pass
