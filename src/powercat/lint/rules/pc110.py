"""PC110 — a value is still a placeholder: a ``TODO`` marker, or 无/-//暂无 where a value is required.

An extension of RULES.md: `powercat new power` and `powercat import` write ``TODO 法律法规名称``,
``post: TODO`` … where staff must write a value, and lists write 无 or - for "none". Such text
is not empty, so the rules that look for a missing field (PC201, PC506, PC701) would let it
pass and the site would publish "TODO". This rule reports it, at the value, with the hint the
template wrote; the other rules treat it as missing (`powercat.catalog.placeholders`), so each
field is reported once.

* A ``TODO`` marker is reported in every text field of a power or department file (except the
  references to step ids and rule codes — ``next``, ``step``, ``lint.ignore`` — whose own rules,
  PC502, PC508, PC704 and PC108, already report a step or code named TODO).
* A "none" word only where the field requires a value (``placeholders.SLOTS``, ``required``);
  elsewhere it is a legitimate answer and the field's own rule, if any, treats it as missing.
"""

from __future__ import annotations

import datetime as dt
import enum
import typing
from functools import lru_cache
from typing import Any, Iterator

from pydantic import BaseModel

from powercat.catalog import placeholders as ph
from powercat.catalog.enums import StepType
from powercat.catalog.parse import DataPath
from powercat.lint.rules.base import DepartmentCtx, Finding, PowerCtx, rule

RULE = rule(
    "PC110", "error",
    law="FORMAT.md 第 3 节(必填字段)；中办发〔2015〕21号《关于推行地方各级政府工作部门权力清单制度的指导意见》"
        "(逐项列明职权依据、责任事项，见 PC201、PC701)；中华人民共和国政府信息公开条例第六条(及时、准确地公开政府信息)",
)

# references whose own rules report a TODO (a step or rule code that does not exist)
SKIP = frozenset({"next", "step", "ignore"})
OWN = (StepType.task, StepType.decision)


def _show(value: str) -> str:
    """The value as the message quotes it: at most 40 characters, around the marker when it is late."""
    text = " ".join(value.split())
    if len(text) <= 40:
        return text
    at = text.find(ph.MARKER)
    start = 0 if at < 30 else at - 15
    return ("…" if start else "") + text[start:start + 37] + ("…" if start + 37 < len(text) else "")


def _suspect(value: str) -> bool:
    return ph.MARKER in value or (len(value) < 8 and ph.is_none(value))


def _may_hold_text(annotation: Any) -> bool:
    """Whether a field of this type can hold text (not an enumeration, number, flag or date)."""
    args = typing.get_args(annotation)
    if args:
        return any(_may_hold_text(a) for a in args if a is not type(None))
    if isinstance(annotation, type):
        return not issubclass(annotation, (enum.Enum, int, float, dt.date))
    return True  # Literal values, forward references: look


@lru_cache(maxsize=None)
def _text_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of ``model`` that may hold text, in field order."""
    return tuple(name for name, info in model.model_fields.items()
                 if name not in SKIP and _may_hold_text(info.annotation))


def suspects(obj: BaseModel, path: DataPath = (), out: list | None = None) -> list[tuple[DataPath, str, BaseModel]]:
    """(path, text, the model holding it) of every text value of a model that may be a placeholder,
    in field order (a fast scan: most values are neither marked nor that short)."""
    out = [] if out is None else out
    values = obj.__dict__  # pydantic keeps the fields there
    for name in _text_fields(type(obj)):
        value = values.get(name)
        kind = type(value)
        if kind is str:
            if _suspect(value):
                out.append(((*path, name), value, obj))
        elif kind is list:
            for i, item in enumerate(value):
                if type(item) is str:
                    if _suspect(item):
                        out.append(((*path, name, i), item, obj))
                elif isinstance(item, BaseModel):
                    suspects(item, (*path, name, i), out)
        elif isinstance(value, BaseModel):
            suspects(value, (*path, name), out)
    return out


def _title(info: Any, name: str) -> str:
    return (info.title or name).split("(")[0]  # 岗位任务(按顺序) -> 岗位任务


def describe(root: BaseModel, path: DataPath) -> tuple[str, str, Any]:
    """How zh and en name the field at ``path`` (行使依据第 1 项的法律法规名称, legal_basis 1 › law; a
    step by its name: 环节“受理”的承办岗位), and its pydantic field."""
    zh: list[str] = []
    en: list[str] = []
    obj: Any = root
    info: Any = None
    for n, key in enumerate(path):
        if isinstance(key, int):
            continue
        info = type(obj).model_fields[key]
        value = getattr(obj, key)
        index = path[n + 1] if n + 1 < len(path) and isinstance(path[n + 1], int) else None
        if index is None:
            if n == len(path) - 1:
                zh.append(_title(info, key))  # a nested mapping's name is left out: 时限依据 says enough
            en.append(key)
            obj = value
            continue
        item = value[index]
        if key == "steps":  # 环节“受理”, not 外部流程第 1 项的步骤第 2 项
            zh[:] = [f"环节“{item.name}”"]
            en[:] = [f"step {item.id}"]
        else:
            zh.append(f"{_title(info, key)}第 {index + 1} 项")
            en.append(f"{key} {index + 1}")
        obj = item
    return "的".join(zh), " › ".join(en), info


def _required(slot: ph.Slot | None, holder: BaseModel, power: Any) -> bool:
    if slot is None or slot.required == ph.NEVER:
        return False
    if slot.required == ph.STATUTORY:
        limit = power.time_limit
        return limit is not None and (limit.statutory is not None or limit.extension is not None)
    if slot.required == ph.OWN_STEP:
        return getattr(holder, "type", None) in OWN and not ph.filled(getattr(holder, "actor", None))
    return True


def _posts(slot: ph.Slot | None, ctx: Any) -> list[str] | None:
    """A step's post: the department's post ids to choose from (None for any other field)."""
    if slot is None or slot.path[-1] != "post" or slot.scope != "power":
        return None
    department = getattr(ctx, "department", None)
    return [p.id for p in department.posts] if department is not None else None


def _hint(slot: ph.Slot | None, path: DataPath, ctx: Any) -> str:
    if slot is None:
        return ""
    if slot.path[-1] == "post" and slot.scope == "power":
        department = getattr(ctx, "department", None)
        return ph.post_hint([p.id for p in department.posts]) if department is not None else ""
    if slot.path == ("time_limit", "basis"):
        return ph.limit_example(ctx.profile.category(ctx.power.category).max_source)
    return slot.hint


def _findings(ctx: Any, obj: BaseModel, scope: str, power: Any = None) -> Iterator[Finding]:
    for path, value, holder in suspects(obj):
        if ph.is_todo(value):
            kind = "todo" if value.lstrip().startswith(ph.MARKER) else "marker"
        elif ph.is_none(value):
            slot = ph.slot(path, scope)
            if not _required(slot, holder, power):
                continue
            kind = "none"
        else:
            continue
        slot = ph.slot(path, scope)
        hint = _hint(slot, path, ctx)
        posts = _posts(slot, ctx)
        if posts and kind != "marker":  # the department's post ids, said in the message's language
            hint, kind = "", kind + "_post"
        zh, en, info = describe(obj, path)
        if kind not in ("marker", "todo_post", "none_post") and not hint:  # no hint: may the field go instead?
            optional = (slot is None or slot.required == ph.NEVER) and not info.is_required()
            kind += "_optional" if kind == "todo" and optional else "_plain"
        title = _title(info, str(path[-1] if isinstance(path[-1], str) else path[-2]))
        args = {"label": zh, "field": en, "title": title, "value": _show(value), "hint": hint, "posts": posts or []}
        yield Finding(path, args, kind, at="value")


@RULE.check("power")
def check(ctx: PowerCtx) -> Iterator[Finding]:
    yield from _findings(ctx, ctx.power, "power", ctx.power)


@RULE.check("department")
def check_department(ctx: DepartmentCtx) -> Iterator[Finding]:
    yield from _findings(ctx, ctx.department, "department")


# --- docs: the placeholder table, from placeholders.SLOTS --------------------------------------

def _field(slot: ph.Slot) -> str:
    if slot.show:
        return slot.show
    text = ".".join(slot.path).replace(".*", "[]")
    return text if slot.scope == "power" else f"department.yaml: {text}"


def details(entry: dict[str, Any]) -> str:
    """The table of docs/rules/PC110.md: each field, what the templates write, and what a "none"
    word means there; ``entry`` is the rule's locale entry (its texts: ``details``)."""
    text = entry["details"]
    rows = [text["intro"].strip(), "", text["head"], "|---|---|---|"]
    for slot in ph.SLOTS:
        written = f"`{ph.todo(slot.label)}`" if slot.written else "—"
        if slot.path == ("time_limit", "basis"):
            written = f"`{ph.limit_basis(None)}`, `{ph.limit_basis('行政许可法第四十二条第一款：…')}`"
        none = text[slot.required] if slot.required != ph.NEVER else \
            text["never_then"].format(then=slot.then) if slot.then else text["never"]
        rows.append(f"| `{_field(slot)}` | {written} | {none} |")
    return "\n".join([*rows, "", text["outro"].strip()])


RULE.details = details
