"""The powers and departments of a Catalog as items to compare: their data as written, with
the format's defaults applied (so an absent key and its default compare equal), keyed by power
code or department folder. A file that cannot be read, parsed or validated is an item with a
``problem`` (reported by the diff), never an exception.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from powercat.catalog.loader import Catalog, Document


@dataclass(slots=True)
class Item:
    key: str  # a power's code (its file name when it has none), a department's folder
    file: str
    department: str
    data: dict[str, Any]
    problem: dict[str, Any] | None = None

    @property
    def name(self) -> str:
        return str(self.data.get("name") or "")


def _plain(value: Any) -> Any:
    """JSON-safe data: dates as ISO text, keys as text."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _with_defaults(data: dict[str, Any]) -> dict[str, Any]:
    """Apply the format's defaults, so an absent key and its default compare equal."""
    data.setdefault("status", "active")  # hearing and fee.charged have no default: absent is unknown
    for proc in data.get("procedures") or []:
        for step in (proc.get("steps") or []) if isinstance(proc, dict) else []:
            if isinstance(step, dict):
                step.setdefault("type", "task")
    return data


def _problem(doc: Document) -> dict[str, Any] | None:
    if doc.file.problem:
        return {"kind": "encoding" if doc.file.problem in ("encoding", "binary") else doc.file.problem}
    if doc.syntax is not None and doc.syntax.too_big:  # an alias bomb: where, not the parser's English
        return {"kind": "expands", "line": doc.syntax.line, "column": doc.syntax.column}
    if doc.syntax is not None:
        return {"kind": "yaml", "line": doc.syntax.line, "column": doc.syntax.column, "detail": doc.syntax.problem}
    if not isinstance(doc.data, dict):
        return {"kind": "not_mapping"}
    return {"kind": "schema", "count": len(doc.schema_errors)} if doc.schema_errors else None


def item(doc: Document) -> Item:
    f = doc.file
    problem = _problem(doc)
    if problem is not None and problem["kind"] != "schema":
        return Item(f.stem if f.kind == "power" else f.folder, f.rel, f.folder, {}, problem)
    data = _plain(doc.data)
    if f.kind != "power":
        return Item(f.folder, f.rel, f.folder, data, problem)
    code = data.get("code")
    return Item(code if isinstance(code, str) and code else f.stem, f.rel, f.folder, _with_defaults(data), problem)


def items(catalog: Catalog, skip: set[str] = frozenset()) -> tuple[dict[str, Item], dict[str, Item]]:
    """(powers by code, departments by folder), leaving out the files in ``skip`` (unparsed);
    a repeated code keeps the first file."""
    powers: dict[str, Item] = {}
    departments: dict[str, Item] = {}
    for folder, rel in catalog.layout.departments.items():
        if rel in catalog.files and catalog.files[rel].problem != "missing" and rel not in skip:
            departments[folder] = item(catalog.document(rel))
    for _, rel in catalog.layout.powers:
        if rel not in skip:
            e = item(catalog.document(rel))
            powers.setdefault(e.key, e)
    return powers, departments
