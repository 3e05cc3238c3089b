"""PC501 — a `general` procedure lacks a standard step that a statute requires (profile).

The category's `general` template (profile) lists its steps; those marked ``required`` of a
``statutory`` procedure (or step) are PC501's, the rest PC510's (practice and policy documents, a
warning). A standard step is present when some step plays it (``catalog.roles``): its ``role``
names the template step's id, or, for a step without ``role``, its name is the standard name or
one of its aliases (a negated outcome such as 不予受理 never counts). A step that applies only to
some coercion types (``for_types``: the close of 查封、扣押) is looked for only when the power
names one of them in ``coercion_types``.
"""

from __future__ import annotations

from typing import Iterator

from powercat.catalog import roles
from powercat.catalog.flow import procedure_arg
from powercat.lint.rules.base import Finding, PowerCtx, rule

RULE = rule("PC501", "error")


def missing_steps(ctx: PowerCtx, statutory: bool) -> Iterator[Finding]:
    """One finding per standard step (statutory or practice) a general procedure lacks."""
    template = ctx.profile.category(ctx.power.category).procedures.get("general")
    if template is None:
        return
    types = set(ctx.power.coercion_types)
    wanted = [s for s in template.required_steps(statutory) if not s.for_types or types & set(s.for_types)]
    for pi, proc in enumerate(ctx.power.procedures):
        if proc.kind != "general":
            continue
        for standard in wanted:
            if not any(roles.plays(step, standard) for step in proc.steps):
                yield Finding(("procedures", pi, "steps"), {
                    "procedure": proc.name or template.name or procedure_arg(proc), "step": standard.name,
                    "role": standard.id, "category": ctx.power.category.value, "source": template.source,
                    "standard": template.name or "general",  # the statute's name: 行政处罚法's 普通程序
                })


@RULE.check("power")
def check(ctx: PowerCtx) -> Iterator[Finding]:
    yield from missing_steps(ctx, statutory=True)
