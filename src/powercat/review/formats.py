"""Output of `powercat diff`: plain text, a pull-request comment in Markdown, and JSON."""

from __future__ import annotations

import json
import re
import typing
from typing import Any

from pydantic import BaseModel


from powercat.review.diff import WEAKENINGS, CatalogDiff, Change, ItemDiff
from powercat import i18n
from powercat.catalog import timelimits as tl
from powercat.catalog.model import Department, Power
from powercat.safe import code_span, html_text, markdown, visible

FORMATS = ("text", "markdown", "json")
MARKER = "<!-- powercat-diff -->"  # lets CI find and update its own comment
MAX_MARKDOWN = 60_000  # GitHub refuses comments over 65 536 characters

_ENUM_OF = {"category": "Category", "status": "Status", "scope": "Scope", "timing": "Timing",
            "kind": "ProcedureKind", "level": "Level", "basis_level": "Level", "unit": "DayUnit",
            "risk_level": "RiskLevel", "carriers": "Carrier"}


def t(key: str, lang: str, **args: Any) -> str:
    """A label of the diff output (``diff`` in locales/<lang>/diff.yaml)."""
    return i18n.t(f"diff.{key}", lang, **args)


# --- field names and values ----------------------------------------------------------------

def _submodel(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _submodel(arg)
        if found is not None:
            return found
    return None


_SEG = re.compile(r"([^.\[]+)|\[([^\]]*)\]")


def field_label(fld: str, lang: str, model: type[BaseModel] = Power) -> str:
    """``procedures[general].steps[review].rights`` → 外部流程[一般程序] › 步骤[review] › ..."""
    if fld in ("power", "department"):
        return t(fld, lang)
    if lang != i18n.DEFAULT_LANG:  # the models' field titles (the JSON Schema's) exist in Chinese only
        return fld
    parts: list[str] = []
    current: type[BaseModel] | None = model
    enum = None
    for name, key in _SEG.findall(fld):
        if name:
            info = current.model_fields.get(name) if current else None
            parts.append(info.title if info and info.title else name)
            current = _submodel(info.annotation) if info else None
            enum = {"procedures": "ProcedureKind", "rights": "RightType"}.get(name)
        else:
            parts[-1:] = [f"{parts[-1] if parts else ''}[{i18n.label(f'enum.{enum}', key, lang) if enum else key}]"]
    return " › ".join(parts) or fld


def show(value: Any, lang: str, fld: str = "") -> str:
    """A value as a reviewer reads it (labels for codes, limits as 5个工作日)."""
    last = re.sub(r"\[[^\]]*\]$", "", fld).rsplit(".", 1)[-1]
    if value is None or value == [] or value == {}:
        return "—"
    if isinstance(value, bool):
        return t("yes" if value else "no", lang)
    if value == "on_the_spot" and last in ("statutory", "promised", "extension", "time_limit"):
        return tl.text(value, lang)
    if isinstance(value, list):
        return i18n.join((show(v, lang, fld) for v in value), lang)
    if isinstance(value, dict):
        return _show_dict(value, lang)
    if isinstance(value, str):
        enum = "RightType" if fld.endswith(".rights") or last == "type" and "rights" in fld else _ENUM_OF.get(last)
        return i18n.label(f"enum.{enum}", value, lang) if enum else value
    return str(value)


def _show_dict(d: dict[str, Any], lang: str) -> str:
    if set(d) <= {"days", "unit"} and "days" in d:
        return i18n.days({str(d.get("unit", "working")): d["days"]}, lang)
    if "type" in d and set(d) <= {"type", "note", "basis"}:
        head = i18n.label("enum.RightType", d["type"], lang)
        return t("with_note", lang, head=head, note=d["note"]) if d.get("note") else head
    if "law" in d:
        head = t("basis", lang, law=d["law"], article=d.get("article") or "").strip()
        level = i18n.label("enum.Level", d["level"], lang) if d.get("level") else ""
        note = i18n.join([x for x in (level, str(d.get("edition") or "")) if x], lang)
        head += i18n.t("punct.paren", lang, text=note) if note else ""
        return t("with_text", lang, head=head, text=d["text"]) if d.get("text") else head
    if "steps" in d:
        steps = " → ".join(str(s.get("name", "?")) for s in d["steps"] if isinstance(s, dict))
        return t("steps", lang, kind=i18n.label("enum.ProcedureKind", d.get("kind", ""), lang), steps=steps)
    if "name" in d:
        return str(d["name"])
    return ", ".join(f"{k}: {v}" for k, v in d.items())


def _sorted(items: list[ItemDiff]) -> list[ItemDiff]:
    """Weakening first, then those for the legal review, then by code."""
    return sorted(items, key=lambda i: (not i.weakenings, not i.reviews, i.key))


def _review_notes(item: ItemDiff, lang: str) -> list[str]:
    """The legal-review flags of an item, each with why, and the note on an added power."""
    out = [i18n.t("review.flag_line", lang, title=i18n.t(f"review.flags.{k}.title", lang),
                  law=i18n.t(f"review.flags.{k}.law", lang)) for k in item.reviews]
    return out + ([i18n.t("review.added_note", lang)] if item.status == "added" and item.changes else [])


def _head_name(result: CatalogDiff, lang: str) -> str:
    return result.head if result.head is not None else t("worktree", lang)


def _summary_pairs(result: CatalogDiff, lang: str) -> list[tuple[str, int]]:
    s = result.summary()
    keys = ("added", "removed", "repealed", "changed", "renamed", "weakening")
    return [(t(k, lang), s[k]) for k in keys] + [(i18n.t("review.legal_review", lang), s["legal_review"]),
                                                  (t("departments", lang), s["departments_changed"])]


def _problem_text(p: dict[str, Any], lang: str) -> str:
    return f"{t(p['revision'], lang)} {p['file']}: {t(p['kind'], lang, **p)}"


def _weak_note(c: Change, lang: str) -> str:
    w = WEAKENINGS[c.weakening] if c.weakening else None
    return t("weak_note", lang, title=w.title(lang), law=w.law(lang)) if w else ""


# --- text ----------------------------------------------------------------------------------

def render_text(result: CatalogDiff, lang: str | None = None) -> str:
    lang = i18n.pick_lang(lang)
    lines = [f"powercat diff {result.base} → {_head_name(result, lang)}",
             " · ".join(f"{k} {v}" for k, v in _summary_pairs(result, lang))]
    items = [*_sorted(result.powers), *_sorted(result.departments)]
    if not items:
        return "\n".join([*lines, t("none", lang)]) + "\n"
    for item in items:
        model = Power if item in result.powers else Department
        mark = "⚠ " if item.weakenings else "  "
        lines += ["", f"{mark}{item.key} {item.name} [{t(item.status, lang)}] {item.file or item.old_file}"]
        if item.old_file and item.file:
            lines.append(f"    {t('moved_from', lang)}: {item.old_file}")
        lines += [f"    ⚑ {note}" for note in _review_notes(item, lang)]
        for c in sorted(item.changes, key=lambda c: c.weakening is None):
            flag = "⚠" if c.weakening else "·"
            lines.append(f"    {flag} {field_label(c.field, lang, model)}: "
                         f"{show(c.old, lang, c.field)} → {show(c.new, lang, c.field)}")
            if c.weakening:
                lines.append(f"        {_weak_note(c, lang)}")
        lines += [f"    ✗ {_problem_text(p, lang)}" for p in item.problems]
    if result.weakened:
        lines += ["", t("hint", lang)]
    # one line per line: a value's line breaks and control characters never reach the terminal
    return "\n".join(visible(line).replace("\n", " ") for line in lines) + "\n"


# --- markdown --------------------------------------------------------------------------------

def _cell(text: str) -> str:
    """Text inside a table cell or summary: shown as written (no HTML, no markup, no link), one
    line, no column breaks."""
    return markdown(text, breaks="<br>")


def _md_item(item: ItemDiff, lang: str, model: type[BaseModel]) -> list[str]:
    n = len(item.weakenings)
    extra = f" — ⚠️ {t('weak_count', lang, n=n)}" if n else ""
    extra += "".join(f" — ⚑ {i18n.t(f'review.flags.{k}.title', lang)}" for k in item.reviews)
    opened = " open" if n or item.reviews else ""
    summary = f"<b>{html_text(item.key)}</b> {html_text(item.name)} · {t(item.status, lang)}{extra}"  # raw HTML
    out = [f"<details{opened}><summary>{summary}</summary>", ""]
    where = code_span(item.file or item.old_file or "")  # a folder name cannot leave its code span
    if item.old_file and item.file:
        where += f" ({t('moved_from', lang)} {code_span(item.old_file)})"
    out += [where, ""]
    out += [f"> ⚑ {_cell(note)}" for note in _review_notes(item, lang)] + ([""] if _review_notes(item, lang) else [])
    if item.changes:
        out += [f"| {t('field', lang)} | {t('old', lang)} | {t('new', lang)} | {t('note', lang)} |", "|---|---|---|---|"]
        for c in sorted(item.changes, key=lambda c: c.weakening is None):
            note = f"⚠️ **{_cell(_weak_note(c, lang))}**" if c.weakening else ""
            out.append(f"| {_cell(field_label(c.field, lang, model))} | {_cell(show(c.old, lang, c.field))} "
                       f"| {_cell(show(c.new, lang, c.field))} | {note} |")
        out.append("")
    out += [f"- ❌ {_cell(_problem_text(p, lang))}" for p in item.problems]
    return [*out, "</details>", ""]


def render_markdown(result: CatalogDiff, lang: str | None = None) -> str:
    lang = i18n.pick_lang(lang)
    pairs = _summary_pairs(result, lang)
    head = [MARKER, f"## {t('title', lang)}", "",
            f"{code_span(result.base)} → {code_span(_head_name(result, lang))}", "",
            "| " + " | ".join(k for k, _ in pairs) + " |", "|" + "---|" * len(pairs),
            "| " + " | ".join(f"**{v}**" if v and i == 5 else str(v) for i, (_, v) in enumerate(pairs)) + " |", ""]
    if not result.powers and not result.departments:
        return "\n".join([*head, t("none", lang)]) + "\n"
    weak = [i for i in _sorted(result.powers) if i.weakenings]
    review = [i for i in _sorted(result.powers) if i.reviews and not i.weakenings]
    other = [i for i in _sorted(result.powers) if not i.weakenings and not i.reviews]
    body: list[str] = []
    if weak:
        body += [f"### ⚠️ {t('weak_head', lang)} ({len(weak)})", "", t("hint", lang), ""]
        body += [line for i in weak for line in _md_item(i, lang, Power)]
    if review:
        body += [f"### ⚑ {i18n.t('review.review_head', lang)} ({len(review)})", ""]
        body += [line for i in review for line in _md_item(i, lang, Power)]
    tail: list[str] = []
    if other:
        tail += [f"### {t('other_head', lang)} ({len(other)})", ""]
        tail += [line for i in other for line in _md_item(i, lang, Power)]
    if result.departments:
        tail += [f"### {t('dept_head', lang)} ({len(result.departments)})", ""]
        tail += [line for i in _sorted(result.departments) for line in _md_item(i, lang, Department)]
    text = "\n".join([*head, *body, *tail])
    if len(text) > MAX_MARKDOWN:  # keep whole powers, weakening first, within the limit
        kept, size = [*head], len("\n".join(head))
        for line in [*body, *tail]:
            size += len(line) + 1
            if size > MAX_MARKDOWN - 200:
                break
            kept.append(line)
        while kept and kept[-1] != "</details>" and len(kept) > len(head):
            kept.pop()
        text = "\n".join([*kept, "", f"> {t('truncated', lang)}"])
    return text.rstrip("\n") + "\n"


# --- json ------------------------------------------------------------------------------------

def _json_item(item: ItemDiff, key: str) -> dict[str, Any]:
    return {key: item.key, "name": item.name, "department": item.department, "status": item.status,
            "file": item.file, "old_file": item.old_file,
            "changes": [c.to_json() for c in item.changes], "problems": item.problems, "reviews": item.reviews}


def to_json(result: CatalogDiff) -> dict[str, Any]:
    used = sorted({c.weakening for i in (*result.powers, *result.departments) for c in i.weakenings if c.weakening})
    reviewed = sorted({k for i in result.powers for k in i.reviews})
    return {
        "version": 1, "base": result.base, "base_commit": result.base_commit,
        "head": result.head, "head_commit": result.head_commit,
        "powers": [_json_item(i, "code") for i in result.powers],
        "departments": [_json_item(i, "id") for i in result.departments],
        "summary": result.summary(),
        "weakenings": {k: _weakening_json(WEAKENINGS[k]) for k in used},
        "reviews": {k: {"zh": i18n.t(f"review.flags.{k}.title", "zh-CN"), "en": i18n.t(f"review.flags.{k}.title", "en"),
                        "law": i18n.t(f"review.flags.{k}.law", "zh-CN")} for k in reviewed},
    }


def _weakening_json(w: Any) -> dict[str, str]:
    """Its title in every language, and the legal reason in the default one (Chinese)."""
    return {"zh": w.title("zh-CN"), "en": w.title("en"), "law": w.law("zh-CN")}


def render_json(result: CatalogDiff, lang: str | None = None) -> str:
    return json.dumps(to_json(result), ensure_ascii=False, indent=2) + "\n"


def format_diff(result: CatalogDiff, fmt: str, lang: str | None = None) -> str:
    if fmt not in FORMATS:
        raise ValueError(fmt)
    return {"text": render_text, "markdown": render_markdown, "json": render_json}[fmt](result, lang)
