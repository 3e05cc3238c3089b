"""PC106 — `basic_code` / `implementation_code` do not follow the national structure.

基本编码 (12): region 2 + 事项类型 2 + department 2 + item 3 + sub-item 3.
实施编码 (31): 统一社会信用代码 18 + 行使层级 1 + 基本编码 12.
The 事项类型 digits must be the category's national code (enums.CATEGORY_TYPE_CODE); the
basic code inside an implementation code must equal `basic_code` when both are given.
A placeholder (TODO: PC110; 无, - or /: no code yet) is not checked.
"""

from __future__ import annotations

from typing import Iterator

from powercat.catalog.enums import CATEGORY_TYPE_CODE
from powercat.catalog import placeholders as ph
from powercat.lint.rules.base import Finding, PowerCtx, rule

RULE = rule("PC106", "warning")

BASIC_LEN = 12
IMPLEMENTATION_LEN = 31
BASIC_OFFSET = 18 + 1  # where the basic code starts inside an implementation code
TYPE_SLICE = slice(2, 4)  # 事项类型 inside a basic code


def structure(code: str, length: int, offset: int, expected_type: str | None) -> tuple[str, dict] | None:
    """(variant, args) of the first structural problem of a code, or None."""
    if len(code) != length:
        return "length", {"length": length, "actual": len(code)}
    basic = code[offset:]
    got = basic[TYPE_SLICE]
    if expected_type is not None and got != expected_type:
        start = offset + TYPE_SLICE.start + 1
        return "type", {"type": got, "expected_type": expected_type, "position": f"{start}-{start + 1}"}
    return None


@RULE.check("power")
def check(ctx: PowerCtx) -> Iterator[Finding]:
    power = ctx.power
    expected = CATEGORY_TYPE_CODE.get(power.category.value)
    common = {"category": power.category.value}
    basic = None if ph.is_placeholder(power.basic_code) else power.basic_code
    if basic is not None:
        problem = structure(basic, BASIC_LEN, 0, expected)
        if problem:
            variant, args = problem
            yield Finding(("basic_code",), {**common, **args, "field": "basic_code", "value": basic},
                          f"basic_{variant}", at="value")
    impl = power.implementation_code
    if impl is None or ph.is_placeholder(impl):
        return
    problem = structure(impl, IMPLEMENTATION_LEN, BASIC_OFFSET, expected)
    if problem is None and basic is not None and len(basic) == BASIC_LEN and impl[BASIC_OFFSET:] != basic:
        problem = "mismatch", {"inner": impl[BASIC_OFFSET:], "basic": basic}
    if problem:
        variant, args = problem
        yield Finding(("implementation_code",), {**common, **args, "field": "implementation_code", "value": impl},
                      f"implementation_{variant}", at="value")
