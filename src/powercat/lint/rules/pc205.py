"""PC205 — no basis of the power is of a level that may create its category.

Who may create what is the profile's (categories.<cat>.creating_levels, creating_by_type,
creating_source): a basis counts when its level may create the category — a level with
``issuers`` only when the basis's ``issuer_level`` is one of them (许可法第十五条: only a
provincial government rule, and only a temporary licence) — and, for coercion, when it may create
every type the power lists in ``coercion_types`` (行政强制法第十条、第十三条).

Procedure laws (the profile's ``procedure_laws``: 行政许可法、行政处罚法 …) create no specific
power and never count, so citing 行政许可法第四十二条 beside a normative document does not pass.
A basis without ``level`` takes its level from the law library (``PowerCtx.laws``); without a
library, or when the library does not know the law, the creating level cannot be judged and
PC212 says so (instead of this rule passing silently). Placeholder bases (PC110) are no basis.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

from powercat.catalog import placeholders as ph
from powercat.catalog.enums import Level
from powercat.catalog.profile import CategoryProfile, CreatingLevel
from powercat.lint.rules.base import Finding, PowerCtx, rule
from powercat.lint.rules.citations import resolutions

RULE = rule("PC205", "error")


@dataclass(slots=True)
class Verdict:
    """What the bases of a power say about its creation (computed once, shared with PC212)."""

    created: bool = False  # some basis may create the power
    procedure_only: list[str] = field(default_factory=list)  # procedure laws, when nothing else is cited
    levels: list[str] = field(default_factory=list)  # the levels of the other bases
    bad_issuer: tuple[int, str, str] | None = None  # (index, law, issuer) of a rule whose issuer may not
    unknown: list[tuple[int, str, str]] = field(default_factory=list)  # (index, law, what): level | issuer | types
    allowed: list[str] = field(default_factory=list)
    source: str = ""


def _levels(cat: CategoryProfile, types: list[Any]) -> tuple[dict[Level, CreatingLevel | None], str]:
    """The levels that may create the power (with their issuer condition) and the source."""
    allowed: dict[Level, CreatingLevel | None] = {}
    for entry in cat.creating_levels:
        allowed[entry.level if isinstance(entry, CreatingLevel) else entry] = \
            entry if isinstance(entry, CreatingLevel) else None
    known = [cat.creating_by_type[t] for t in types if t in cat.creating_by_type]
    if not known:
        return allowed, cat.creating_source or ""
    for spec in known:
        allowed = {lv: c for lv, c in allowed.items() if lv in spec.levels}
    return allowed, "；".join(dict.fromkeys(s.source for s in known))


def _library_levels(ctx: PowerCtx) -> dict[int, str]:
    """The library's level of each basis it holds, as a ``Level`` code (自治条例 and 单行条例 are
    local regulations; the constitution and the like create no specific power: ``other``)."""
    codes = {lv.value for lv in Level}
    out: dict[int, str] = {}
    for r in resolutions(ctx):
        if r.edition is not None and r.edition.level not in ("", "other"):
            level = "local_regulation" if r.edition.level == "autonomous_regulation" else r.edition.level
            out[r.index] = level if level in codes else "other"
    return out


def _judge_basis(v: Verdict, i: int, law: str, level: str | None, issuer: Any,
                 allowed: dict[Level, CreatingLevel | None], typed: bool) -> None:
    """Record what one (non-procedure) basis says: creates, may not, or cannot be judged."""
    if level is None:
        v.unknown.append((i, law, "level"))
        return
    v.levels.append(level)
    lv = Level(level)
    if lv not in allowed:
        return
    cond = allowed[lv]
    if cond is not None and issuer is None:
        v.unknown.append((i, law, "issuer"))
    elif cond is not None and issuer not in cond.issuers:
        v.bad_issuer = v.bad_issuer or (i, law, issuer.value)
    elif not typed and lv != Level.law:  # a 行政法规 or 地方性法规 may create only some types
        v.unknown.append((i, law, "types"))
    else:
        v.created = True


def verdict(ctx: PowerCtx) -> Verdict | None:
    """None when nothing is to judge (no creating levels for the category, or no basis)."""
    if "creation" in ctx.memo:
        return ctx.memo["creation"]
    cat = ctx.profile.category(ctx.power.category)
    bases = [(i, b) for i, b in enumerate(ctx.power.legal_basis) if not ph.is_placeholder(b.law)]
    result: Verdict | None = None
    if cat.creating_levels and bases:
        result = Verdict()
        allowed, result.source = _levels(cat, ctx.power.coercion_types)
        result.allowed = [lv.value for lv in allowed]
        typed = bool(ctx.power.coercion_types) or not cat.creating_by_type
        library = _library_levels(ctx)
        others = [(i, b) for i, b in bases if not ctx.profile.procedure_law(b.law)]
        for i, b in others:
            level = b.level.value if b.level is not None else library.get(i)
            _judge_basis(result, i, b.law, level, b.issuer_level, allowed, typed)
        if not others:
            result.procedure_only = list(dict.fromkeys(b.law for _, b in bases))
        result.levels = list(dict.fromkeys(result.levels))
    ctx.memo["creation"] = result
    return result


@RULE.check("power")
def check(ctx: PowerCtx) -> Iterator[Finding]:
    v = verdict(ctx)
    if v is None or v.created or v.unknown:
        return
    args: dict[str, Any] = {"category": ctx.power.category.value, "allowed": v.allowed, "source": v.source,
                            "types": [t.value for t in ctx.power.coercion_types]}
    if v.procedure_only:
        yield Finding(("legal_basis",), {**args, "laws": v.procedure_only}, "procedure_only")
    elif v.bad_issuer is not None:
        i, law, issuer = v.bad_issuer
        yield Finding(("legal_basis", i, "issuer_level"), {**args, "law": law, "issuer": issuer}, "issuer", at="value")
    else:
        yield Finding(("legal_basis",), {**args, "levels": v.levels}, "types" if args["types"] else "message")
