"""`powercat lsp` on a large catalog: how long after a keystroke pause a finding appears.

    python benchmarks/bench_lsp.py [--powers 10000] [--root DIR] [--edits 30]

Generates a catalog (benchmarks/generate.py) unless --root names one, then measures

* in process (``powercat.lsp.session.Session``): reading the catalog, indexing it (every power's
  facts, with an empty and with a warm lint cache), and one edit re-checked — a comment, a new
  finding, a changed power code (the cross-file rules run again over every power's facts) and a
  department.yaml edit (its open powers re-checked);
* end to end: a real `powercat lsp` process over stdio; a power is opened, then changed again
  and again; the time from sending each didChange to receiving its publishDiagnostics, which
  includes the server's debounce (100 ms unless --debounce says otherwise).

Prints the median and the 95th percentile of each, in milliseconds.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

from powercat.lsp.session import Session

HERE = Path(__file__).resolve().parent


def summary(label: str, samples: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    return f"| {label} | {statistics.median(ms):.1f} | {p95:.1f} | {len(ms)} |"


def timed(fn, *args) -> float:
    start = time.perf_counter()
    fn(*args)
    return time.perf_counter() - start


def in_process(root: Path, edits: int) -> list[str]:
    shutil.rmtree(root / ".powercat", ignore_errors=True)
    rows = []
    for label in ("index, empty lint cache", "index, warm lint cache"):
        session = Session(root)
        rows.append(summary("read the catalog", [timed(session.load)]))
        rows.append(summary(label, [timed(session.index)]))
    catalog = session.catalog
    folder, rel = catalog.layout.powers[len(catalog.layout.powers) // 2]
    text = (root / rel).read_text(encoding="utf-8")
    dept = catalog.layout.departments[folder]
    dept_text = (root / dept).read_text(encoding="utf-8")
    session.edit(rel, text)
    code = text.split("\n", 1)[0].split(": ", 1)[1]
    variants = {
        "edit: a comment (facts unchanged)": lambda i: text + f"# {i}\n",
        "edit: a step loses its time limit (new finding)": lambda i: text.replace(
            ", time_limit: {days: 1, unit: working}", "", 1) + f"# {i}\n",
        "edit: the power's code (cross-file rules rerun)": lambda i: text.replace(code, f"{code}X{i}", 1),
    }
    for label, make in variants.items():
        rows.append(summary(label, [timed(session.edit, rel, make(i)) for i in range(edits)]))
    session.edit(dept, dept_text)
    rows.append(summary("edit: department.yaml (1 open power re-checked)",
                        [timed(session.edit, dept, dept_text + f"# {i}\n") for i in range(edits)]))
    return rows


async def end_to_end(root: Path, edits: int, debounce: int) -> list[str]:
    client = LanguageClient("bench", "1")
    arrived: dict[int, float] = {}

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def published(params: types.PublishDiagnosticsParams) -> None:
        if params.version is not None:
            arrived.setdefault(params.version, time.perf_counter())

    await client.start_io(sys.executable, "-c", "from powercat.cli import main; main()", "lsp",
                          "--debounce", str(debounce))
    await client.initialize_async(types.InitializeParams(
        capabilities=types.ClientCapabilities(),
        workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name="bench")]))
    client.initialized(types.InitializedParams())
    files = sorted((root / "catalogs").glob("*/powers/*.yaml"))
    path = files[len(files) // 3]
    uri, text = path.as_uri(), path.read_text(encoding="utf-8")
    broken = text.replace(", time_limit: {days: 1, unit: working}", "", 1)
    start = time.perf_counter()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)))
    while 1 not in arrived:
        await asyncio.sleep(0.005)
    first = arrived[1] - start
    await asyncio.sleep(3)  # the whole catalog indexed
    samples = []
    for version in range(2, edits + 2):
        sent = time.perf_counter()
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(
                text=(broken if version % 2 else text) + f"# {version}\n")]))
        while version not in arrived:
            await asyncio.sleep(0.001)
        samples.append(arrived[version] - sent)
        await asyncio.sleep(0.05)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return [summary("open a power: first findings (server start, catalog read)", [first]),
            summary(f"keystroke pause to findings, end to end (debounce {debounce} ms)", samples)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--powers", type=int, default=10000)
    ap.add_argument("--root", type=Path)
    ap.add_argument("--edits", type=int, default=30)
    ap.add_argument("--debounce", type=int, default=100)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = args.root
        if root is None:
            root = Path(tmp) / "catalog"
            subprocess.run([sys.executable, str(HERE / "generate.py"), str(root), "--powers", str(args.powers)],
                           check=True)
        rows = in_process(root, args.edits)
        rows += asyncio.run(end_to_end(root, args.edits, args.debounce))
    print(f"\n{args.powers if args.root is None else root} powers\n")
    print("| what | median ms | p95 ms | runs |\n|---|---|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
