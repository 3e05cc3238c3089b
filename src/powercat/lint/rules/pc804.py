"""PC804 — a record (or a complaint about a power) names a power code that does not exist."""

from __future__ import annotations

import difflib
from typing import Iterator

from powercat.lint.rules.base import Finding, RecordsCtx, rule

RULE = rule("PC804", "error")


@RULE.check("records")
def check(ctx: RecordsCtx) -> Iterator[Finding]:
    codes = sorted(ctx.powers)
    own = sorted(c for c, f in ctx.powers.items() if f.department == ctx.department)
    for i, entry in enumerate(ctx.entries):
        code = getattr(entry, "power", None)
        if code is None or code in ctx.powers or code in ctx.broken:
            continue  # a power whose own file has errors exists: its file's findings say what to fix
        args = {"power": code, "department": ctx.department}
        close = difflib.get_close_matches(code, own, n=1, cutoff=0.6) or difflib.get_close_matches(code, codes, n=1, cutoff=0.6)
        if close:
            args |= {"suggestion": close[0], "name": ctx.powers[close[0]].name}
            yield Finding((i, "power"), args, variant="suggest", at="value")
        else:
            yield Finding((i, "power"), args, at="value")
