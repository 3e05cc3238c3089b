"""Is rapidyaml worth adopting? Today's libyaml builder against a rapidyaml converter, on the
generated catalog, measured in CPU time of this one process, interleaved round by round.

    python benchmarks/bench_parser.py [--powers 10000] [--rounds 3] [--e2e-rounds 2] [--no-e2e]

1. Same answer: ``parse_yaml`` (libyaml) and ``ryml_parse.ryml_parse`` must give equal data
   (types and order too), equal positions and equal duplicates, on every generated file, every
   YAML file of this repository (catalogs/, examples/, records/, tests/), every YAML snippet of
   the rule cases, and the edge cases below (syntax errors, duplicates, merges, aliases ...);
   where ryml declines, the reason is counted (the adopted form would ask libyaml there).
2. Parse speed, per file, rounds interleaved: (a) ``parse_yaml`` (data + positions), (b) libyaml
   compose alone (the floor of today's approach), (c) ryml + the converter (data + positions,
   libyaml where it declines), (d) ryml parse alone, (e) ryml parse and a visit of every node
   through the binding, building nothing (the floor of any converter written in Python). The
   garbage collector is paused, as it is when powercat parses (catalog.parallel).
3. End to end: a cold ``validate`` in this process (load_catalog without cache + lint,
   --jobs 1) with each parser, interleaved; and the parse's share of it.

CPU time (``time.process_time``): the machine is shared and wall time swings with the neighbours.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO / "src"))

import ryml  # noqa: E402
import yaml  # noqa: E402
from generate import generate  # noqa: E402
from ryml_parse import Unsupported, parse_with_fallback, ryml_fault, ryml_parse  # noqa: E402
from ryml_parse import _first_child, _key, _next_sibling, _type, _val  # noqa: E402

from powercat.catalog import loader  # noqa: E402
from powercat.catalog.parallel import paused_gc  # noqa: E402
from powercat.catalog.parse import _Loader, parse_yaml  # noqa: E402

EDGES = {
    "syntax: unclosed [": "code: X\nconditions: [a, b\ncategory: licensing\n",
    "syntax: full-width colon": "code: X\nname： 名称\ncategory: licensing\n",
    "syntax: tab indentation": "code: X\nrights:\n\t- {type: statement}\n",
    "syntax: two colons on a line": "a: b: c\n",
    "syntax: unclosed quote": "a: \"x\nb: 1\n",
    "syntax: bad indentation": "a:\n  b: 1\n c: 2\n",
    "duplicate key": "a: 1\nb: 2\na: 3\n",
    "duplicate key in flow": "s: [{id: a, name: x, name: y}]\n",
    "merge key": "base: &b {days: 20, unit: working}\npromised: {<<: *b, days: 10}\n",
    "alias": "a: &x [1, 2]\nb: *x\n",
    "tag": "a: !!str 1\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "explicit document start": "---\na: 1\n",
    "empty file": "",
    "comment only": "# nothing\n",
    "root scalar": "hello\n",
    "root sequence": "- a\n- {b: 1}\n",
    "empty values": "a:\nb: # c\nc: ~\nd: ''\ne: \"\"\n",
    "empty collections": "a: {}\nb: []\nc: [[], {}]\n",
    "empty sequence item": "a:\n  -\n  - x\n",
    "block scalars": "a: |\n  x\n  y\nb: >-\n  x\n\n  y\nc:\n  - |\n    z\n",
    "comment before a collection": "a: # c\n  - x\nb:\n  # c\n  k: 1\n",
    "nested sequences": "a:\n  - - x\n    - y\n  - [z, [w]]\n",
    "quoted keys and escapes": "'k''s': 1\n\"d\\u4e2d\": \"\\x41\\t\"\nc: 'it''s'\n",
    "multi-line scalars": "a: x\n  y\nb: 'p\n  q'\nc: [m\n  n]\n",
    "YAML 1.1 words stay text": "a: no\nb: on\nc: yes\nd: off\ne: true\nf: False\n",
    "numbers and dates": "a: 017\nb: 1:30\nc: 1_000\nd: .inf\ne: 0o17\nf: 2026-01-01\ng: 2026-02-30\nh: 2026-01-01 10:00:00\n",
    "impossible date as a key": "2026-02-30: x\n1: a\ntrue: b\n~: c\n",
    "Chinese keys and columns": "名称: 值\n列表: [甲, {乙: 丙}]\n",
    "CRLF line ends": "a: 1\r\nb: [x,\r\n  y]\r\n",
}


@contextmanager
def quiet_stderr() -> Iterator[None]:
    """ryml prints each parse error to stderr (C++); the report says what matters."""
    sys.stderr.flush()
    saved = os.dup(2)
    with open(os.devnull, "w") as null:
        os.dup2(null.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)


def compare(text: str) -> tuple[str, str]:
    """('same' | 'libyaml' | 'DIFFERENT', detail) for one YAML text."""
    a = parse_yaml(text)
    try:
        c = ryml_parse(text)
    except Unsupported as exc:
        if a.syntax is None and str(exc) == "a syntax error":
            return "DIFFERENT", "ryml rejects what libyaml accepts: " + str(ryml_fault(text))
        detail = str(exc)
        if a.syntax is not None:
            detail += (f": libyaml {a.syntax.line}:{a.syntax.column} {a.syntax.problem!r};"
                       f" ryml {ryml_fault(text)}")
        return "libyaml", detail
    if a.syntax is not None:
        return "DIFFERENT", f"ryml accepts what libyaml rejects ({a.syntax.problem})"
    if repr(a.data) != repr(c.data):
        return "DIFFERENT", f"data {a.data!r} != {c.data!r}"
    pa, pc = a.source.positions, c.source.positions
    if pa != pc:
        diff = sorted((k for k in pa.keys() | pc.keys() if pa.get(k) != pc.get(k)), key=repr)[:3]
        return "DIFFERENT", "positions " + "; ".join(f"{k}: {pa.get(k)} != {pc.get(k)}" for k in diff)
    if a.duplicates != c.duplicates:
        return "DIFFERENT", f"duplicates {a.duplicates} != {c.duplicates}"
    return "same", ""


def repo_texts() -> dict[str, str]:
    """Every YAML file of this repository's catalogs, examples, records and tests, and the rule
    cases' YAML snippets (``yaml:`` and ``files:``)."""
    out = {}
    for folder in ("catalogs", "examples", "records", "tests"):
        for path in sorted((REPO / folder).rglob("*.y*ml")):
            out[str(path.relative_to(REPO))] = path.read_bytes().decode("utf-8-sig")
    for path in sorted((REPO / "src/powercat/lint/rules/cases").glob("PC*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
            snippets = {**(case.get("files") or {}), **({"yaml": case["yaml"]} if "yaml" in case else {})}
            for name, text in snippets.items():
                if isinstance(text, str):
                    out[f"{path.name}:{case['name']}:{name}"] = text
    return out


def check(generated: dict[str, str]) -> None:
    with quiet_stderr():
        for label, texts in (("generated catalog", generated), ("this repository", repo_texts())):
            outcomes: Counter[str] = Counter()
            notes = []
            for name, text in texts.items():
                kind, detail = compare(text)
                outcomes[kind if kind != "libyaml" else f"libyaml ({detail.split(':')[0]})"] += 1
                if kind != "same":
                    notes.append(f"    {kind}: {name}: {detail}")
            print(f"{label}: {len(texts)} files: " + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())))
            print("\n".join(notes[:12]) + (f"\n    ... {len(notes) - 12} more" if len(notes) > 12 else ""))
        print("edge cases:")
        for name, text in EDGES.items():
            kind, detail = compare(text)
            print(f"    {name}: {kind}{': ' + detail if detail else ''}")


def _compose(text: str) -> Any:
    loader_ = _Loader(text)
    try:
        return loader_.get_single_node()
    except yaml.YAMLError:
        return None
    finally:
        loader_.dispose()


def _ryml_alone(text: str) -> Any:
    try:
        return ryml.parse_in_place(bytearray(text.encode("utf-8")), ryml.Tree())
    except ryml.ExceptionBasic:
        return None


def _ryml_walk(text: str) -> Any:
    """ryml, then every node visited through the binding (type, key, value, siblings), nothing
    built: what any converter written in Python pays before it does anything."""
    tree = _ryml_alone(text)
    if tree is not None:
        _visit(tree, tree.root_id())
    return tree


def _visit(tree: Any, n: int) -> None:
    c = _first_child(tree, n)
    while c != ryml.NONE:
        ty = _type(tree, c)
        if ty & ryml.KEY:
            _key(tree, c)
        if ty & ryml.VAL:
            _val(tree, c)
        else:
            _visit(tree, c)
        c = _next_sibling(tree, c)


VARIANTS: dict[str, Callable[[str], Any]] = {
    "(a) parse_yaml: libyaml + builder": parse_yaml,
    "(b) libyaml compose alone": _compose,
    "(c) ryml + converter (libyaml where declined)": parse_with_fallback,
    "(d) ryml parse alone": _ryml_alone,
    "(e) ryml parse + visiting every node": _ryml_walk,
}


def speed(texts: list[str], rounds: int) -> dict[str, float]:
    times: dict[str, list[float]] = {name: [] for name in VARIANTS}
    with quiet_stderr(), paused_gc():  # as the loader parses (catalog.parallel)
        for _ in range(rounds):
            for name, fn in VARIANTS.items():
                start = time.process_time()
                for text in texts:
                    fn(text)
                times[name].append(time.process_time() - start)
    med = {name: statistics.median(ts) for name, ts in times.items()}
    for name, ts in times.items():
        print(f"{name:48} {med[name]:6.2f} CPU s  {1e6 * med[name] / len(texts):6.0f} µs/file"
              f"  (rounds: {', '.join(f'{t:.2f}' for t in ts)})")
    return med


def validate_once(root: Path, parse: Callable[[str], Any]) -> tuple[float, float, list[tuple]]:
    """CPU seconds of one cold validate in this process, the parse's part of it, and the findings."""
    spent = [0.0]

    def timed(text: str) -> Any:
        start = time.process_time()
        try:
            return parse(text)
        finally:
            spent[0] += time.process_time() - start

    from powercat.lint.engine import lint

    loader.parse_yaml = timed
    try:
        start = time.process_time()
        report = lint(loader.load_catalog(root, use_cache=False), jobs=1)
        total = time.process_time() - start
    finally:
        loader.parse_yaml = parse_yaml
    return total, spent[0], [(d.file, d.line, d.column, d.code, repr(d.args)) for d in report.diagnostics]


def end_to_end(root: Path, rounds: int, parse_speedup: float) -> None:
    runs: dict[str, list[tuple[float, float]]] = {"libyaml": [], "ryml": []}
    findings = {}
    with quiet_stderr():
        for _ in range(rounds):
            for name, fn in (("libyaml", parse_yaml), ("ryml", parse_with_fallback)):
                total, parse, found = validate_once(root, fn)
                runs[name].append((total, parse))
                findings[name] = found
    for name, rs in runs.items():
        total = statistics.median(t for t, _ in rs)
        part = statistics.median(p for _, p in rs)
        print(f"cold validate with {name:8} {total:6.2f} CPU s (median; {', '.join(f'{t:.2f}' for t, _ in rs)}),"
              f" parsing {part:5.2f} s = {100 * part / total:.0f} %")
    base = statistics.median(t for t, _ in runs["libyaml"])
    new = statistics.median(t for t, _ in runs["ryml"])
    share = statistics.median(p for _, p in runs["libyaml"]) / base
    print(f"findings identical: {findings['libyaml'] == findings['ryml']} ({len(findings['libyaml'])} findings)")
    print(f"end to end: measured {base / new:.2f}x; estimated from the parse share {100 * share:.0f} % and the"
          f" parse speed-up {parse_speedup:.2f}x: {1 / ((1 - share) + share / parse_speedup):.2f}x (adopt at >= 1.5x)")
    need = share / (1 / 1.5 - (1 - share)) if share > 1 / 3 else float("inf")
    print(f"1.5x end to end needs the parse {need:.1f}x faster (at most {100 / need:.0f} % of today's parse time);"
          f" an infinitely fast parser gives {1 / (1 - share):.2f}x")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--powers", type=int, default=10000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--e2e-rounds", type=int, default=2)
    ap.add_argument("--no-e2e", action="store_true", help="skip the cold validate")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="powercat-bench-parser-") as tmp:
        root = Path(tmp) / "repo"
        generate(root, args.powers, max(4, args.powers // 250), 0.01)
        files = sorted(root.rglob("*.yaml"))
        generated = {str(p.relative_to(root)): p.read_bytes().decode("utf-8-sig") for p in files}
        print(f"{args.powers} powers ({len(files)} YAML files, {sum(map(len, generated.values())) / len(files):.0f}"
              f" characters each), ryml {ryml.__version__}, {args.rounds} rounds, CPU time of this process\n")
        check(generated)
        print()
        med = speed(list(generated.values()), args.rounds)
        speedup = med["(a) parse_yaml: libyaml + builder"] / med["(c) ryml + converter (libyaml where declined)"]
        share = {name[:3]: f"{100 * t / med['(a) parse_yaml: libyaml + builder']:.0f} %" for name, t in med.items()}
        print(f"parse speed-up (a)/(c): {speedup:.2f}x; of (a)'s time, (b) libyaml compose is {share['(b)']},"
              f" (d) ryml alone {share['(d)']}, (e) ryml + visiting every node {share['(e)']}\n")
        if not args.no_e2e:
            end_to_end(root, args.e2e_rounds, speedup)


if __name__ == "__main__":
    main()
