"""Work on many files on every core: a forked process pool fed with chunks.

Parsing is CPU-bound Python, so threads would not help; forked workers inherit everything
already loaded (the catalog, its profile, the rules) without pickling it. Small batches run in
this process (a pool costs more than it saves below a few hundred files). The garbage collector
is paused during bulk work: the models form no reference cycles worth collecting, and scanning
10,000 kept models over and over would cost more than the parsing itself.
"""

from __future__ import annotations

import gc
import os
import signal
from contextlib import contextmanager
from typing import Callable, Iterator, Sequence, TypeVar

MIN_PARALLEL = 400  # below this many items, one process is faster
CHUNK = 64

T = TypeVar("T")
R = TypeVar("R")
_WORK: Callable[[object], object] | None = None  # set in the parent before forking


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


@contextmanager
def fewer_collections(young: int = 100_000) -> Iterator[None]:
    """Collect garbage less often during long work that keeps many objects alive (a site's
    build): at the default threshold (700) every collection of the old generation rescans all
    the models kept, which cost a 10,000-power publish a third of its time."""
    before = gc.get_threshold()
    gc.set_threshold(young, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _die_with_parent(parent: int) -> None:
    """A worker ends when the command is killed (Linux: PR_SET_PDEATHSIG), so none goes on
    writing into a folder the next command cleans up."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)


def _run_chunk(items: Sequence[object]) -> list[object]:
    assert _WORK is not None
    with paused_gc():
        return [_WORK(item) for item in items]


def map_files(work: Callable[[T], R], items: Sequence[T], jobs: int | None = None,
              progress: Callable[[int], None] | None = None) -> list[R]:
    """``[work(item) for item in items]``, in order, on ``jobs`` forked processes when there are
    many; ``progress`` is told how many items are done as they finish. ``work``'s results must
    be picklable; anything it needs is inherited from this process."""
    global _WORK
    jobs = jobs or default_jobs()
    tick = progress or (lambda n: None)
    chunks = [items[i:i + CHUNK] for i in range(0, len(items), CHUNK)]
    out: list[R] = []
    if jobs <= 1 or len(items) < MIN_PARALLEL or not hasattr(os, "fork"):
        with paused_gc():
            for chunk in chunks:
                out += [work(item) for item in chunk]
                tick(len(chunk))
        return out
    import multiprocessing  # here: a warm run, with nothing to parse, never starts a pool
    from concurrent.futures import ProcessPoolExecutor

    _WORK = work  # type: ignore[assignment]
    gc.freeze()  # the parent's objects stay shared with the children, untouched
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork"),
                                 initializer=_die_with_parent, initargs=(os.getpid(),)) as pool:
            for done in pool.map(_run_chunk, chunks):
                out += done  # type: ignore[arg-type]
                tick(len(done))
        return out
    finally:
        gc.unfreeze()
        _WORK = None


class Forked:
    """``work()`` started now in a forked process, which inherits everything (only the result
    is pickled back); ``result()`` waits for it. While the parent does other work that leaves a
    core idle (drawing flowcharts, where Graphviz and Python take turns), the child uses it.

    A child that fails, or ``fork=False``, or a platform without fork, gives no result:
    ``result()`` then runs ``work()`` here, so its error is raised as it would be without the
    fork (``work`` must be safe to run twice: it writes the same files again). Used as a context
    manager, an error in the parent stops the child before anyone cleans up what it writes."""

    def __init__(self, work: Callable[[], R], fork: bool = True) -> None:
        self.work, self.proc = work, None
        if not fork or not hasattr(os, "fork") or default_jobs() < 2:
            return
        import multiprocessing

        ctx = multiprocessing.get_context("fork")
        self.conn, child = ctx.Pipe(duplex=False)
        try:
            self.proc = ctx.Process(target=_forked, args=(work, child, os.getpid()), daemon=True)
            self.proc.start()
        except OSError:
            self.proc = None
        child.close()

    def __enter__(self) -> "Forked":
        return self

    def __exit__(self, *exc: object) -> None:
        if self.proc is not None and self.proc.is_alive():  # the parent failed before result()
            self.proc.kill()
            self.proc.join()

    def result(self) -> R:
        if self.proc is None:
            return self.work()
        try:
            ok, value = self.conn.recv()
        except Exception:  # the child died or sent what cannot be read: do the work here
            ok, value = False, None
        self.proc.join()
        self.conn.close()
        return value if ok else self.work()


def _forked(work: Callable[[], object], conn: object, parent: int) -> None:
    _die_with_parent(parent)
    try:
        result = (True, work())
    except BaseException:
        result = (False, None)
    try:
        conn.send(result)  # type: ignore[attr-defined]
    except Exception:  # a result that cannot be pickled: the parent does the work
        conn.send((False, None))  # type: ignore[attr-defined]
