"""PC701 — the power states no `duties` (职责要求) or no `accountability` (责任追究)."""

from __future__ import annotations

from typing import Iterator

from powercat.lint.rules.base import Finding, PowerCtx, rule

RULE = rule("PC701", "warning", statutory=False)  # practice and policy documents only


@RULE.check("power")
def check(ctx: PowerCtx) -> Iterator[Finding]:
    for key in ("duties", "accountability"):
        if not (getattr(ctx.power, key) or "").strip():
            yield Finding((key,), {"field": key}, key)
