"""PC510 — a `general` procedure lacks a standard step that practice or a policy document asks for.

The same matching as PC501 (``pc501.missing_steps``), for the template steps no statute requires:
the standard procedures of 行政征收、给付、奖励、内部管理 …, and of 行政检查 (国办发〔2024〕54号, a
规范性文件). No statutory basis: a warning by default; a department whose local regulation
prescribes the steps raises it in powercat.toml, naming the regulation.
"""

from __future__ import annotations

from typing import Iterator

from powercat.lint.rules.base import Finding, PowerCtx, rule
from powercat.lint.rules.pc501 import missing_steps

RULE = rule("PC510", "warning", statutory=False)


@RULE.check("power")
def check(ctx: PowerCtx) -> Iterator[Finding]:
    yield from missing_steps(ctx, statutory=False)
