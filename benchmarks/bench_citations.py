"""What checking citations against the law library costs `validate`, measured in-process and
interleaved (without, with, without, with ...) so a busy machine affects both alike.

    python benchmarks/bench_citations.py [--powers 10000] [--rounds 3]

Each round lints the same generated catalog cold (no cache) in this process (--jobs 1), once
without a law library and once with the test library (tests/data/laws/national), and takes the
process's CPU time (wall time on a shared machine measures the neighbours); the ratio of the
medians is what the library adds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from generate import generate  # noqa: E402

from powercat.catalog.loader import load_catalog  # noqa: E402
from powercat.lint.engine import lint  # noqa: E402

LAWS = HERE.parent / "tests" / "data" / "laws" / "national"


def once(root: Path, laws: list[Path] | None, jobs: int) -> float:
    """CPU seconds of one cold lint in this process (a busy machine stretches wall time, not this)."""
    catalog = load_catalog(root, use_cache=False, laws=laws)
    start = time.process_time()
    lint(catalog, jobs=jobs)
    return time.process_time() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--powers", type=int, default=10000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=1)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="powercat-bench-laws-") as tmp:
        root = Path(tmp) / "repo"
        generate(root, args.powers, max(4, args.powers // 250), 0.0)
        without, with_laws = [], []
        for _ in range(args.rounds):
            without.append(once(root, None, args.jobs))
            with_laws.append(once(root, [LAWS], args.jobs))
    a, b = statistics.median(without), statistics.median(with_laws)
    print(f"{args.powers} powers, {args.rounds} rounds, --jobs {args.jobs}")
    print(f"lint without a law library: {a:.2f} CPU s (median; {', '.join(f'{x:.2f}' for x in without)})")
    print(f"lint with the law library:  {b:.2f} CPU s (median; {', '.join(f'{x:.2f}' for x in with_laws)})")
    print(f"the library adds {100 * (b / a - 1):+.0f} %")


if __name__ == "__main__":
    main()
