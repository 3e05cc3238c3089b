"""PC105 — a step `id` is repeated within one power (in any of its procedures)."""

from __future__ import annotations

from typing import Iterator

from powercat.lint.rules.base import Finding, PowerCtx, rule, step_path, walk_steps

RULE = rule("PC105", "error")


@RULE.check("power")
def check(ctx: PowerCtx) -> Iterator[Finding]:
    first: dict[str, tuple[int, int, str]] = {}
    for pi, si, step in walk_steps(ctx.power):
        if step.id not in first:
            first[step.id] = (pi, si, step.name)
            continue
        fpi, fsi, fname = first[step.id]
        kind = ctx.power.procedures[fpi].kind
        args = {
            "id": step.id, "name": step.name, "first_name": fname,
            "first_line": ctx.source.key(step_path(fpi, fsi, "id"))[0],
            "procedure": fpi + 1, "procedure_kind": kind.value,
        }
        variant = "message" if fpi == pi else "other_procedure"
        yield Finding(step_path(pi, si, "id"), args, variant, at="value", related=[step_path(fpi, fsi, "id")])
