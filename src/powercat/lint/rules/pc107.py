"""PC107 — a 统一社会信用代码 fails its GB 32100-2015 check character.

Checked: a department's `uscc`, and the first 18 characters of a power's 31-character
`implementation_code` (other lengths are PC106's to report: the USCC part cannot be told apart).
"""

from __future__ import annotations

from typing import Iterator

from powercat.catalog import placeholders as ph
from powercat.lint.rules.base import DepartmentCtx, Finding, PowerCtx, rule

RULE = rule("PC107", "error")

# GB 32100-2015: the 31 code characters (Arabic digits and capital letters without I O Z S V)
CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
USCC_LEN = 18
IMPLEMENTATION_LEN = 31


def check_character(body: str) -> str:
    """The check character of the first 17 characters of a USCC (C18 = 31 - sum mod 31; 31 -> 0)."""
    total = sum(CHARSET.index(c) * w for c, w in zip(body, WEIGHTS, strict=True))
    return CHARSET[(31 - total % 31) % 31]


def problem(code: str) -> tuple[str, dict] | None:
    """(variant, args) of what is wrong with an 18-character USCC, or None when it is valid."""
    if len(code) != USCC_LEN:
        return "length", {"actual": len(code)}
    upper = code.upper()  # a lower-case letter is the same code character
    bad = next(((i, c) for i, c in enumerate(upper) if c not in CHARSET), None)
    if bad is not None:
        return "charset", {"position": bad[0] + 1, "char": code[bad[0]]}
    expected = check_character(upper[:17])
    if upper[17] != expected:
        return "message", {"char": code[17], "expected": expected}
    return None


def _finding(path: tuple, code: str, found: tuple[str, dict], where: str) -> Finding:
    variant, args = found
    return Finding(path, {**args, "uscc": code, "where": where}, variant, at="value")


@RULE.check("department")
def check_department(ctx: DepartmentCtx) -> Iterator[Finding]:
    uscc = ctx.department.uscc
    if uscc is not None and not ph.is_placeholder(uscc) and (found := problem(uscc)):  # TODO: PC110
        yield _finding(("uscc",), uscc, found, "uscc")


@RULE.check("power")
def check_power(ctx: PowerCtx) -> Iterator[Finding]:
    impl = ctx.power.implementation_code
    if impl is None or len(impl) != IMPLEMENTATION_LEN:
        return
    if found := problem(impl[:USCC_LEN]):
        yield _finding(("implementation_code",), impl[:USCC_LEN], found, "implementation_code")
