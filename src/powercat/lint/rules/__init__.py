"""The rule registry: every rule of RULES.md, one module each, listed here explicitly."""

from __future__ import annotations

import importlib
from typing import Any

from powercat.lint.rules.base import REGISTRY, Rule, rule  # noqa: F401

CODES = [
    "PC100", "PC101", "PC102", "PC103", "PC104", "PC105", "PC106", "PC107", "PC108", "PC109", "PC110",
    "PC201", "PC202", "PC203", "PC204", "PC205", "PC206", "PC207", "PC208", "PC209", "PC210", "PC211", "PC212",
    "PC301", "PC302", "PC303", "PC304", "PC305", "PC306",
    "PC401", "PC402", "PC403", "PC404", "PC405", "PC406", "PC407",
    "PC501", "PC502", "PC503", "PC504", "PC505", "PC506", "PC507", "PC508", "PC509", "PC510",
    "PC601", "PC602", "PC603", "PC604", "PC605", "PC606", "PC607",
    "PC701", "PC702", "PC703", "PC704",
    "PC801", "PC802", "PC803", "PC804",
]


_LOADED: dict[str, Rule] = {}


def all_rules() -> dict[str, Rule]:
    """Import every rule module (once) and return the registry, in code order."""
    if _LOADED:
        return _LOADED
    for code in CODES:
        name = f"{__name__}.{code.lower()}"
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
    _LOADED.update({c: REGISTRY[c] for c in CODES if c in REGISTRY})
    return _LOADED


_BY_SCOPE: dict[str, list[tuple[str, Any]]] = {}


def checks_for(scope: str) -> list[tuple[str, Any]]:
    """(code, check) of every rule with a check for ``scope``, in code order (computed once)."""
    if scope not in _BY_SCOPE:
        _BY_SCOPE[scope] = [(code, r.checks[scope]) for code, r in all_rules().items() if scope in r.checks]
    return _BY_SCOPE[scope]
