"""PC507 — a `post` (of a step, an internal task or a risk) is not defined in department.yaml.

One finding per unknown post id, at its first use; its other uses are related locations.
A placeholder (``post: TODO``, 无) names no post: PC110 reports it where a post is required.
Skipped when the department file could not be loaded (its own diagnostics say why).
"""

from __future__ import annotations

from typing import Iterator

from powercat.catalog import placeholders as ph
from powercat.catalog.parse import DataPath
from powercat.lint.rules.base import Finding, PowerCtx, rule, step_path, walk_steps
from powercat.lint.rules.pc502 import suggest

RULE = rule("PC507", "error")


def post_uses(ctx: PowerCtx) -> dict[str, list[DataPath]]:
    """Every post id the power names -> the paths of its `post` keys, in file order."""
    uses: dict[str, list[tuple[int, DataPath]]] = {}

    def add(post: str | None, path: DataPath) -> None:
        if post and not ph.is_placeholder(post):
            uses.setdefault(post, []).append((ctx.source.key(path)[0], path))

    for pi, si, step in walk_steps(ctx.power):
        add(step.post, step_path(pi, si, "post"))
    for ri, ref in enumerate(ctx.power.internal):
        for ti, task in enumerate(ref.tasks):
            add(task.post, ("internal", ri, "tasks", ti, "post"))
    for ki, risk in enumerate(ctx.power.risks):
        add(risk.post, ("risks", ki, "post"))
    return {post: [p for _, p in sorted(found, key=lambda x: x[0])] for post, found in uses.items()}


@RULE.check("power")
def check(ctx: PowerCtx) -> Iterator[Finding]:
    known = ctx.post_ids()
    if known is None:
        return
    uses = post_uses(ctx)
    for post in sorted(uses, key=lambda p: ctx.source.key(uses[p][0])):
        if post in known:
            continue
        paths = uses[post]
        close = suggest(post, known)
        variant = ("many" if len(paths) > 1 else "message") + ("_suggest" if close else "")
        args = {"post": post, "count": len(paths), "suggestion": close, "department": ctx.department.id,
                "known": ", ".join(sorted(known)) or "-"}
        yield Finding(paths[0], args, variant, at="value", related=paths[1:])
