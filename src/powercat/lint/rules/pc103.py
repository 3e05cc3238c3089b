"""PC103 — a power's `code` differs from its file stem, or a department's `id` from its folder."""

from __future__ import annotations

from typing import Iterator

from powercat.lint.rules.base import DepartmentCtx, Finding, PowerCtx, rule

RULE = rule("PC103", "error")


def _variant(kind: str, actual: str, expected: str) -> str:
    """``kind`` alone, or ``kind_case`` when only upper/lower case differs."""
    return f"{kind}_case" if actual.lower() == expected.lower() else kind


@RULE.check("power")
def check_power(ctx: PowerCtx) -> Iterator[Finding]:
    code = ctx.power.code
    if code != ctx.stem:
        args = {"code": code, "stem": ctx.stem, "file": f"{ctx.stem}.yaml"}
        yield Finding(("code",), args, _variant("power", code, ctx.stem), at="value")


@RULE.check("department")
def check_department(ctx: DepartmentCtx) -> Iterator[Finding]:
    dept_id = ctx.department.id
    if dept_id != ctx.folder:
        args = {"id": dept_id, "folder": ctx.folder}
        yield Finding(("id",), args, _variant("department", dept_id, ctx.folder), at="value")
