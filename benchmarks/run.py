"""`make bench`: powercat's speed side by side with its peers, on generated catalogs.

    python benchmarks/run.py [--sizes 1000 10000] [--only validate,render,publish]

For each size it measures, each as a fresh process (wall time and the process tree's peak
memory): validate cold (no cache), validate warm (nothing changed), validate after one file
changed, render cold and unchanged, publish cold, again unchanged and after one power changed; and the peers in the same run: check-jsonschema
against the exported JSON Schema on the same files (structure only) and naive rendering (one
Graphviz process per graph, benchmarks/bench_render.py). Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
BIN = Path(sys.executable).parent


def measure(cmd: list[str], cwd: Path | None = None) -> tuple[float, float, int]:
    """(seconds, peak MiB of the process tree, exit code) of one command."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "CI": "true"})
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    return seconds, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def powercat(*args: str) -> list[str]:
    return [str(BIN / "powercat"), *args]


def bench_size(n: int, only: set[str], work: Path) -> list[tuple[str, float, float]]:
    root = work / f"catalog-{n}"
    subprocess.run([sys.executable, str(HERE / "generate.py"), str(root), "--powers", str(n)], check=True)
    rows: list[tuple[str, float, float]] = []

    def run(label: str, cmd: list[str]) -> None:
        secs, mib, _ = measure(cmd, cwd=root)
        rows.append((label, secs, mib))
        print(f"  {n:>6}  {label:<44} {secs:8.2f} s {mib:8.0f} MiB", flush=True)

    if "validate" in only:
        shutil.rmtree(root / ".powercat", ignore_errors=True)
        run("validate, cold (no cache)", powercat("validate", "--format", "json", "--output", "/dev/null"))
        run("validate, warm (nothing changed)", powercat("validate", "--format", "json", "--output", "/dev/null"))
        one = next((root / "catalogs").glob("*/powers/*.yaml"))
        one.write_text(one.read_text(encoding="utf-8") + "# changed\n", encoding="utf-8")
        run("validate, one file changed", powercat("validate", "--format", "json", "--output", "/dev/null"))
        laws = ["--laws", str(REPO / "tests" / "data" / "laws" / "national")]
        shutil.rmtree(root / ".powercat", ignore_errors=True)
        run("validate, cold, citations checked against the law library",
            powercat("validate", *laws, "--format", "json", "--output", "/dev/null"))
        run("validate, warm, with the law library", powercat("validate", *laws, "--format", "json", "--output", "/dev/null"))
        files = sorted(str(p) for p in (root / "catalogs").glob("*/powers/*.yaml"))
        run("peer: check-jsonschema (structure only)",
            [str(BIN / "check-jsonschema"), "--schemafile", str(REPO / "schemas" / "power.schema.json"), *files])
    if "render" in only:
        run("render, cold", powercat("render", "--out", str(work / f"fc-{n}")))
        run("render, unchanged", powercat("render", "--out", str(work / f"fc-{n}")))
    if "publish" in only:
        run("publish (with search), cold", powercat("publish", "--out", str(work / f"site-{n}"), "--allow-errors"))
        run("publish again, nothing changed (every page kept)",
            powercat("publish", "--out", str(work / f"site-{n}"), "--allow-errors"))
        one = sorted((root / "catalogs").glob("*/powers/*.yaml"))[len(list((root / "catalogs").glob("*/powers/*.yaml"))) // 2]
        one.write_text(one.read_text(encoding="utf-8").replace("name: ", "name: 调整后的", 1), encoding="utf-8")
        run("publish after one power changed (its page, search bundle, data)",
            powercat("publish", "--out", str(work / f"site-{n}"), "--allow-errors"))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--only", default="validate,render,publish")
    ap.add_argument("--keep", type=Path, help="keep generated catalogs here")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="powercat-bench-"))
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}; work dir {work}")
    table = ["| powers | step | time | peak memory |", "|---:|---|---:|---:|"]
    for n in args.sizes:
        for label, secs, mib in bench_size(n, set(args.only.split(",")), work):
            table.append(f"| {n:,} | {label} | {secs:.2f} s | {mib:.0f} MiB |")
    print("\n" + "\n".join(table))
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
