"""Full-text search with Pagefind, one index (a "bundle") per department, merged in the browser.

    pagefind/bundles.json          ["d001", "d002", ...]: the first is the primary bundle
    pagefind/d001/pagefind.js ...  the primary: Pagefind's scripts and its index
    pagefind/d002/                 the others: only their index (pagefind-entry.json, the
                                   *.pf_meta file, index/ and fragment/), merged by fulltext.js

Pagefind indexes a whole folder at once, and its memory grows with the site (1.7 GiB for
10,000 pages). Indexed by department, each run holds a few hundred pages (about 100 MiB), two
run at a time, and a publish after a change indexes again only the departments whose pages
changed: a bundle is kept when the key of its pages (their paths and the digests of their bytes)
is the one recorded for it. Pagefind's output is a function of the pages alone, so a kept bundle
is byte for byte the one a cold build writes. Only power pages carry ``data-pagefind-body``, so
only they are indexed.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import orjson

from powercat.i18n import Message
from powercat.site.pagefind_service import Service, ServiceError

FOLDER = "pagefind"
BUNDLES = f"{FOLDER}/bundles.json"
INDEX_FILES = ("pagefind-entry.json", "index", "fragment")  # and the *.pf_meta file: a bundle's index
SAFE = re.compile(r"[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*")  # a page path with nothing a glob would read as a pattern


def available() -> bool:
    return importlib.util.find_spec("pagefind") is not None


def bundle_of(rel: str) -> str | None:
    """The bundle a file of the site belongs to (``pagefind/<name>/…``), else None."""
    parts = rel.split("/", 2)
    return parts[1] if len(parts) == 3 and parts[0] == FOLDER else None


def shard_key(pages: list[str], digests: dict[str, str | None], primary: bool) -> str:
    h = hashlib.blake2b(digest_size=16)
    h.update(b"primary" if primary else b"merged")
    for rel in pages:
        h.update(f"{rel}\0{digests.get(rel)}\n".encode())
    return h.hexdigest()


def index_shards(shards: dict[str, list[str]], sources: list[Path], dest: Path, primary: str,
                 jobs: int | None = None) -> Message | None:
    """Index each of ``shards`` ({name: page files}) into ``dest/pagefind/<name>``, the page files
    taken from the first of ``sources`` that has them; a note when Pagefind failed (the caller
    checks that it is installed: :func:`available`). Each of the ``jobs`` threads (two at most)
    keeps one Pagefind service process for all its bundles (``site.pagefind_service``)."""
    if not shards:
        return None
    jobs = max(1, min(jobs or os.cpu_count() or 1, 2, len(shards)))
    services: dict[int, Service | None] = {}
    with tempfile.TemporaryDirectory(prefix="powercat-pagefind-") as tmp:
        def one(name: str) -> Message | None:
            thread = threading.get_ident()
            if thread not in services:
                services[thread] = _service()
            site, glob = _where(shards[name], sources, Path(tmp) / name)
            out = dest / FOLDER / name
            service = services[thread]
            if service is not None:
                try:
                    _write_bundle(service.index(site, glob), out, name == primary)
                    return None
                except ServiceError:  # the service broke: this thread uses the command line from now on
                    service.close()
                    services[thread] = None
            note = _by_command(site, glob, out)
            if note is None:
                _trim(out, name == primary)
            return note

        try:
            with ThreadPoolExecutor(jobs) as pool:
                notes = [n for n in pool.map(one, sorted(shards)) if n is not None]
        finally:
            for service in services.values():
                if service is not None:
                    service.close()
    return notes[0] if notes else None


def _service() -> Service | None:
    try:
        return Service(_pagefind())
    except ServiceError:
        return None


def _write_bundle(files: dict[str, bytes], out: Path, primary: bool) -> None:
    """A bundle's files into ``out``: all of the primary's, only the index of the others."""
    for rel, data in files.items():
        if primary or _is_index(rel):
            (out / rel).parent.mkdir(parents=True, exist_ok=True)
            (out / rel).write_bytes(data)


def _where(pages: list[str], sources: list[Path], folder: Path) -> tuple[Path, str | None]:
    """Where Pagefind finds a bundle's pages: the new build, named by a glob; else (pages from two
    builds, or odd names) ``folder``, with the pages gathered into it."""
    glob = _glob(pages) if all((sources[0] / rel).exists() for rel in pages) else None
    if glob is not None:
        return sources[0], glob
    _gather(pages, sources, folder)
    return folder, None


def _by_command(site: Path, glob: str | None, out: Path) -> Message | None:
    where = ["--site", str(site), *(["--glob", glob] if glob else [])]
    try:
        done = subprocess.run([*_pagefind(), *where, "--output-path", str(out), "--silent"],
                              capture_output=True, text=True, timeout=1800)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return Message("publish.pagefind_failed", detail=str(exc))
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or [""]
        return Message("publish.pagefind_failed", detail=detail[0])
    return None


def _trim(out: Path, primary: bool) -> None:
    """A bundle other than the primary keeps only its index: the browser runs the primary's
    scripts over every bundle."""
    if not primary:
        for entry in os.scandir(out):
            if not _is_index(entry.name):
                os.unlink(entry.path)


def _is_index(rel: str) -> bool:
    """Whether a file of a bundle (its path in the bundle) is part of its index."""
    return rel.split("/", 1)[0] in INDEX_FILES or rel.endswith(".pf_meta")


def _glob(pages: list[str]) -> str | None:
    """A glob that names exactly ``pages`` (``powers/{A,B}/index.html``), for Pagefind to index
    them where they are: no folder of links made and removed per bundle, and the same bundle
    byte for byte (tests/test_fulltext_bundles.py); None for names a glob could misread."""
    if not pages or not all(SAFE.fullmatch(rel) for rel in pages):
        return None
    parts = [rel.split("/") for rel in pages]
    if all(len(p) == 3 and p[0] == parts[0][0] and p[2] == parts[0][2] for p in parts):
        return f"{parts[0][0]}/{{{','.join(p[1] for p in parts)}}}/{parts[0][2]}"
    return "{" + ",".join(pages) + "}"


def _gather(pages: list[str], sources: list[Path], site: Path) -> None:
    for rel in pages:
        src = next((s / rel for s in sources if (s / rel).exists()), None)
        if src is None:
            continue
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        try:  # linked from the new build; a page of the site is copied (a link would change its ctime)
            if src.is_relative_to(sources[0]):
                os.link(src, site / rel)
            else:
                shutil.copyfile(src, site / rel)
        except OSError:
            shutil.copyfile(src, site / rel)


def _pagefind() -> list[str]:
    """Pagefind's own program (not its Python launcher, which costs a Python start per bundle)."""
    try:
        from pagefind_bin_extended import get_executable

        return [str(get_executable())]
    except (ImportError, FileNotFoundError, OSError):
        return [sys.executable, "-m", "pagefind"]


def write_bundles(dest: Path, names: list[str]) -> None:
    (dest / FOLDER).mkdir(parents=True, exist_ok=True)
    (dest / BUNDLES).write_bytes(orjson.dumps(names) + b"\n")
