"""A document's data checked against its model: pydantic's errors, each with the data path it
points at, and the characters a catalog never holds."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from powercat.catalog.model import UNION_TAGS
from powercat.safe import control_at


def data_path(data: Any, loc: tuple[Any, ...]) -> tuple[tuple[Any, ...], str | None]:
    """Map a pydantic error location to a data path; the second item names a missing key."""
    path: list[Any] = []
    for part in loc:
        if isinstance(part, str) and part in UNION_TAGS:
            continue
        if isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return tuple(path), str(part)
        path.append(part)
    return tuple(path), None


def control_errors(data: Any, path: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
    """A located error (shaped like pydantic's) for every key and text holding a character a
    catalog never holds (``powercat.safe.CONTROL``: a control character such as "\\x0b" or
    "\\x1b", written with an escape in a quoted YAML string; a line separator; a bidi override):
    such a text would crash a spreadsheet or a Word file, break a chart or fool a terminal."""
    out: list[dict[str, Any]] = []
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        here = (*path, key)
        for text, at in ((key, "key"), (value, "value")):
            found = control_at(text) if isinstance(text, str) else None
            if found:
                out.append({"type": "control_character", "loc": here, "msg": found[1], "input": text, "path": here,
                            "missing": None, "ctx": {"char": found[1], "index": found[0] + 1, "at": at}})
        out += control_errors(value, here)
    return out


def validate_model(model: type[BaseModel], data: Any, text: str | None = None) -> tuple[Any, list[dict[str, Any]]]:
    """(the model or None, pydantic's errors each with the data path it points at). A document
    holding a control character has no model (``control_errors``). ``text``: the document's
    text; when it holds no such character and no escape, its data holds none either and is
    not walked (a tenth of a cold validate)."""
    clean = text is not None and control_at(text) is None and "\\" not in text
    controls = [] if clean else control_errors(data)
    try:
        validated = model.model_validate(data)
        return (None if controls else validated), controls
    except ValidationError as exc:
        errors = []
        for err in exc.errors(include_url=False):
            path, missing = data_path(data, tuple(err["loc"]))
            errors.append({**err, "path": path, "missing": missing})
        return None, controls + errors
