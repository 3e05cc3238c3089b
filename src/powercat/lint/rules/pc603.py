"""PC603 — a channel (consultation, supervision, complaints) with no phone, address, url or email.

Checked in department.yaml (department scope) and in each power file (power scope).
"""

from __future__ import annotations

from typing import Any, Iterator

from powercat.lint.rules.base import DepartmentCtx, Finding, PowerCtx, rule

RULE = rule("PC603", "error")

def reachable(channel: Any) -> bool:
    return any((getattr(channel, k) or "").strip() for k in ("phone", "address", "url", "email"))


def _check(owner: Any, lists: tuple[str, ...]) -> Iterator[Finding]:
    for key in lists:
        for i, channel in enumerate(getattr(owner, key)):
            if not reachable(channel):
                yield Finding((key, i), {"name": channel.name, "list": key})


@RULE.check("department")
def check_department(ctx: DepartmentCtx) -> Iterator[Finding]:
    yield from _check(ctx.department, ("consultation", "supervision", "complaints"))


@RULE.check("power")
def check_power(ctx: PowerCtx) -> Iterator[Finding]:
    yield from _check(ctx.power, ("supervision", "complaints"))
