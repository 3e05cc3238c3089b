"""What an import found, as lines for the command: per item (the dry run), the field coverage,
how sure the legal bases are and which ones a person must check.

    lines = item_lines(outcome, root, lang) + coverage_lines(result, lang) + basis_lines(result, lang)
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any, Callable

from powercat.adopt.convert import Draft
from powercat.adopt.document import basis_notes
from powercat.adopt.importer import ImportResult, RowOutcome, still_missing
from powercat.i18n import t
from powercat.catalog import placeholders as ph
from powercat.catalog.profile import Profile


def _filled(value: Any) -> bool:
    return value not in (None, "", [], {}) and not ph.is_placeholder(value)


def _limit(key: str) -> Callable[[Draft], bool]:
    return lambda d: key in (d.values.get("time_limit") or {})


# (coverage key, does the draft have it)
COVERAGE: list[tuple[str, Callable[[Draft], bool]]] = [
    ("legal_basis", lambda d: bool(d.bases)),
    ("article", lambda d: bool(d.bases) and all(b.article for b in d.bases)),
    ("text", lambda d: bool(d.bases) and all(b.text for b in d.bases)),
    ("library", lambda d: bool(d.bases) and all(b.sure.grade == "sure" for b in d.bases)),
    *[(k, (lambda k: lambda d: _filled(d.values.get(k)))(k))
      for k in ("exercised_by", "exercise_levels", "handling_unit", "duties", "accountability")],
    ("statutory", _limit("statutory")),
    ("promised", _limit("promised")),
    ("charged", lambda d: (d.values.get("fee") or {}).get("charged") is not None),
    ("hearing", lambda d: d.values.get("hearing") is not None),
    *[(k, (lambda k: lambda d: _filled(d.values.get(k)))(k)) for k in ("rights", "disclosure", "conditions", "materials")],
]


def category_label(code: str, lang: str) -> str:
    label = t(f"adopt.category.{code}", lang)
    return code if label == f"category.{code}" else label


def _rel(path: Path | None, root: Path) -> str:
    if path is None:
        return ""
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def _basis_line(b: Any, lang: str) -> list[str]:
    level = t(f"adopt.level.{b.level}", lang)
    edition = f"（{b.edition}）" if b.edition else ""
    out = [t("adopt.report.basis", lang, grade=t(f"adopt.grade.{b.sure.grade}", lang), law=b.law, article=b.article or "",
             level=level, edition=edition)]
    return out + [t("adopt.report.basis_note", lang, note=n) for n in basis_notes(b, lang)]


def item_lines(o: RowOutcome, root: Path, lang: str, profile: Profile) -> list[str]:
    """What one item would write (the dry run) and what it lacks; or why it is not imported."""
    if o.status != "written" or o.draft is None:
        return [t("adopt.report.skipped", lang, where=o.place(lang), why=o.why(lang))]
    d = o.draft
    out = [t("adopt.report.would_write", lang, where=o.place(lang), path=_rel(o.path, root), name=d.values["name"],
             category=category_label(d.values["category"], lang))]
    if d.values.get("parent"):
        out.append(t("adopt.report.parent", lang, parent=d.values["parent"]))
    for b in d.bases:
        out += _basis_line(b, lang)
    lacking = still_missing(o, profile)
    if lacking:
        out.append(t("adopt.report.missing", lang, fields="、".join(lacking)))
    if o.item is not None and o.item.filled:
        out.append(t("adopt.report.filled", lang, columns="、".join(o.item.filled)))
    return out


def coverage_lines(result: ImportResult, lang: str) -> list[str]:
    drafts = [o.draft for o in result.imported if o.draft is not None]
    out = [t("adopt.report.coverage", lang, items=len(drafts))]
    for key, has in COVERAGE:
        out.append(t("adopt.report.coverage_row", lang, label=t(f"adopt.coverage.{key}", lang),
                     count=sum(1 for d in drafts if has(d)), items=len(drafts)))
    return out


def basis_lines(result: ImportResult, lang: str) -> list[str]:
    """How sure the bases are, and each one a person must check with why."""
    grades = Counter(b.sure.grade for o in result.imported if o.draft for b in o.draft.bases)
    out = [t("adopt.report.bases", lang, total=sum(grades.values()), sure=grades["sure"], likely=grades["likely"],
             check=grades["check"])]
    rows = []
    for o in result.imported:
        for b in o.draft.bases if o.draft else []:
            if b.sure.grade == "check":
                notes = "；".join(basis_notes(b, lang)) if lang == "zh-CN" else "; ".join(basis_notes(b, lang))
                rows.append(t("adopt.report.to_check_row", lang, where=o.place(lang), law=b.law, article=b.article or "",
                              notes=notes))
    return out + ([t("adopt.report.to_check", lang), *rows] if rows else [])
