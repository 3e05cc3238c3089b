"""PC204 — a cited law is not in the profile's list of laws in force (typo, or repealed?).

A placeholder (``TODO 法律法规名称``, 无) names no law: PC110 reports it. With a law library
configured the library decides what is in force (PC207, PC211) and this rule stays silent.
"""

from __future__ import annotations

import difflib
from typing import Iterator

from powercat.catalog.profile import Profile, normalize_law
from powercat.catalog import placeholders as ph
from powercat.laws import split_title
from powercat.lint.rules.base import Finding, PowerCtx, rule

RULE = rule("PC204", "info")



def in_force(profile: Profile, law: str) -> bool:
    title = law.strip().strip("《》")
    return profile.law_in_force(title) or profile.law_in_force(split_title(title)[0])


def suggestion(profile: Profile, law: str) -> str | None:
    """The profile's title closest to ``law`` (a likely typo), if any is close enough."""
    known = {normalize_law(t): t for t in profile.laws_in_force}
    close = difflib.get_close_matches(normalize_law(split_title(law)[0]), list(known), n=1, cutoff=0.75)
    return known[close[0]] if close else None


@RULE.check("power")
def check(ctx: PowerCtx) -> Iterator[Finding]:
    if ctx.laws is not None:  # with a law library, the library decides what is in force (PC207, PC211)
        return
    for i, basis in enumerate(ctx.power.legal_basis):
        if ph.is_placeholder(basis.law) or in_force(ctx.profile, basis.law):
            continue
        args = {"law": basis.law.strip().strip("《》"), "profile": ctx.profile.name}
        close = suggestion(ctx.profile, basis.law)
        if close:
            args["suggestion"] = close
        yield Finding(("legal_basis", i, "law"), args, "suggest" if close else "message", at="value")
