"""PC502 — a step's `next` names a step that does not exist (in its procedure)."""

from __future__ import annotations

import difflib
from typing import Any, Iterable, Iterator

from powercat.catalog.flow import procedure_arg
from powercat.lint.rules.base import Finding, PowerCtx, rule, step_path

RULE = rule("PC502", "error")


def suggest(word: str, candidates: Iterable[str], by_name: dict[str, str] | None = None) -> str:
    """The id meant by a mistyped id, or "" (shared by PC502, PC507, PC508, PC704).

    ``by_name`` maps step names to ids, so a step's name written instead of its id (受理)
    suggests that id (accept); otherwise the closest candidate by spelling.
    """
    if by_name and word.strip() in by_name:
        return by_name[word.strip()]
    close = difflib.get_close_matches(word, sorted(set(candidates)), n=1, cutoff=0.6)
    return close[0] if close else ""


def ids_by_name(steps: Iterable[Any]) -> dict[str, str]:
    """Step name -> id (the first step of each name)."""
    out: dict[str, str] = {}
    for step in steps:
        out.setdefault(step.name.strip(), step.id)
    return out


@RULE.check("power")
def check(ctx: PowerCtx) -> Iterator[Finding]:
    owner = {s.id: procedure_arg(p) for p in ctx.power.procedures for s in p.steps}
    for pi, proc in enumerate(ctx.power.procedures):
        flow = ctx.flow(pi)
        for edge in flow.dangling():
            step = proc.steps[edge.step_index]
            path = step_path(pi, edge.step_index, "next", edge.next_index)
            if not isinstance(step.next[edge.next_index], str):
                path += ("to",)
            args = {"step": step.name, "id": step.id, "target": edge.target, "procedure": procedure_arg(proc)}
            if edge.target in owner:
                yield Finding(path, {**args, "other": owner[edge.target]}, "other_procedure", at="value")
                continue
            close = suggest(edge.target, flow.ids, ids_by_name(proc.steps))
            yield Finding(path, {**args, "suggestion": close}, "suggest" if close else "message", at="value")
