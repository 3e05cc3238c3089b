"""Cold versus warm `validate` on the same tree, in-process (no interpreter start-up).

    python benchmarks/bench_cache.py [ROOT]     # default: the demo catalogs

Copies ROOT to a temporary folder, runs validate with an empty cache, then again with nothing
changed, then after touching one power file, and prints the three times and the warm/cold ratio.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

from powercat.lint.engine import validate

REPO = Path(__file__).resolve().parents[1]


def timed(root: Path) -> float:
    start = time.perf_counter()
    validate(root)
    return time.perf_counter() - start


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "repo"
        shutil.copytree(source, root, ignore=shutil.ignore_patterns(".powercat", ".git", ".venv", "build"))
        validate(root, use_cache=False)  # imports and first-use costs out of the way
        shutil.rmtree(root / ".powercat", ignore_errors=True)
        cold = timed(root)
        warm = timed(root)
        one = next((root / "catalogs").glob("*/powers/*.yaml"))
        one.write_text(one.read_text(encoding="utf-8") + "# 改动\n", encoding="utf-8")
        changed = timed(root)
    print(f"cold {cold * 1000:.0f} ms · warm {warm * 1000:.0f} ms · one file changed {changed * 1000:.0f} ms "
          f"· warm/cold {warm / cold:.3f}")


if __name__ == "__main__":
    main()
