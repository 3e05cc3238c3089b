"""Files of a catalog at a git revision, and when each file last changed; git is only a source
of bytes and dates here: what the files mean is decided by the loader, as for the working tree.

One ``git ls-tree`` lists the files and one ``git cat-file --batch`` reads all of them, so a
catalog of thousands of powers costs two processes. Paths are relative to the catalog root
(the folder with powercat.toml), which may sit below the top of the git repository.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from powercat.i18n import Message


class GitError(Exception):
    """git is missing, the folder is not a repository, or a revision does not exist."""


def _git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], input=stdin, capture_output=True, check=False)
    except FileNotFoundError as exc:
        raise GitError("找不到 git 命令，请先安装 git (git is not installed)") from exc
    if done.returncode != 0:
        raise GitError(done.stderr.decode("utf-8", "replace").strip() or f"git {args[0]} failed")
    return done.stdout


def repo_prefix(root: Path) -> str:
    """The catalog root's path inside its git repository ("" at the top, else "sub/dir/")."""
    try:
        return _git(root, "rev-parse", "--show-prefix").decode("utf-8").strip()
    except GitError as exc:
        raise GitError(f"{root}: 不是 git 仓库 (not a git repository): {exc}") from None


def resolve_commit(root: Path, rev: str) -> str:
    """The commit id of ``rev``; a clear GitError when it does not exist."""
    if rev.startswith("-"):
        raise GitError(f"{rev}: 不是有效的版本 (not a revision)")
    try:
        out = _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
    except GitError:
        out = b""
    commit = out.decode("ascii", "replace").strip()
    if not commit:
        raise GitError(f"找不到版本 {rev} (unknown revision)；如在 CI 中，请用 fetch-depth: 0 检出完整历史")
    return commit


class GitTree:
    """The files of one commit below the catalog root, read without touching the working tree."""

    def __init__(self, root: Path, rev: str) -> None:
        self.root = root
        self.prefix = repo_prefix(root)  # not a repository: say so before "unknown revision"
        self.commit = resolve_commit(root, rev)

    def list(self, folders: list[str]) -> list[str]:
        """Every file under ``folders`` (relative to the catalog root), sorted."""
        paths = [self.prefix + f.strip("/") for f in folders]
        out = _git(self.root, "ls-tree", "-r", "-z", "--name-only", "--full-tree", self.commit, "--", *paths)
        names = [n.decode("utf-8", "surrogateescape") for n in out.split(b"\0") if n]
        return sorted(n[len(self.prefix):] for n in names if n.startswith(self.prefix) and "\n" not in n)

    def read(self, rels: list[str]) -> dict[str, bytes]:
        """The contents of ``rels`` at the commit, by one ``git cat-file --batch`` (missing ones left out)."""
        if not rels:
            return {}
        request = "".join(f"{self.commit}:{self.prefix}{rel}\n" for rel in rels).encode("utf-8", "surrogateescape")
        out = _git(self.root, "cat-file", "--batch", stdin=request)
        files: dict[str, bytes] = {}
        pos = 0
        for rel in rels:
            end = out.index(b"\n", pos)
            header = out[pos:end].split(b" ")
            pos = end + 1
            if len(header) != 3:  # "<name> missing" or "ambiguous"
                continue
            size = int(header[2])
            files[rel] = out[pos: pos + size]
            pos += size + 1  # the content is followed by a newline
        return files


def is_shallow(root: Path) -> bool:
    """True in a shallow clone (a CI checkout at depth 1): its history, and so the files' dates, is cut short."""
    try:
        done = subprocess.run(["git", "-C", str(root), "rev-parse", "--is-shallow-repository"],
                              capture_output=True, text=True, check=False)
    except OSError:
        return False
    return done.returncode == 0 and done.stdout.strip() == "true"


class ShallowClone(Message):
    """The repository is a shallow clone whose history could not be fetched: every file would
    seem last changed by the newest commit, so no date is given at all (exit 2)."""


UNSHALLOW_SECONDS = 600


def _unshallow(root: Path) -> bool:
    """Fetch the history a shallow clone lacks (as CI's checkout does with fetch-depth: 0)."""
    env = {"GIT_SSH_COMMAND": "ssh -o BatchMode=yes", **os.environ, "GIT_TERMINAL_PROMPT": "0"}  # never a prompt
    try:
        done = subprocess.run(["git", "-C", str(root), "fetch", "--unshallow", "--quiet"], capture_output=True,
                              env=env, timeout=UNSHALLOW_SECONDS, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0 and not is_shallow(root)


def file_dates(root: Path, folders: list[str]) -> dict[str, str]:
    """{file relative to root: date (YYYY-MM-DD) of the newest commit that touched it} for the
    files under ``folders``, from one ``git log``; {} outside git.

    In a shallow clone (CI's default checkout) every file would seem changed by the one commit
    there is: its history is fetched first (``git fetch --unshallow``), and when that cannot be
    done, ShallowClone is raised rather than a wrong date given.
    """
    if is_shallow(root) and not _unshallow(root):
        raise ShallowClone("git.shallow", root=root)
    cmd = ["git", "-c", "core.quotePath=false", "-C", str(root), "log", "--format=%x00%cs",
           "--name-only", "--relative", "--", *folders]
    try:
        done = subprocess.run(cmd, capture_output=True, check=False)
    except OSError:
        return {}
    if done.returncode != 0:
        return {}
    dates: dict[str, str] = {}
    current = ""
    for line in done.stdout.decode("utf-8", "surrogateescape").split("\n"):  # a GBK name stays a name
        if line.startswith("\0"):
            current = line[1:]
        elif line:
            dates.setdefault(line, current)
    return dates
