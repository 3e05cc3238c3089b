"""PC210 — the basis's ``level`` contradicts the law library (a 行政法规 labelled ``law``).

An error: what a power may be created by depends on the level of its basis (行政许可法第十四条至
第十七条、行政处罚法第十条至第十六条、行政强制法第十条), so a wrong level makes those checks (PC205,
PC206) judge the power wrongly. The library's level comes from the folder the law is filed in;
a law filed under "other" is not judged.
"""

from __future__ import annotations

from typing import Iterator

from powercat.lint.rules.base import Finding, PowerCtx, rule
from powercat.lint.rules.citations import law_name, resolutions

RULE = rule("PC210", "error")


@RULE.check("power")
def check(ctx: PowerCtx) -> Iterator[Finding]:
    for res in resolutions(ctx):
        given, edition = res.basis.level, res.edition
        if given is None or edition is None or edition.level in ("other", "") or edition.level == given.value:
            continue
        args = {"law": law_name(res), "given": given.value, "actual": edition.level}
        yield Finding(("legal_basis", res.index, "level"), args, at="value")
