"""PC604 — an external power is not disclosed as 政府信息公开条例 asks for its category.

The profile's ``categories.<cat>.disclosure`` names the item of 政府信息公开条例第二十条 (or 第十九条)
that asks for the disclosure, and whether every result must be disclosed: ``all`` for 行政许可 and
the other external management services (第二十条第（五）项: 依据、条件、程序以及办理结果), so the
power's ``timing`` must be ``timely``; ``significant`` for 行政处罚 (第（六）项: 依据、条件、程序 and
only the decisions 具有一定社会影响); ``none`` for 行政强制. Every external power's entry (its basis,
conditions and procedure) must be disclosed to the public (``scope: public``).
"""

from __future__ import annotations

from typing import Iterator

from powercat.catalog.enums import Status, Timing
from powercat.lint.rules.base import Finding, PowerCtx, rule

RULE = rule("PC604", "error")


@RULE.check("power")
def check(ctx: PowerCtx) -> Iterator[Finding]:
    power = ctx.power
    if not power.external:
        return
    duty = ctx.profile.category(power.category).disclosure
    args = {"category": power.category.value, "item": duty.item if duty else "", "source": duty.source if duty else ""}
    if power.disclosure is None:
        yield Finding(("disclosure",), args, "missing")
    elif power.disclosure.scope != "public":
        scope = power.disclosure.scope
        yield Finding(("disclosure", "scope"), {**args, "scope": scope.value}, at="value")
    elif duty is not None and duty.results == "all" and power.disclosure.timing != Timing.timely \
            and power.status == Status.active:  # a suspended or repealed power has no new results
        timing = power.disclosure.timing.value
        yield Finding(("disclosure", "timing"), {**args, "timing": timing}, "results", at="value")
