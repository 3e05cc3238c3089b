"""JSON Schemas generated from the models (department, power, records), with Chinese help."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter

from powercat.catalog.enums import LABELS
from powercat.catalog.model import Department, Entry, Power

SCHEMAS: dict[str, Any] = {"department": Department, "power": Power, "records": list[Entry]}
TITLES = {"department": "部门(department.yaml)", "power": "行政权力事项(powers/<code>.yaml)",
          "records": "动态公开登记(records/<部门>/<年>-<月>.yaml)"}


def _label_enums(node: Any) -> None:
    """Give every enum definition Chinese help: a title and one description per value."""
    if isinstance(node, dict):
        defs = node.get("$defs", {})
        for name, d in defs.items():
            if "enum" in d and name in LABELS:
                labels = LABELS[name]
                d["enumDescriptions"] = [labels.get(v, v) for v in d["enum"]]
                d["markdownEnumDescriptions"] = d["enumDescriptions"]
                d["description"] = " · ".join(f"{v} {labels.get(v, v)}" for v in d["enum"])
        for v in node.values():
            _label_enums(v)
    elif isinstance(node, list):
        for v in node:
            _label_enums(v)


def schema(name: str) -> dict[str, Any]:
    target = SCHEMAS[name]
    doc = target.model_json_schema() if isinstance(target, type) and issubclass(target, BaseModel) \
        else TypeAdapter(target).json_schema()
    _label_enums(doc)
    doc["title"] = TITLES[name]
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"https://powercat.dev/schemas/{name}.schema.json", **doc}


def render_all() -> dict[str, str]:
    """File name -> JSON text, for every schema."""
    return {f"{n}.schema.json": json.dumps(schema(n), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
            for n in SCHEMAS}


def write_schemas(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in render_all().items():
        (out / name).write_text(text, encoding="utf-8")
        written.append(out / name)
    return written
