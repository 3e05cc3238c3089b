"""The site's output folder: built beside it, swapped in whole, and never a user's file deleted.

    staged = open_site(out, root, PublishError)  # a fresh folder beside ``out`` (Staging), or
    ... write into staged.path ...               # InPlace when the last build's record holds
    staged.finish()                               # the old site replaced by the new one

A build writes into a fresh folder beside the target (``.<name>.powercat-<pid>-…``) and swaps it
in at the end (one ``renameat2(RENAME_EXCHANGE)`` on Linux, else two renames): a build that is
killed, runs out of disk or fails halfway leaves the old site whole, and a visitor never sees a
mix of two builds. The folder's manifest, ``.powercat-site``, lists every file a build wrote;
everything else in the folder (a ``CNAME``, a ``.git`` folder, a page the user added) is the
user's and is carried into the new site (hard-linked, else copied). A folder that is neither
empty nor has the manifest is refused, so powercat never takes over someone's folder. Folders
of builds killed earlier are removed by the next build.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Callable

import orjson

from powercat.catalog.cache import file_hash
from powercat.site.state import SiteState, Stamp, forget, stamp

MARKER = ".powercat-site"  # names an output folder as ours and lists what the last build wrote
LEGACY_USER = {"CNAME"}  # a folder marked by an older powercat (no list): these and dot files are the user's


def open_site(out: Path, root: Path, error: Callable[..., Exception]) -> "Staging | InPlace":
    """The build of the site in ``out``: in place when the last build's record (kept under
    ``root``) still describes the folder, else a fresh folder swapped in at the end."""
    target = _target(out)
    previous = _previous(target, error)
    state = SiteState.load(root, target, previous)
    return InPlace(state, root) if state is not None else Staging(target, previous)


def _target(out: Path) -> Path:
    """The output folder as an absolute path (a link to a folder: the folder it names)."""
    target = Path(os.path.abspath(out))
    return target.resolve() if target.is_symlink() else target


def _beside(out: Path) -> Path:
    """A fresh folder beside ``out`` for a build (the folders of builds killed earlier removed)."""
    _remove_leftovers(out)
    return Path(tempfile.mkdtemp(prefix=f".{out.name}.powercat-{os.getpid()}-", dir=out.parent))


def _manifest(files: list[str]) -> bytes:
    return orjson.dumps({"powercat": "site", "files": files}, option=orjson.OPT_INDENT_2)


class Staging:
    """A new build of the site in ``path``, to replace ``out`` by :meth:`finish`."""

    def __init__(self, out: Path, previous: set[str] | None) -> None:
        self.out, self.previous = out, previous  # from open_site: the folder, the files its manifest lists
        self.out.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.path = _beside(self.out)
            self.beside = True
        except OSError:  # no folder can be made beside it: built elsewhere, then copied in place
            self.path, self.beside = Path(tempfile.mkdtemp(prefix="powercat-site-")), False
        self.replaced: list[str] = []  # user files in the way of a file of the build (the build's is kept)

    def finish(self) -> None:
        """List what the build wrote, carry the user's files over, and swap the new site in."""
        written = self.written = sorted(_files(self.path))
        (self.path / MARKER).write_bytes(_manifest(written))
        if self.previous is not None or self.out.exists():
            for rel in _user_entries(self.out, self.previous or set()):
                if os.path.lexists(self.path / rel):
                    self.replaced.append(rel)
                else:
                    _carry(self.out / rel, self.path / rel)
        try:
            self._swap()
        except OSError as exc:
            if exc.errno not in (errno.EXDEV, errno.EBUSY, errno.EPERM, errno.EACCES):
                raise
            _replace_in_place(self.path, self.out, self.previous or set(), written)  # a mount point, say
            shutil.rmtree(self.path, ignore_errors=True)

    def _swap(self) -> None:
        if not self.beside:
            raise OSError(errno.EXDEV, "built elsewhere")
        if not self.out.exists():
            os.rename(self.path, self.out)
        elif _exchange(self.path, self.out):
            shutil.rmtree(self.path, ignore_errors=True)  # the old site, now under the build's name
        else:
            old = Path(tempfile.mkdtemp(prefix=f".{self.out.name}.powercat-{os.getpid()}-old-", dir=self.out.parent))
            os.rename(self.out, old / "site")
            os.rename(self.path, self.out)
            shutil.rmtree(old, ignore_errors=True)

    def abandon(self) -> None:
        """The build failed: its folder goes, the old site stays as it was."""
        shutil.rmtree(self.path, ignore_errors=True)


class InPlace:
    """An incremental build of ``state.out``: what is made again is written into a fresh folder
    beside it (``path``), then :meth:`finish` moves into the site each file whose bytes differ
    (each replaced at once, by a rename), keeps the files its caller named in ``kept``, removes the
    last build's other files and writes the manifest last. A visitor sees every file whole,
    old or new; a build killed halfway leaves no record (``site.state``), so the next is cold."""

    def __init__(self, state: SiteState, root: Path) -> None:
        self.state, self.out, self.root = state, state.out, root
        self.path = _beside(self.out)
        self.kept: set[str] = set()  # files of the last build that stay (the caller checked them)
        self.replaced: list[str] = []
        self.files: dict[str, Stamp] = {}  # the new build's files, as the next record lists them

    def finish(self) -> None:
        forget(self.root, self.out)  # from here on the folder differs from the record
        made = sorted(_files(self.path))
        files = {rel: self.state.files[rel] for rel in self.kept}
        for rel in made:
            data = (self.path / rel).read_bytes()
            digest = file_hash(data)
            if self.state.digest(rel) == digest and self.state.intact(rel):
                files[rel] = self.state.files[rel]
                continue
            if rel not in self.state.files and os.path.lexists(self.out / rel):
                self.replaced.append(rel)
            (self.out / rel).parent.mkdir(parents=True, exist_ok=True)
            os.replace(self.path / rel, self.out / rel)
            files[rel] = stamp(self.out / rel, digest)
        for rel in sorted(set(self.state.files) - set(files)):
            with contextlib.suppress(OSError):
                os.unlink(self.out / rel)
            _prune(self.out, rel)
        fd, tmp = tempfile.mkstemp(dir=self.out, prefix=".powercat-site-")
        with os.fdopen(fd, "wb") as fh:
            fh.write(_manifest(sorted(files)))
        os.replace(tmp, self.out / MARKER)
        self.files = files
        shutil.rmtree(self.path, ignore_errors=True)

    def abandon(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


def _prune(top: Path, rel: str) -> None:
    """Remove the folders above ``rel`` that are left empty."""
    parts = rel.split("/")[:-1]
    while parts:
        try:
            os.rmdir(top.joinpath(*parts))
        except OSError:
            return
        parts.pop()


def _replace_in_place(stage: Path, out: Path, previous: set[str], written: list[str]) -> None:
    """Where no swap can be done: the new files copied over the old, then the old build's
    files that the new one did not write removed (the manifest last: it names the new build)."""
    out.mkdir(parents=True, exist_ok=True)
    for rel in written:
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(stage / rel, out / rel, follow_symlinks=False)
    for rel in sorted(previous - set(written)):
        with contextlib.suppress(OSError):
            os.unlink(out / rel)
    shutil.copy2(stage / MARKER, out / MARKER)


def _previous(out: Path, error: Callable[..., Exception]) -> set[str] | None:
    """The files the last build listed; None for a folder that does not exist or is empty.
    Raises ``error`` for a file, or for a folder powercat did not make."""
    if not out.exists():
        return None
    if not out.is_dir():
        raise error("publish.out_not_folder", out=out)
    try:
        names = os.listdir(out)
    except OSError as exc:
        raise error("publish.out_unreadable", out=out, detail=exc.strerror or str(exc)) from None
    if not names:
        return None
    if MARKER not in names:
        raise error("publish.out_not_ours", out=out)
    try:
        listed = orjson.loads((out / MARKER).read_bytes())["files"]
        return {str(f) for f in listed}
    except (OSError, orjson.JSONDecodeError, KeyError, TypeError):  # an older powercat's marker
        return {rel for rel in _files(out) if rel.split("/")[0] not in LEGACY_USER and not rel.startswith(".")}


def _files(top: Path) -> list[str]:
    """Every file (and link) below ``top``, relative, with forward slashes; the manifest left out."""
    out = []
    for here, dirs, names in os.walk(top):
        rel = Path(here).relative_to(top).as_posix()
        prefix = "" if rel == "." else rel + "/"
        out += [prefix + n for n in names if prefix + n != MARKER]
        out += [prefix + d for d in dirs if os.path.islink(os.path.join(here, d))]  # links are not followed
    return out


def _user_entries(out: Path, previous: set[str]) -> list[str]:
    """The files and folders in ``out`` that no build listed: the user's (a folder whole when no
    listed file is below it)."""
    below = {p.rsplit("/", i)[0] for p in previous for i in range(1, p.count("/") + 1)}
    found: list[str] = []

    def walk(rel: str) -> None:
        for entry in sorted(os.scandir(out / rel) if rel else os.scandir(out), key=lambda e: e.name):
            path = f"{rel}/{entry.name}" if rel else entry.name
            if path == MARKER or path in previous:
                continue
            if entry.is_dir(follow_symlinks=False) and path in below:
                walk(path)
            else:
                found.append(path)

    walk("")
    return found


def _carry(src: Path, dest: Path) -> None:
    """A user's file or folder into the new site: hard links (no copy of a large .git), else copies."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    if src.is_dir() and not src.is_symlink():
        shutil.copytree(src, dest, symlinks=True, copy_function=_link_or_copy)
    else:
        _link_or_copy(str(src), str(dest))


def _link_or_copy(src: str, dest: str) -> None:
    if os.path.islink(src):
        os.symlink(os.readlink(src), dest)
        return
    try:
        os.link(src, dest)
    except OSError:
        shutil.copy2(src, dest)


_LEFTOVER = re.compile(r"\.powercat-(\d+)-")


def _remove_leftovers(out: Path) -> None:
    """Folders of earlier builds of ``out`` whose process is gone (killed halfway)."""
    head = f".{out.name}.powercat-"
    for entry in os.scandir(out.parent):
        m = _LEFTOVER.match(entry.name, len(out.name) + 1) if entry.name.startswith(head) else None
        if m and entry.is_dir(follow_symlinks=False) and not _alive(int(m.group(1))):
            shutil.rmtree(entry.path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders at once (Linux renameat2 RENAME_EXCHANGE); False where that cannot be done."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError, TypeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    done = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    if done != 0 and ctypes.get_errno() not in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(b))
    return done == 0
