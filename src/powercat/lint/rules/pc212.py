"""PC212 — whether a basis may create the power cannot be judged (PC205 could not decide).

PC205 needs each basis's level: a basis without ``level`` takes it from the law library, and when
there is no library, or the library does not hold the law, the creating level is unknown. A local
government rule needs its ``issuer_level`` for a licence (许可法第十五条: only a provincial one),
and a coercion power its ``coercion_types`` when only a 行政法规 or 地方性法规 supports it (行政强制法
第十条、第十三条). Reported only when no other basis settles the question. A warning: the catalog is
not shown unlawful, only not checkable.
"""

from __future__ import annotations

from typing import Iterator

from powercat.lint.rules.base import Finding, PowerCtx, rule
from powercat.lint.rules.pc205 import verdict

RULE = rule("PC212", "warning")


@RULE.check("power")
def check(ctx: PowerCtx) -> Iterator[Finding]:
    v = verdict(ctx)
    if v is None or v.created or not v.unknown:
        return
    i, law, what = v.unknown[0]
    args = {"category": ctx.power.category.value, "law": law, "allowed": v.allowed}
    if what == "types":
        yield Finding(("category",), args, "types", at="value")
    elif what == "issuer":
        yield Finding(("legal_basis", i, "level"), args, "issuer", at="value")
    else:
        yield Finding(("legal_basis", i, "law"), args, "level" if ctx.laws is None else "level_library", at="value")
