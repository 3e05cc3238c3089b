"""Graphviz's processes: many graphs per ``dot`` process, several processes at once.

Starting a Graphviz process costs far more than laying out one of these small graphs, so a
batch of graphs goes through one ``dot`` process (one file on its stdin, one from its stdout;
a file per graph, one output each, when that fails), ``jobs`` processes in parallel.
:class:`Layouts` starts each batch as soon as it is full, so Graphviz works while powercat
builds the next graphs, and finishes each batch's outputs as soon as it is done.
"""

from __future__ import annotations

import math
import os
import shutil
import subprocess
import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, Callable, Sequence

from powercat.i18n import Message

BATCH_MAX = 256  # graphs per dot process (a process costs ~17 ms of CPU: 64 a batch cost 4 s of 14 at 10,000 powers)
PNG_DPI = 144
DOT_SECONDS = 60  # Graphviz's time per chart at most (POWERCAT_DOT_TIMEOUT): a chart that takes longer is skipped


class RenderError(Message):
    """Rendering cannot start at all (unknown format, Graphviz missing): exit code 2."""


def find_dot() -> str:
    dot = shutil.which("dot")
    if dot is None:
        raise RenderError("render.no_dot")
    return dot


def dot_seconds() -> float:
    """Graphviz's time per chart: POWERCAT_DOT_TIMEOUT seconds, else DOT_SECONDS."""
    try:
        return max(0.1, float(os.environ.get("POWERCAT_DOT_TIMEOUT", DOT_SECONDS)))
    except ValueError:
        return DOT_SECONDS


def run_dot(dot: str, sources: Sequence[str], fmt: str, workdir: Path) -> list[bytes | str | Message]:
    """Lay out ``sources`` with one ``dot`` process (as one stream, else a file per graph with
    ``dot -O``): per graph its output, or why not (Graphviz's words, or a Message when it took
    longer than its time: ``dot_seconds()`` per graph)."""
    if fmt == "svg" and len(sources) > 1:
        together = _run_dot_as_one(dot, sources, workdir)
        if together is not None:
            return together
    files = []
    for i, src in enumerate(sources):
        f = workdir / f"g{i}.gv"
        f.write_text(src, encoding="utf-8")
        files.append(f)
    args = [dot, f"-T{fmt}", "-O", *([f"-Gdpi={PNG_DPI}"] if fmt == "png" else []), *(f.name for f in files)]
    seconds = dot_seconds()
    try:
        proc = subprocess.run(args, cwd=workdir, capture_output=True, timeout=seconds * len(files))
    except subprocess.TimeoutExpired:  # the process is killed; alone, each graph gets its own time
        if len(files) == 1:
            return [Message("render.timeout", seconds=f"{seconds:g}")]
        return [run_dot(dot, [src], fmt, _fresh(workdir, i))[0] for i, src in enumerate(sources)]
    outs: list[bytes | str | Message] = []
    for f in files:
        made = f.with_name(f"{f.name}.{fmt}")
        outs.append(made.read_bytes() if made.exists() and made.stat().st_size else "")
    if proc.returncode != 0 and len(files) > 1:  # find the graph at fault, render the rest
        return [o if o else run_dot(dot, [src], fmt, _fresh(workdir, i))[0] for i, (o, src) in enumerate(zip(outs, sources))]
    err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
    return [o or (err[-1] if err else f"exit {proc.returncode}") for o in outs]


def _run_dot_as_one(dot: str, sources: Sequence[str], workdir: Path) -> list[bytes | str | Message] | None:
    """The graphs through one ``dot`` process, all in one file on its stdin and all out in one
    file from its stdout (no file per graph: on a slow disk that was a third of the time); None
    when it did not give one SVG per graph (an error, a timeout), and the graphs go through
    files, one output each. Files, not pipes: feeding a pipe from Python takes the waiting
    thread the interpreter's lock for every 512 bytes, each time after the main thread's turn,
    and Graphviz waited."""
    given, made = workdir / "all.gv", workdir / "all.svg"
    try:
        given.write_bytes("\n".join(sources).encode("utf-8"))
        with given.open("rb") as stdin, made.open("wb") as stdout:
            proc = subprocess.run([dot, "-Tsvg"], stdin=stdin, stdout=stdout, stderr=subprocess.DEVNULL,
                                  timeout=dot_seconds() * len(sources))
        out = made.read_bytes()
    except (OSError, subprocess.TimeoutExpired):
        return None
    parts = [b"<?xml " + part for part in out.split(b"<?xml ")[1:]]
    return list(parts) if proc.returncode == 0 and len(parts) == len(sources) else None


def _fresh(workdir: Path, i: int) -> Path:
    d = workdir / f"retry{i}"
    d.mkdir()
    return d


def render_sources(sources: Sequence[str], fmt: str, jobs: int, solo: Sequence[bool] = ()) -> list[bytes | str | Message]:
    """Every source laid out (bytes) or its error (str), batched and in parallel (:class:`Layouts`)."""
    with Layouts(fmt, jobs) as layouts:
        for i, source in enumerate(sources):
            layouts.add(source, i < len(solo) and solo[i])
        return layouts.results()


class Layouts:
    """Graphs laid out as they come: ``add`` each, then ``results()`` in the order added.

    A batch of BATCH_MAX graphs starts as soon as it is full; what is left at the end is split
    over the ``jobs`` processes, so a few graphs still use every core.

    Graphviz 2.x is not quite deterministic for a graph that is not the first of its process:
    the spline routing of graphs with several flow clusters side by side (the category charts)
    varies from run to run there. Such graphs are added ``solo`` and get a process of their own;
    the others (checked over hundreds of runs) come out the same batched or alone.
    """

    def __init__(self, fmt: str, jobs: int, progress: str | bool = False,
                 finish: Callable[[int, bytes], Any] | None = None) -> None:
        self.fmt, self.jobs, self.label = fmt, max(1, jobs), progress
        self.finish = finish  # (index, output) -> what results() gives, run as each batch is done
        self.sources: list[str] = []
        self.batch: list[int] = []
        self.futures: list[tuple[Future[list[bytes | str | Message]], list[int]]] = []
        self.dot: str | None = None  # found when the first batch starts (a dot format needs none)

    def __enter__(self) -> "Layouts":
        self.tmp = tempfile.TemporaryDirectory(prefix="powercat-render-")
        self.pool = ThreadPoolExecutor(self.jobs)
        return self

    def __exit__(self, *exc: Any) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.tmp.cleanup()

    def add(self, source: str, solo: bool = False) -> None:
        self.sources.append(source)
        if self.fmt == "dot":
            return
        if solo:
            self._start([len(self.sources) - 1])
            return
        self.batch.append(len(self.sources) - 1)
        if len(self.batch) >= BATCH_MAX:
            self._start(self.batch)
            self.batch = []

    def _start(self, which: list[int]) -> None:
        self.dot = self.dot or find_dot()
        work = Path(self.tmp.name) / f"b{len(self.futures)}"
        work.mkdir()
        self.futures.append((self.pool.submit(run_dot, self.dot, [self.sources[i] for i in which], self.fmt, work),
                             which))

    def results(self) -> list[bytes | str | Message]:
        """Every graph's output (bytes) or why not, in the order added."""
        if self.fmt == "dot":  # nothing to lay out
            return [self.finish(i, b"") if self.finish else b"" for i in range(len(self.sources))]
        size = max(1, math.ceil(len(self.batch) / self.jobs))
        for start in range(0, len(self.batch), size):
            self._start(self.batch[start:start + size])
        self.batch = []
        out: list[bytes | str | Message] = [""] * len(self.sources)
        tick = _bar(self.label, len(self.sources))
        for fut, which in self.futures:  # each batch finished here as it is done, while later ones are drawn
            for i, res in zip(which, fut.result()):
                out[i] = self.finish(i, res) if self.finish and isinstance(res, bytes) else res
            tick(len(which))
        tick(0)
        return out


def _bar(label: str | bool, total: int) -> Callable[[int], None]:
    """A progress bar for the graphs still being laid out (none when ``label`` is empty)."""
    if not label:
        return lambda n: None
    from rich.progress import Progress

    bar = Progress(transient=True)
    task = bar.add_task(str(label), total=total)
    bar.start()
    done = [0]

    def tick(n: int) -> None:
        done[0] += n
        bar.update(task, completed=done[0])
        if n == 0 or done[0] >= total:
            bar.stop()

    return tick
