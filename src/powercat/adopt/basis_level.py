"""The level of one legal basis, and how sure the importer is of the basis (pure functions).

    decide(marker="administrative_regulation", title="辽宁省…实施方案", note="辽政发〔2017〕33号", known=None)
    -> Decided(level="normative_document", source="document",
               conflict=("marker_vs_document", {"marker": "administrative_regulation", …}))

In this order, the level is:

1. the library's, when the law is in it (the folder it is filed in; `other` says nothing);
2. else what the document's number or form proves, when it proves something (``evidence``): a
   国务院…决定 is a State Council decision, 国务院令 an administrative regulation, 主席令 or 人大常委会令 a
   law, 人民政府令 a local rule, another 令 (部令, 总局令, 委令, 行令) a department rule, a number such as
   辽政发〔2017〕33号 or 财综〔2017〕35号 and a 公告/通知/意见/方案 a normative document;
3. else the source's marker (【法律】 …; 【法规】 and 【规章】 narrowed by the title: 辽宁省… is local);
4. else what the title suggests (``infer_level``: …法 a law, …条例 a regulation).

Where the marker says otherwise than 1 or 2, the marker loses and the basis carries a ``conflict``
the import reports: a real list's defect, not the importer's guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from powercat.adopt.lawmatch import KnownLaws

_PROVINCES = ("北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|"
              "四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门")
LOCAL = re.compile(rf"^(?:{_PROVINCES}|[\u4e00-\u9fa5]{{2,4}}(?:市(?!场)|自治州|自治县|州|盟))")
# a document number with a bracketed year: 国发〔2010〕21号, 辽政发【2017】33号, 财综[2017]35号
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fa5]{1,10}[〔\[【［(（]\s*(?:19|20)\d\d\s*[〕\]】］)）]\s*第?\s*\d+\s*号")
_NOTICE = re.compile(r"(?:通知|意见|批复|函|公告|方案|纪要|规划|指引|指南)$")


@dataclass(slots=True)
class Decided:
    level: str | None
    source: str  # library | document (its number or form) | marker | name | none
    conflict: tuple[str, dict[str, Any]] | None = None


def evidence(title: str, note: str | None) -> str | None:
    """The level the document's number or form proves, or None."""
    note = note or ""
    if title.startswith("国务院") and title.endswith("决定"):
        return "state_council_decision"
    if re.search(r"主席令|人大常委会令|人民代表大会常务委员会令", note):
        return "local_regulation" if LOCAL.match(title) else "law"
    if re.search(r"国务院(?:、中央军委|、中央军事委员会)?令", note):
        return "administrative_regulation"
    if "人民政府令" in note:
        return "local_rule"
    if re.search(r"(?:部|委|局|署|行|会|院|办)令", note):
        return "department_rule"
    if _DOC_NUMBER.search(note) or re.search(r"公告\s*(?:\d{4}\s*年)?\s*第\s*\d+\s*号", note) or _NOTICE.search(title):
        return "normative_document"
    return None


def infer_level(title: str, note: str | None = None) -> str | None:
    """The level a title alone suggests (weak: used when nothing better says it)."""
    local = bool(LOCAL.match(title))
    if title.endswith("法") and not title.endswith("办法"):
        return "law"
    if title.endswith("决定"):
        return ("local_regulation" if local else "law") if "人民代表大会" in title else None
    if title.endswith("条例"):
        return "local_regulation" if local else "administrative_regulation"
    if local and re.search(r"(规定|办法|细则)$", title):
        return "local_rule"
    return None


def _narrow(marker: str, title: str) -> str:
    """【法规】 and 【规章】 name two levels each: the title tells which."""
    local = bool(LOCAL.match(title))
    if marker == "法规":
        return "local_regulation" if local else "administrative_regulation"
    return "local_rule" if local else "department_rule"


def decide(marker: str | None, title: str, note: str | None, known: KnownLaws | None,
           label: str = "") -> Decided:
    """The level of a basis (``marker`` is a Level code, or 法规/规章 as written; ``label`` the
    marker as the source wrote it, for the conflict)."""
    stated = _narrow(marker, title) if marker in ("法规", "规章") else marker
    library = known.level(title) if known is not None else None
    proven = evidence(title, note)
    found, source = (library, "library") if library else (proven, "document") if proven else (stated, "marker")
    if source == "document" and proven == stated and marker not in ("法规", "规章"):
        source = "marker"  # the marker says what the document's number shows
    if source == "marker" and marker in ("法规", "规章"):
        source = "name"  # the marker named two levels; the title chose one
    if found is None:
        guess = infer_level(title, note)
        return Decided(guess, "name" if guess else "none")
    conflict = None
    if marker is not None and found != stated and (marker not in ("法规", "规章") or not _fits(marker, found)):
        kind = "marker_vs_library" if source == "library" else "marker_vs_document"
        conflict = (kind, {"marker": label or stated, "level": found, "note": note or ""})
    return Decided(found, source, conflict)


def _fits(marker: str, level: str) -> bool:
    return level in (("administrative_regulation", "local_regulation", "autonomous_regulation") if marker == "法规"
                     else ("department_rule", "local_rule"))


# --- how sure ------------------------------------------------------------------------------

@dataclass(slots=True)
class Sureness:
    """Where each part of a basis came from, and what the reader must check.

    law: library (a title the library holds) | quoted (《…》, not in the library) | bare (a name
    without 《》, found by its form) | guess (the first words of the cell);
    level: as ``Decided.source``; article: library (it exists there) | missing (the library's
    text has no such article) | given (not checkable) | none (the source cites none)."""

    law: str = "quoted"
    level: str = "none"
    article: str = "none"
    notes: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (locale key, args)

    @property
    def grade(self) -> str:
        """sure (the library confirms it) | likely (as the source states it) | check (a person must)."""
        if self.notes or self.law == "guess" or self.level in ("name", "none") or self.article == "missing":
            return "check"
        if self.law == "library" and self.level == "library" and self.article in ("library", "none"):
            return "sure"
        return "likely"
