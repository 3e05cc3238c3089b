"""The package's shape (docs/architecture.md): packages that show the pipeline, imports that
only go down, no circle, no giant module, and every package saying what it owns."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "powercat"
# lower ranks are below; a module may import its own package and anything ranked lower
RANK = {"": 0, "i18n": 0, "zipfix": 0, "seal": 0, "origin": 0, "safe": 0, "catalog": 1, "lint": 2, "charts": 3, "review": 3, "supervise": 3,
        "site": 4, "adopt": 4, "lsp": 5, "commands": 5, "cli": 6, "laws": 0.5}
MAX_LINES = 400
# imports between packages of one rank: the language server sits beside the commands, and only
# its command starts it
SIDEWAYS = {("commands", "lsp")}


def _module(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every powercat module ``path`` imports (at any depth, TYPE_CHECKING included)."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        assert not (isinstance(node, ast.ImportFrom) and node.level), f"{path}: relative import"
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("powercat"):
            out |= {f"{node.module}.{a.name}" for a in node.names} | {node.module}
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.startswith("powercat")}
    return out


def graph() -> dict[str, set[str]]:
    modules = {_module(p): p for p in SRC.rglob("*.py")}
    return {m: {i for i in _imports(p) if i in modules and i != m} for m, p in modules.items()}


def _top(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_imports_only_go_down() -> None:
    wrong = []
    for mod, deps in graph().items():
        for dep in deps:
            here, there = _top(mod), _top(dep)
            if here != there and RANK.get(there, 0) >= RANK.get(here, 0) and dep != "powercat" \
                    and (here, there) not in SIDEWAYS:
                wrong.append(f"{mod} -> {dep}")
    assert wrong == []


def test_only_commands_import_the_language_server() -> None:
    importers = {mod for mod, deps in graph().items() for dep in deps
                 if _top(dep) == "lsp" and _top(mod) != "lsp"}
    assert importers <= {"powercat.commands.lsp"}


def _cycles(g: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in g[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in sorted(g):
        if v not in index:
            visit(v)
    return found


def test_no_import_circle() -> None:
    g = graph()
    # a package's __init__ importing its own modules is how a package re-exports: not a circle
    for mod in g:
        g[mod] = {d for d in g[mod] if not (d.startswith(mod + ".") and (SRC.parent / mod.replace(".", "/")).is_dir())}
    assert _cycles(g) == []


@pytest.mark.parametrize("path", sorted(SRC.rglob("*.py")), ids=lambda p: p.relative_to(SRC).as_posix())
def test_no_module_is_a_giant(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_LINES


def test_every_package_says_what_it_owns() -> None:
    for init in SRC.glob("*/__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and len(doc) > 60, f"{init.parent.name}/__init__.py needs a docstring saying what it owns"
