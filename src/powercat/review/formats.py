"""Output of `powercat diff`: plain text, a pull-request comment in Markdown, and JSON."""

from __future__ import annotations

import html
import json
import re
import typing
from typing import Any

from pydantic import BaseModel

from powercat.review.added import words
from powercat.review.diff import WEAKENINGS, CatalogDiff, Change, ItemDiff
from powercat.catalog.enums import label
from powercat.i18n import pick_lang
from powercat.catalog.model import Department, Power

FORMATS = ("text", "markdown", "json")
MARKER = "<!-- powercat-diff -->"  # lets CI find and update its own comment
MAX_MARKDOWN = 60_000  # GitHub refuses comments over 65 536 characters

_T = {
    "zh-CN": {
        "worktree": "工作区", "title": "职权目录变更审核 (powercat diff)",
        "added": "新增", "removed": "删除", "changed": "修改", "renamed": "移动/改名",
        "repealed": "取消/暂停", "weakening": "削弱相对人权益", "departments": "部门信息变更",
        "none": "两个版本之间职权目录没有变化。", "weak_head": "削弱相对人权益的变更",
        "other_head": "其他变更", "dept_head": "部门信息(department.yaml)",
        "field": "字段", "old": "原", "new": "新", "note": "审核提示", "moved_from": "原文件",
        "weak_count": "{n} 处削弱", "yes": "是", "no": "否", "spot": "当场",
        "problem": "无法比较", "encoding": "不是 UTF-8 文本", "not_mapping": "不是 YAML 映射(键: 值)",
        "yaml": "YAML 语法错误(第 {line} 行第 {column} 列)：{detail}",
        "schema": "有 {count} 处不符合格式，请运行 powercat validate 查看",
        "base": "基准版本", "head": "新版本", "truncated": "输出过长，其余变更请在本地运行 powercat diff 查看。",
        "problems_head": "无法读取的文件", "power": "事项", "department": "部门",
        "hint": "⚠ 标记的变更削弱了相对人的权益，法制审核时请核实其法律依据。",
    },
    "en": {
        "worktree": "working tree", "title": "Catalog change review (powercat diff)",
        "added": "added", "removed": "removed", "changed": "changed", "renamed": "moved/renamed",
        "repealed": "repealed/suspended", "weakening": "weakening", "departments": "departments changed",
        "none": "The catalogs do not differ between the two revisions.", "weak_head": "Changes that weaken the citizen's position",
        "other_head": "Other changes", "dept_head": "Departments (department.yaml)",
        "field": "field", "old": "old", "new": "new", "note": "review note", "moved_from": "was",
        "weak_count": "{n} weakening", "yes": "yes", "no": "no", "spot": "on the spot",
        "problem": "cannot compare", "encoding": "not UTF-8 text", "not_mapping": "not a YAML mapping",
        "yaml": "YAML syntax error (line {line}, column {column}): {detail}",
        "schema": "{count} format problems; run powercat validate",
        "base": "base", "head": "head", "truncated": "Output too long; run powercat diff locally for the rest.",
        "problems_head": "Unreadable files", "power": "power", "department": "department",
        "hint": "Changes marked ⚠ weaken the citizen's position: check their legal basis in review.",
    },
}
_ENUM_OF = {"category": "Category", "status": "Status", "scope": "Scope", "timing": "Timing",
            "kind": "ProcedureKind", "level": "Level", "basis_level": "Level", "unit": "DayUnit",
            "risk_level": "RiskLevel", "carriers": "Carrier"}


def t(key: str, lang: str, **args: Any) -> str:
    return _T.get(lang, _T["zh-CN"]).get(key, key).format(**args)


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
    if lang != "zh-CN":
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
            parts[-1:] = [f"{parts[-1] if parts else ''}[{label(enum, key) if enum else key}]"]
    return " › ".join(parts) or fld


def show(value: Any, lang: str, fld: str = "") -> str:
    """A value as a reviewer reads it (Chinese labels for codes, limits as 5个工作日)."""
    zh = lang == "zh-CN"
    last = re.sub(r"\[[^\]]*\]$", "", fld).rsplit(".", 1)[-1]
    if value is None or value == [] or value == {}:
        return "—"
    if isinstance(value, bool):
        return t("yes" if value else "no", lang)
    if value == "on_the_spot" and last in ("statutory", "promised", "extension", "time_limit"):
        return t("spot", lang)
    if isinstance(value, list):
        return "、".join(show(v, lang, fld) for v in value) if zh else ", ".join(show(v, lang, fld) for v in value)
    if isinstance(value, dict):
        return _show_dict(value, lang)
    if isinstance(value, str) and zh:
        enum = "RightType" if fld.endswith(".rights") or last == "type" and "rights" in fld else _ENUM_OF.get(last)
        return label(enum, value) if enum else value
    return str(value)


def _show_dict(d: dict[str, Any], lang: str) -> str:
    zh = lang == "zh-CN"
    if set(d) <= {"days", "unit"} and "days" in d:
        unit = d.get("unit", "")
        return f"{d['days']}个{label('DayUnit', unit)}" if zh else f"{d['days']} {unit} days"
    if "type" in d and set(d) <= {"type", "note", "basis"}:
        head = label("RightType", d["type"]) if zh else str(d["type"])
        return head + (f"({d['note']})" if d.get("note") else "")
    if "law" in d:
        level = (label("Level", d["level"]) if zh else str(d["level"])) if d.get("level") else ""
        note = "，".join(x for x in (level, str(d.get("edition") or "")) if x)
        return (f"《{d['law']}》{d.get('article') or ''}" + (f"({note})" if note else "")
                + (f"：{d['text']}" if d.get("text") else ""))
    if "steps" in d:
        kind = label("ProcedureKind", d.get("kind", "")) if zh else str(d.get("kind", ""))
        return f"{kind}: " + " → ".join(str(s.get("name", "?")) for s in d["steps"] if isinstance(s, dict))
    if "name" in d:
        return str(d["name"])
    return ", ".join(f"{k}: {v}" for k, v in d.items())


def _sorted(items: list[ItemDiff]) -> list[ItemDiff]:
    """Weakening first, then those for the legal review, then by code."""
    return sorted(items, key=lambda i: (not i.weakenings, not i.reviews, i.key))


def _review_notes(item: ItemDiff, lang: str) -> list[str]:
    """The legal-review flags of an item, each with why, and the note on an added power."""
    out = [f"{words(f'flags.{k}.title', lang)}：{words(f'flags.{k}.law', lang)}" if lang == "zh-CN" else
           f"{words(f'flags.{k}.title', lang)}: {words(f'flags.{k}.law', lang)}" for k in item.reviews]
    return out + ([words("added_note", lang)] if item.status == "added" and item.changes else [])


def _head_name(result: CatalogDiff, lang: str) -> str:
    return result.head if result.head is not None else t("worktree", lang)


def _summary_pairs(result: CatalogDiff, lang: str) -> list[tuple[str, int]]:
    s = result.summary()
    keys = ("added", "removed", "repealed", "changed", "renamed", "weakening")
    return [(t(k, lang), s[k]) for k in keys] + [(words("legal_review", lang), s["legal_review"]),
                                                  (t("departments", lang), s["departments_changed"])]


def _problem_text(p: dict[str, Any], lang: str) -> str:
    return f"{t(p['revision'], lang)} {p['file']}: {t(p['kind'], lang, **p)}"


def _weak_note(c: Change, lang: str) -> str:
    w = WEAKENINGS[c.weakening] if c.weakening else None
    if w is None:
        return ""
    return f"{w.zh}：{w.law}" if lang == "zh-CN" else f"{w.en} ({w.law})"


# --- text ----------------------------------------------------------------------------------

def render_text(result: CatalogDiff, lang: str | None = None) -> str:
    lang = pick_lang(lang)
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
    return "\n".join(lines) + "\n"


# --- markdown --------------------------------------------------------------------------------

def _cell(text: str) -> str:
    """Text inside a table cell or summary: HTML escaped, one line, no column breaks."""
    text = html.escape(text, quote=False).replace("|", "\\|").replace("\r", "")
    return text.replace("\n", "<br>")


def _md_item(item: ItemDiff, lang: str, model: type[BaseModel]) -> list[str]:
    n = len(item.weakenings)
    extra = f" — ⚠️ {t('weak_count', lang, n=n)}" if n else ""
    extra += "".join(f" — ⚑ {words(f'flags.{k}.title', lang)}" for k in item.reviews)
    opened = " open" if n or item.reviews else ""
    summary = f"<b>{_cell(item.key)}</b> {_cell(item.name)} · {t(item.status, lang)}{extra}"
    out = [f"<details{opened}><summary>{summary}</summary>", ""]
    where = f"`{item.file or item.old_file}`"
    if item.old_file and item.file:
        where += f" ({t('moved_from', lang)} `{item.old_file}`)"
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
    lang = pick_lang(lang)
    pairs = _summary_pairs(result, lang)
    head = [MARKER, f"## {t('title', lang)}", "",
            f"`{result.base}` → `{_head_name(result, lang)}`", "",
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
        body += [f"### ⚑ {words('review_head', lang)} ({len(review)})", ""]
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
        "weakenings": {k: {"zh": WEAKENINGS[k].zh, "en": WEAKENINGS[k].en, "law": WEAKENINGS[k].law} for k in used},
        "reviews": {k: {"zh": words(f"flags.{k}.title", "zh-CN"), "en": words(f"flags.{k}.title", "en"),
                        "law": words(f"flags.{k}.law", "zh-CN")} for k in reviewed},
    }


def render_json(result: CatalogDiff, lang: str | None = None) -> str:
    return json.dumps(to_json(result), ensure_ascii=False, indent=2) + "\n"


def render(result: CatalogDiff, fmt: str, lang: str | None = None) -> str:
    if fmt not in FORMATS:
        raise ValueError(fmt)
    return {"text": render_text, "markdown": render_markdown, "json": render_json}[fmt](result, lang)
