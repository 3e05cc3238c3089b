"""PC603 — a channel (consultation, supervision, complaints) with no phone, address, url or email.

Checked in department.yaml (department scope) and in each power file (power scope). A way of
无, - or / is none; a channel with a ``TODO`` way is PC110's (reported once).
"""

from __future__ import annotations

from typing import Any, Iterator

from powercat.catalog import placeholders as ph
from powercat.lint.rules.base import DepartmentCtx, Finding, PowerCtx, rule

RULE = rule("PC603", "warning", statutory=False)  # practice and policy documents only

WAYS = ("phone", "address", "url", "email")


def reachable(channel: Any) -> bool:
    """A way is given (or still a TODO, which PC110 reports)."""
    return any((v := getattr(channel, k) or "").strip() and not ph.is_none(v) for k in WAYS)


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
