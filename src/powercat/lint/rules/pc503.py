"""PC503 — a step cannot be reached from the start step(s) of its procedure.

One finding per *head* of the unreachable part (a step that nothing reachable leads to: first
those no step leads to, then the first step of a loop nothing leads into); the steps that are
unreachable only because of it are its related locations. Not evaluated for a procedure without
a start step (PC509) or with a `next` to a missing step (PC502): fix those first.
"""

from __future__ import annotations

from typing import Iterator

from powercat.catalog.flow import Flow, procedure_arg
from powercat.lint.rules.base import Finding, PowerCtx, rule, step_path

RULE = rule("PC503", "error")


def heads(flow: Flow) -> list[tuple[str, list[str]]]:
    """(head, the other unreachable steps reached from it) for the unreachable part, in file order."""
    reached = flow.reachable()
    lost = [sid for sid in flow.ids if sid not in reached]
    lost_set = set(lost)
    covered: set[str] = set()
    out: list[tuple[str, list[str]]] = []
    roots = [sid for sid in lost if not flow.predecessors(sid)]
    for sid in roots + lost:
        if sid in covered:
            continue
        behind = (flow.reachable([sid]) & lost_set) - covered - {sid}
        covered |= behind | {sid}
        out.append((sid, [x for x in flow.ids if x in behind]))
    order = {sid: n for n, sid in enumerate(flow.ids)}
    return sorted(out, key=lambda h: order[h[0]])


@RULE.check("power")
def check(ctx: PowerCtx) -> Iterator[Finding]:
    for pi, proc in enumerate(ctx.power.procedures):
        flow = ctx.flow(pi)
        if not flow.starts() or flow.dangling():
            continue
        for sid, behind in heads(flow):
            step = flow.step(sid)
            args = {"step": step.name, "id": sid, "procedure": procedure_arg(proc), "count": len(behind)}
            yield Finding(step_path(pi, flow.index[sid]), args, "many" if behind else "message",
                          related=[step_path(pi, flow.index[b]) for b in behind])
