"""Read the catalog files of a git revision without touching the working tree.

    snap = read_catalogs(root, "origin/main", "catalogs")   # {relative path: bytes}
    snap = read_catalogs(root, None, "catalogs")            # the working tree

One ``git ls-tree`` lists the files and one ``git cat-file --batch`` reads all of them, so a
catalog of thousands of powers costs two processes. Paths are relative to the catalog root
(the folder with powercat.toml), which may sit below the top of the git repository.
``read_entries`` then parses them into powers and departments for `powercat diff`.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import ValidationError

from powercat.catalog.parse import parse_yaml
from powercat.catalog.model import Department, Power

YAML_SUFFIXES = (".yaml", ".yml")


class GitError(Exception):
    """git is missing, the folder is not a repository, or a revision does not exist."""


@dataclass(slots=True)
class Snapshot:
    """The catalog files of one revision (``rev`` None: the working tree)."""

    rev: str | None
    commit: str | None  # the full commit id, None for the working tree
    files: dict[str, bytes] = field(default_factory=dict)


def _git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args], input=stdin, capture_output=True, check=False,
        )
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
        raise GitError(
            f"找不到版本 {rev} (unknown revision)；如在 CI 中，请用 fetch-depth: 0 检出完整历史"
        )
    return commit


def is_catalog_file(rel: str, catalogs: str) -> bool:
    """``catalogs/<dept>/department.yaml`` or ``catalogs/<dept>/powers/<name>.yaml``."""
    parts = rel.split("/")
    head = catalogs.strip("/").split("/")
    if parts[: len(head)] != head or not rel.endswith(YAML_SUFFIXES):
        return False
    rest = parts[len(head):]
    if not rest or rest[0].startswith("."):
        return False
    return (len(rest) == 2 and rest[1] == "department.yaml") or (len(rest) == 3 and rest[1] == "powers")


def list_files(root: Path, commit: str, catalogs: str) -> list[str]:
    """Catalog files at ``commit``, relative to the catalog root."""
    prefix = repo_prefix(root)
    out = _git(root, "ls-tree", "-r", "-z", "--name-only", "--full-tree", commit, "--", prefix + catalogs)
    names = [n.decode("utf-8", "surrogateescape") for n in out.split(b"\0") if n]
    rels = [n[len(prefix):] for n in names if n.startswith(prefix)]
    return sorted(r for r in rels if is_catalog_file(r, catalogs) and "\n" not in r)


def read_blobs(root: Path, commit: str, rels: list[str]) -> dict[str, bytes]:
    """The contents of ``rels`` at ``commit``, read by one ``git cat-file --batch``."""
    if not rels:
        return {}
    prefix = repo_prefix(root)
    request = "".join(f"{commit}:{prefix}{rel}\n" for rel in rels).encode("utf-8", "surrogateescape")
    out = _git(root, "cat-file", "--batch", stdin=request)
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


def read_worktree(root: Path, catalogs: str) -> dict[str, bytes]:
    """Catalog files as they are on disk now (committed or not)."""
    base = root / catalogs
    files: dict[str, bytes] = {}
    if not base.is_dir():
        return files
    for path in sorted(base.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_file() and is_catalog_file(rel, catalogs):
            try:
                files[rel] = path.read_bytes()
            except OSError:
                continue
    return files


def read_catalogs(root: Path, rev: str | None, catalogs: str = "catalogs") -> Snapshot:
    """Every catalog file at ``rev`` (None: the working tree)."""
    if rev is None:
        return Snapshot(None, None, read_worktree(root, catalogs))
    repo_prefix(root)  # not a repository: say so before "unknown revision"
    commit = resolve_commit(root, rev)
    return Snapshot(rev, commit, read_blobs(root, commit, list_files(root, commit, catalogs)))


# --- the powers and departments of a snapshot---------------------------------------------------------------------

@dataclass(slots=True)
class Entry:
    key: str
    file: str
    department: str
    data: dict[str, Any]
    problem: dict[str, Any] | None = None

    @property
    def name(self) -> str:
        return str(self.data.get("name") or "")


def _plain(value: Any) -> Any:
    """JSON-safe data: dates as ISO text, keys as text."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _with_defaults(data: dict[str, Any]) -> dict[str, Any]:
    """Apply the format's defaults, so an absent key and its default compare equal."""
    data.setdefault("status", "active")
    data.setdefault("hearing", False)
    fee = data.get("fee")
    if fee is None:
        data["fee"] = {"charged": False}
    elif isinstance(fee, dict):
        fee.setdefault("charged", False)
    for proc in data.get("procedures") or []:
        for step in (proc.get("steps") or []) if isinstance(proc, dict) else []:
            if isinstance(step, dict):
                step.setdefault("type", "task")
    return data


def read_entry(rel: str, raw: bytes, kind: str) -> Entry:
    """A power (``kind`` "power") or department file; problems are reported, never raised."""
    path = PurePosixPath(rel)
    department = path.parts[-3] if kind == "power" else path.parts[-2]
    fallback = path.stem if kind == "power" else department
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return Entry(fallback, rel, department, {}, {"kind": "encoding"})
    parsed = parse_yaml(text)
    syntax = next((i for i in parsed.issues if i.code == "PC100"), None)
    if syntax is not None:
        problem = {"kind": "yaml", "line": syntax.line, "column": syntax.column,
                   "detail": str(syntax.args.get("problem", ""))}
        return Entry(fallback, rel, department, {}, problem)
    if not isinstance(parsed.data, dict):
        return Entry(fallback, rel, department, {}, {"kind": "not_mapping"})
    data = _plain(parsed.data)
    problem = None
    try:
        (Power if kind == "power" else Department).model_validate(parsed.data)
    except ValidationError as exc:
        problem = {"kind": "schema", "count": exc.error_count()}
    key = data.get("code") if kind == "power" else None
    key = key if isinstance(key, str) and key else fallback
    return Entry(key, rel, department, _with_defaults(data) if kind == "power" else data, problem)


def read_entries(snap: Snapshot) -> tuple[dict[str, Entry], dict[str, Entry]]:
    """(powers by code, departments by folder); a repeated code keeps the first file."""
    powers: dict[str, Entry] = {}
    departments: dict[str, Entry] = {}
    for rel, raw in sorted(snap.files.items()):
        if rel.endswith("/department.yaml"):
            e = read_entry(rel, raw, "department")
            departments[e.key] = e
        else:
            e = read_entry(rel, raw, "power")
            powers.setdefault(e.key, e)
    return powers, departments
