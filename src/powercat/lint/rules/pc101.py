"""PC101 — the document does not match the schema; one finding per problem, at the key."""

from __future__ import annotations

import difflib
import re
from functools import lru_cache
from typing import Any, Iterator

from pydantic import BaseModel

from powercat.catalog import model
from powercat.lint.rules.base import Finding, ParseCtx, rule
from powercat.safe import visible

RULE = rule("PC101", "error")

# pydantic error types -> message variants (locales/*/pc1xx.yaml: PC101.message.<variant>)
VARIANTS = {
    "missing": "missing", "extra_forbidden": "unknown_key", "enum": "enum", "literal_error": "enum",
    "string_type": "text", "int_type": "integer", "int_parsing": "integer", "int_from_float": "integer",
    "bool_type": "boolean", "bool_parsing": "boolean", "list_type": "list", "dict_type": "mapping",
    "model_type": "mapping", "model_attributes_type": "mapping", "date_type": "date",
    "date_parsing": "date", "date_from_datetime_parsing": "date", "date_from_datetime_inexact": "date",
    "greater_than_equal": "minimum", "less_than_equal": "maximum", "string_pattern_mismatch": "pattern", "string_too_short": "empty",
    "union_tag_invalid": "other",
}


@lru_cache(maxsize=1)
def _field_names() -> list[str]:
    names: set[str] = set()
    for obj in vars(model).values():
        if isinstance(obj, type) and issubclass(obj, BaseModel):
            names |= set(obj.model_fields)
    return sorted(names)


def _show(value: Any) -> str:
    text = visible(str(value))  # a value is shown, never sent to the terminal as it is
    return text if len(text) <= 40 else text[:37] + "..."


def _finding(err: dict[str, Any]) -> Finding:
    variant = VARIANTS.get(err["type"], "other")
    path = err["path"]
    if err["type"] == "control_character":  # the loader's own check, shaped like pydantic's errors
        ctx = err["ctx"]
        field = next((p for p in reversed(path) if isinstance(p, str)), "")  # conditions, not 0
        args = {"field": visible(field), "char": ctx["char"], "index": ctx["index"]}
        return Finding(path, args, "control_key" if ctx["at"] == "key" else "control", at=ctx["at"])
    args: dict[str, Any] = {"detail": err["msg"], "value": _show(err.get("input", ""))}
    ctx = err.get("ctx") or {}
    if variant == "missing":
        args["field"] = err["missing"] or str(err["loc"][-1])
        return Finding(path, args, variant, at="key")
    if variant == "unknown_key":
        key = visible(str(err["loc"][-1]))
        close = difflib.get_close_matches(key, _field_names(), n=1, cutoff=0.6)
        args.update(field=key, suggestion=close[0] if close else "")
        return Finding(path, args, "unknown_key_suggest" if close else variant, at="key")
    args["field"] = str(path[-1]) if path else ""
    args.update({k: str(v) for k, v in ctx.items() if k in ("expected", "ge", "le", "pattern")})
    if variant == "enum":
        args.update(_choices(args.get("expected", ""), err.get("input")))
        if args.get("suggestion"):
            variant = "enum_suggest"
    return Finding(path, args, variant, at="value")


def _choices(expected: str, given: object) -> dict[str, Any]:
    """pydantic's "'a', 'b' or 'c'" as the list of codes (no English "or"), and the
    closest one to what was written (``suggestion``, empty when none is close)."""
    codes = re.findall(r"'([^']*)'", expected)
    if not codes:
        return {}
    close = difflib.get_close_matches(str(given), codes, n=1, cutoff=0.6)
    return {"expected": codes, "suggestion": close[0] if close else ""}


@RULE.check("parse")
def check(ctx: ParseCtx) -> Iterator[Finding]:
    if ctx.problem == "missing":  # a department folder without its department.yaml
        yield Finding((), {"file": ctx.file}, "missing_department", line=1, column=1)
        return
    if ctx.problem or ctx.syntax is not None or not ctx.schema_errors:  # PC100 says why it was not read
        return
    if not isinstance(ctx.data, list if ctx.expected == "list" else dict):
        kind = "empty" if ctx.data is None else type(ctx.data).__name__
        variant = "empty_file" if ctx.data is None else f"not_{ctx.expected}"
        yield Finding((), {"kind": kind}, variant)
        return
    for err in ctx.schema_errors:
        yield _finding(err)
