"""PC304 — the longest path through a procedure exceeds the power's limit.

Per procedure: the sum of step limits along the longest path from the start step to an end
step (back edges of cycles ignored; PC505 reports cycles) against ``promised``, or
``statutory`` when no promised limit is given; working and natural days are compared by the
profile's conversion and the message says so. Reported at the procedure (its ``kind`` key): the
fix is in its steps or in the power's limit, and the message names the path step by step.

Only the time the law counts is summed (the category's ``clock`` in the profile): a licence's
period runs from 受理 (许可法第四十二条: 自受理之日起), a penalty's from 立案 (处罚法第六十条), so
the step playing that role and every step before it add nothing, nor does 送达 after the decision
(许可法第四十四条, 处罚法第六十一条) or what follows it. A period the law leaves out (许可法第四十五
条: 听证、检验、检测、鉴定、专家评审 …; 强制法第二十五条第三款) is marked on its step with
``counted: false`` and the article in ``counted_basis``; a step marked without a basis is counted,
and reported (variant ``no_basis``).
"""

from __future__ import annotations

from typing import Iterator

from powercat.catalog import roles
from powercat.catalog import timelimits as tl
from powercat.catalog.flow import Flow, procedure_arg
from powercat.catalog.model import Procedure
from powercat.catalog.profile import CategoryProfile
from powercat.lint.rules.base import Finding, PowerCtx, rule, step_path

RULE = rule("PC304", "error")


def uncounted_steps(proc: Procedure, cat: CategoryProfile) -> set[str]:
    """Ids of the steps outside the statutory clock, or marked ``counted: false`` with a basis."""
    out = {s.id for s in proc.steps if s.counted is False and (s.counted_basis or "").strip()}
    if cat.clock is None:
        return out
    flow = Flow.of(proc)
    for role in cat.clock.after:
        out |= _before(flow, set(roles.steps_playing(proc.steps, cat, role)))
    for role in cat.clock.outside:
        out |= flow.reachable(roles.steps_playing(proc.steps, cat, role))
    return out


def _before(flow: Flow, clock: set[str]) -> set[str]:
    """The clock's steps and those reached from the start without passing them (申请, 受理)."""
    if not clock:
        return set()
    seen = set(flow.starts() or flow.ids[:1])
    todo = [s for s in seen if s not in clock]
    while todo:
        for nxt in flow.successors(todo.pop()):
            if nxt not in seen:
                seen.add(nxt)
                if nxt not in clock:
                    todo.append(nxt)
    return (seen & set(flow.ids)) | clock


@RULE.check("power")
def check(ctx: PowerCtx) -> Iterator[Finding]:
    for pi, proc in enumerate(ctx.power.procedures):
        for si, step in enumerate(proc.steps):
            if step.counted is False and not (step.counted_basis or "").strip():
                yield Finding(step_path(pi, si, "counted"), {"step": step.name, "id": step.id}, "no_basis")
    tlimit = ctx.power.time_limit
    if tlimit is None or (tlimit.promised is None and tlimit.statutory is None):
        return
    kind = "promised" if tlimit.promised is not None else "statutory"
    cat = ctx.profile.category(ctx.power.category)
    limit = getattr(tlimit, kind)
    for pi, proc in enumerate(ctx.power.procedures):
        route = tl.longest_path(proc, ctx.profile, uncounted_steps(proc, cat))
        if route is None or not tl.exceeds(route.span, limit, ctx.profile):
            continue
        names = {s.id: s.name for s in reversed(proc.steps)}
        args = {"path": "→".join(names[sid] for sid in route.steps)}
        args["procedure"] = procedure_arg(proc)
        args |= tl.message_args(ctx.profile, total=route.span, limit=limit)
        converted = tl.needs_conversion(route.span, limit)
        yield Finding(("procedures", pi, "kind"), args, kind + ("_converted" if converted else ""))
