"""The site's output folder: ours alone, rewritten in place, with stale files removed."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path
from typing import Callable

MARKER = ".powercat-site"  # names an output folder as ours, so a rebuild may overwrite it


def prepare(out: Path, error: Callable[..., Exception]) -> int:
    """The output folder: a new one, or one we made before (marked); never someone's files.

    A previous build is overwritten in place (rewriting 10,000 pages is much cheaper than
    deleting and recreating their folders); what it had and this build did not write is
    removed by :func:`remove_stale`. Returns the build's start time for that.
    """
    if out.exists():
        if not out.is_dir():
            raise error("publish.out_not_folder", out=out)
        if any(out.iterdir()) and not (out / MARKER).exists():
            raise error("publish.out_not_ours", out=out)
        shutil.rmtree(out / "pagefind", ignore_errors=True)  # Pagefind's index is rebuilt whole
    out.mkdir(parents=True, exist_ok=True)
    start = time.time_ns()
    (out / MARKER).write_text("powercat publish output; every publish rewrites it whole\n", encoding="utf-8")
    return start


def remove_stale(out: Path, since_ns: int) -> None:
    """Delete what an earlier build wrote and this one did not (files older than ``since_ns``)."""
    for folder, dirs, files in os.walk(out, topdown=False):
        for name in files:
            path = os.path.join(folder, name)
            if os.stat(path, follow_symlinks=False).st_mtime_ns < since_ns:
                os.unlink(path)
        for name in dirs:
            path = os.path.join(folder, name)
            if not os.path.islink(path) and not os.listdir(path):
                os.rmdir(path)
