"""PC405 — a right the category's profile requires is missing.

The profile's ``categories[category].required_rights`` (each with its source article) decide;
one finding per missing right, at ``rights``. Rights PC402 already reports (陈述、申辩 of an
adverse power) are left to it, and nothing is reported when an external power lists no rights at
all: PC401 reports that, with the full list.
"""

from __future__ import annotations

from typing import Iterator

from powercat.catalog.model import Power
from powercat.catalog.profile import Profile, RequiredRight
from powercat.lint.rules import pc402
from powercat.lint.rules.base import Finding, PowerCtx, rule

RULE = rule("PC405", "warning")


def missing(power: Power, profile: Profile) -> list[RequiredRight]:
    """The category's required rights the power does not list (those of PC402 included)."""
    have = power.right_types()
    return [r for r in profile.category(power.category).required_rights if r.type not in have]


@RULE.check("power")
def check(ctx: PowerCtx) -> Iterator[Finding]:
    power = ctx.power
    if power.external and not power.rights:
        return
    left_to_pc402 = set(pc402.missing(power, ctx.profile))
    for req in missing(power, ctx.profile):
        if req.type in left_to_pc402:
            continue
        args = {"category": power.category.value, "type": req.type.value, "source": req.source}
        yield Finding(("rights",), args)
