"""Cold and warm opening of the law library, in-process (no interpreter start-up).

    python benchmarks/bench_laws.py [LIBRARY]   # default: ../shared/laws/national.tar.xz, unpacked

Indexes the library with an empty cache (cold: every file read, hashed and parsed, the index
written), then opens it again from the cache (warm: every file read and hashed, the index loaded)
several times, and prints the times with one article lookup, a search and a check. Prints figures;
it is not a timed test.
"""

from __future__ import annotations

import statistics
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from powercat.laws import Library, check

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / ".." / "shared" / "laws" / "national.tar.xz"
WARM_RUNS = 7


def timed(action):  # noqa: ANN001, ANN201
    start = time.perf_counter()
    value = action()
    return value, time.perf_counter() - start


def library_path(tmp: Path) -> Path:
    if len(sys.argv) > 1:
        return Path(sys.argv[1])
    with tarfile.open(FIXTURE, mode="r:xz") as archive:
        archive.extractall(tmp, **({"filter": "data"} if hasattr(tarfile, "data_filter") else {}))
    return tmp / "national"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root, cache = library_path(Path(tmp)), Path(tmp) / "cache"
        Library.open([root])  # imports and first-use costs out of the way (no cache written)
        cold, cold_s = timed(lambda: Library.open([root], cache))
        warm_s = []
        for _ in range(WARM_RUNS):
            warm, seconds = timed(lambda: Library.open([root], cache))
            assert warm.stats.from_cache
            warm_s.append(seconds)
        _, article_s = timed(lambda: warm.article("行政许可法", 42, 2))
        _, search_s = timed(lambda: warm.search(["行政许可"], 50))  # stops at 50 articles
        _, search_all_s = timed(lambda: warm.search(["没有这个词"], 50))  # reads every article
        problems, check_s = timed(lambda: check(warm))
        size = sum(len(f.data) for f in cold.files) / 1e6
    print(f"{cold.stats.files} files, {size:.1f} MB, {cold.stats.editions} editions")
    print(f"cold index {cold_s * 1000:.0f} ms · warm from cache median {statistics.median(warm_s) * 1000:.0f} ms "
          f"(min {min(warm_s) * 1000:.0f}, max {max(warm_s) * 1000:.0f}, {WARM_RUNS} runs)")
    print(f"first article lookup {article_s * 1000:.1f} ms · search 行政许可 {search_s * 1000:.0f} ms "
          f"· search for a word found nowhere (every file parsed) {search_all_s * 1000:.0f} ms "
          f"· check {check_s * 1000:.0f} ms, {len(problems)} problems")


if __name__ == "__main__":
    main()
