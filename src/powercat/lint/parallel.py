"""Check many power files on every core: a process pool fed with chunks of files.

Parsing is CPU-bound Python, so threads would not help; forked worker processes inherit the
loaded rules, profile and departments. Small batches run in this process (a pool costs more
than it saves below a few hundred files). The garbage collector is paused during bulk
checking: the models form no reference cycles worth collecting, and scanning 10,000 kept
models over and over would cost more than the parsing itself.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator, Sequence

from powercat.lint.checker import Env, FileResult, check_power

MIN_PARALLEL = 400  # below this many files, one process is faster
CHUNK = 64

_ENV: Env | None = None  # set in the parent before forking; inherited by the workers
_KEEP = False


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


@contextmanager
def paused_gc() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _check_chunk(items: Sequence[tuple[str, Path, str]]) -> list[FileResult]:
    assert _ENV is not None
    with paused_gc():
        out = [check_power(_ENV, path, rel, folder) for folder, path, rel in items]
    for res in out:  # send back diagnostics and facts (and the model when asked), not positions
        res.source = None
        if not _KEEP:
            res.model = None
    return out


def check_many(env: Env, items: Sequence[tuple[str, Path, str]], keep_models: bool, jobs: int,
               progress: Callable[[int], None] | None = None) -> list[FileResult]:
    """check_power for every (department folder, path, relative path), in order; ``progress``
    is told how many files are done as they finish."""
    global _ENV, _KEEP
    _ENV, _KEEP = env, keep_models
    tick = progress or (lambda n: None)
    chunks = [items[i:i + CHUNK] for i in range(0, len(items), CHUNK)]
    out: list[FileResult] = []
    try:
        if jobs <= 1 or len(items) < MIN_PARALLEL or "fork" not in multiprocessing.get_all_start_methods():
            with paused_gc():
                for chunk in chunks:
                    out += [check_power(env, path, rel, folder) for folder, path, rel in chunk]
                    tick(len(chunk))
            return out
        ctx = multiprocessing.get_context("fork")
        gc.freeze()  # the parent's objects stay shared with the children, untouched
        with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
            for done in pool.map(_check_chunk, chunks):
                out += done
                tick(len(done))
        return out
    finally:
        gc.unfreeze()
        _ENV = None
