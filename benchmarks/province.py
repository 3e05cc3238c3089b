"""A province's catalogs, generated, and what powercat does with them (`make bench-province`).

    python benchmarks/province.py WORK [--counties 100] [--departments 40] [--skip-generate]

Generates (benchmarks/generate.py's powers, no planted defects) a province of ``--counties``
counties × ``--departments`` departments × 200–300 powers each (100 × 40 × 250 on average: about
a million powers) as one tree, ``WORK/province`` (folders ``c001-d00`` ...), and one county as a
repository of its own, ``WORK/county`` (as a county publishes its site). Then it measures, each
as a fresh process (wall time and the process tree's peak memory): validate of the whole province
cold (no cache) and warm (nothing changed); publish of the county cold, and again after one power
changed. Prints a Markdown table for the README. Not part of `make test`: the province is about
4 GB on disk and takes a quarter of an hour on two cores.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import CATS, PREFIX, power  # noqa: E402
from run import measure, powercat  # noqa: E402

TOML = '[site]\ntitle = "基准测试省"\njurisdiction = "基准测试省"\n[rules]\nPC204 = "off"\n'


def department(folder: str, name: str, n: int) -> str:
    from generate import department as one

    return one(n).replace(f"id: d{n:03d}", f"id: {folder}", 1).replace(f"name: 示例省第{n}局", f"name: {name}", 1)


def county(out: Path, c: int, departments: int, rnd: random.Random, folder_of=lambda c, d: f"d{d:02d}") -> int:
    """One county's departments and powers under ``out/catalogs``; the number of powers."""
    total = 0
    for d in range(departments):
        folder = folder_of(c, d)
        where = out / "catalogs" / folder
        (where / "powers").mkdir(parents=True, exist_ok=True)
        (where / "department.yaml").write_text(department(folder, f"第{c}县第{d}局", d), encoding="utf-8")
        for i in range(rnd.randint(200, 300)):  # 250 on average: 100 × 40 × 250 = a million
            cat = CATS[(d + i) % len(CATS)]
            code = f"{PREFIX[cat]}-C{c:03d}D{d:02d}-{i:04d}"
            (where / "powers" / f"{code}.yaml").write_text(power(code, cat, rnd, None), encoding="utf-8")
            total += 1
    return total


def generate(work: Path, counties: int, departments: int) -> tuple[int, int]:
    """The province tree and one county's repository; (powers in the province, in the county)."""
    province = work / "province"
    shutil.rmtree(province, ignore_errors=True)
    province.mkdir(parents=True)
    (province / "powercat.toml").write_text(TOML, encoding="utf-8")
    rnd = random.Random(20261129)
    total = sum(county(province, c, departments, rnd, lambda c, d: f"c{c:03d}-d{d:02d}") for c in range(1, counties + 1))
    one = work / "county"
    shutil.rmtree(one, ignore_errors=True)
    one.mkdir(parents=True)
    (one / "powercat.toml").write_text(TOML.replace("基准测试省", "基准测试县"), encoding="utf-8")
    own = county(one, 1, departments, random.Random(1))
    git(one, "init", "-q")
    git(one, "add", ".")
    git(one, "commit", "-qm", "county catalog")
    return total, own


def git(root: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.org",
           "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.org"}
    subprocess.run(["git", "-C", str(root), *args], check=True, env=env)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("work", type=Path)
    ap.add_argument("--counties", type=int, default=100)
    ap.add_argument("--departments", type=int, default=40)
    ap.add_argument("--skip-generate", action="store_true", help="measure the province already in WORK")
    args = ap.parse_args()
    work = args.work.resolve()
    if args.skip_generate:
        total = sum(1 for _ in (work / "province" / "catalogs").glob("*/powers/*.yaml"))
        own = sum(1 for _ in (work / "county" / "catalogs").glob("*/powers/*.yaml"))
    else:
        secs, mib, _ = measure([sys.executable, __file__, str(work), "--counties", str(args.counties),
                                "--departments", str(args.departments), "--generate-only"])
        total = sum(1 for _ in (work / "province" / "catalogs").glob("*/powers/*.yaml"))
        own = sum(1 for _ in (work / "county" / "catalogs").glob("*/powers/*.yaml"))
        print(f"generated {total:,} powers ({own:,} in the county) in {secs:.0f} s", flush=True)
    rows = []

    def run(label: str, cmd: list[str], cwd: Path) -> None:
        secs, mib, code = measure(cmd, cwd=cwd)
        rows.append((label, secs, mib, code))
        print(f"  {label:<58} {secs:8.1f} s {mib:8.0f} MiB  exit {code}", flush=True)

    province, one = work / "province", work / "county"
    shutil.rmtree(province / ".powercat", ignore_errors=True)
    validate = powercat("validate", "--format", "json", "--output", "/dev/null")
    run(f"validate the province ({total:,} powers), cold", validate, province)
    run("validate the province, warm (nothing changed)", validate, province)
    shutil.rmtree(one / ".powercat", ignore_errors=True)
    shutil.rmtree(one / "build", ignore_errors=True)
    run(f"publish one county ({own:,} powers), cold", powercat("publish"), one)
    changed = next((one / "catalogs").glob("*/powers/*.yaml"))
    changed.write_text(changed.read_text(encoding="utf-8").replace("name: ", "name: 调整后的", 1), encoding="utf-8")
    git(one, "commit", "-qam", "one power changed")
    run("publish the county again, one power changed", powercat("publish"), one)
    git(one, "reset", "-q", "--hard", "HEAD~1")
    print(f"\nMachine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}\n")
    print("| run | seconds | peak MiB |\n|---|---:|---:|")
    for label, secs, mib, _ in rows:
        print(f"| {label} | {secs:.1f} | {mib:.0f} |")


if __name__ == "__main__":
    if "--generate-only" in sys.argv:
        sys.argv.remove("--generate-only")
        ap = argparse.ArgumentParser()
        ap.add_argument("work", type=Path)
        ap.add_argument("--counties", type=int, default=100)
        ap.add_argument("--departments", type=int, default=40)
        a = ap.parse_args()
        generate(a.work.resolve(), a.counties, a.departments)
    else:
        main()
