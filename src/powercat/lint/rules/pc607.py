"""PC607 — a power a citizen applies for has no 办事指南 saying where, how and with what.

For the categories of the profile's ``service_guide`` (licensing, public service), a power not
repealed should say where and when to apply (``guide.places``), how (``guide.ways``, and the
online entry ``guide.online_url`` when one way is online) and, for each material, more than its
name (份数, 原件/复印件, 来源: ``materials`` written as mappings; a placeholder is PC110's).
One finding per gap.
"""

from __future__ import annotations

from typing import Iterator

from powercat.catalog import placeholders as ph
from powercat.catalog.enums import ApplyWay, Status
from powercat.lint.rules.base import Finding, PowerCtx, rule

RULE = rule("PC607", "warning")


@RULE.check("power")
def check(ctx: PowerCtx) -> Iterator[Finding]:
    power = ctx.power
    if power.status == Status.repealed or power.category not in ctx.profile.service_guide.categories:
        return
    args = {"category": power.category.value}
    guide = power.guide
    if guide is None:
        yield Finding(("guide",), args, "missing")
    else:
        if not guide.places:
            yield Finding(("guide", "places"), args, "places")
        if not guide.ways:
            yield Finding(("guide", "ways"), args, "ways")
        elif ApplyWay.online in guide.ways and not guide.online_url:
            yield Finding(("guide", "online_url"), args, "online_url")
    bare = [i for i, m in enumerate(power.materials) if isinstance(m, str) and not ph.is_placeholder(m)]
    if bare:
        yield Finding(("materials", bare[0]), {**args, "n": len(bare), "total": len(power.materials)},
                      "materials", at="value")
