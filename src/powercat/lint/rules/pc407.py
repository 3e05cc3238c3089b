"""PC407 — a power subject to 复议前置 tells the party it may sue directly.

行政复议法第二十三条第一款 lists decisions the party must first take to administrative
reconsideration (（一）当场作出的行政处罚决定 …), and its second paragraph requires the body to say
so when it decides. The profile's ``review_first`` names the procedures of a category that fall
under it (行政处罚: ``simple``, 当场作出). For a power with such a procedure, each right's ``note``
is searched for wording that offers a direct suit (``direct_suit``: 直接向人民法院起诉, 申请行政复议
或者提起行政诉讼 …) without saying that reconsideration comes first (``told_first``). A warning:
the note may be right for the power's other procedures, but must not mislead for this one.
"""

from __future__ import annotations

import re
from typing import Iterator

from powercat.lint.rules.base import Finding, PowerCtx, rule

RULE = rule("PC407", "warning")


@RULE.check("power")
def check(ctx: PowerCtx) -> Iterator[Finding]:
    rf = ctx.profile.category(ctx.power.category).review_first
    if rf is None:
        return
    kinds = [p.kind for p in ctx.power.procedures if p.kind in rf.procedures]
    if not kinds:
        return
    for ri, right in enumerate(ctx.power.rights):
        note = right.note or ""
        if not any(re.search(p, note) for p in rf.direct_suit) or any(w in note for w in rf.told_first):
            continue
        args = {"procedure": kinds[0].value, "category": ctx.power.category.value, "source": rf.source}
        yield Finding(("rights", ri, "note"), args, at="value")
