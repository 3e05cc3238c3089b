"""PC207 — a cited law is not in the law library (with the closest titles as a hint).

Only with a law library (``[laws] library``); without one, `validate` says once that citations were
not checked. Normative documents and bases of level ``other`` are not law texts and are not
looked up.
"""

from __future__ import annotations

from typing import Iterator

from powercat.lint.rules.base import Finding, PowerCtx, rule
from powercat.lint.rules.citations import resolutions

RULE = rule("PC207", "warning")


@RULE.check("power")
def check(ctx: PowerCtx) -> Iterator[Finding]:
    for res in resolutions(ctx):
        if res.missing is None or res.missing.missing != "law":
            continue
        args = {"law": res.title}
        if res.missing.hints:
            args["suggestion"] = res.missing.hints[0]
        yield Finding(("legal_basis", res.index, "law"), args, "suggest" if res.missing.hints else "message", at="value")
