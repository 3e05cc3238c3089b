"""PC601 — no supervision channel: neither the power nor its department lists one."""

from __future__ import annotations

from typing import Iterator

from powercat.lint.rules.base import Finding, PowerCtx, rule

RULE = rule("PC601", "warning", statutory=False)  # practice and policy documents only


@RULE.check("power")
def check(ctx: PowerCtx) -> Iterator[Finding]:
    if ctx.department is None:
        return  # department.yaml could not be loaded; its own diagnostics say why
    if not ctx.power.supervision and not ctx.department.supervision:
        yield Finding(("supervision",), {"department": ctx.department.id})
