"""PC501 — a `general` procedure lacks a standard step of its category (profile), matched by name.

A standard step is present when some step's name contains the standard name without its
bracketed note (审查(法制审核) -> 审查: 审查决定 matches), or when a step's name of two or more
characters is part of the standard name (调查 matches 调查取证).
"""

from __future__ import annotations

import re
from typing import Iterator

from powercat.catalog.flow import procedure_arg
from powercat.lint.rules.base import Finding, PowerCtx, rule

RULE = rule("PC501", "error")

_NOTE = re.compile(r"[(（][^)）]*[)）]")


def core(name: str) -> str:
    """A step name without bracketed notes and spaces: 审查(法制审核) -> 审查."""
    return re.sub(r"\s+", "", _NOTE.sub("", name))


def matches(step_name: str, standard: str) -> bool:
    want, have = core(standard), core(step_name)
    return bool(want) and (want in have or (len(have) >= 2 and have in want))


@RULE.check("power")
def check(ctx: PowerCtx) -> Iterator[Finding]:
    template = ctx.profile.category(ctx.power.category).procedures.get("general")
    if template is None:
        return
    for pi, proc in enumerate(ctx.power.procedures):
        if proc.kind != "general":
            continue
        names = [s.name for s in proc.steps]
        for standard in template.required_names():
            if not any(matches(n, standard) for n in names):
                yield Finding(("procedures", pi, "steps"), {
                    "procedure": procedure_arg(proc), "step": standard, "category": ctx.power.category.value,
                    "source": template.source,
                })
