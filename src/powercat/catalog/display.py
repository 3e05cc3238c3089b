"""The Chinese display text of power fields, shared by the export tables and the site's data files.

    limit_of(power, "statutory")    -> "20个工作日" ("" when the power has none)
    disclosure_part(power, "timing") -> "及时公开（7日内）"
    yes_no(power.hearing)           -> "是" / "否" / "未填写"

Plain text for a table cell; `powercat import` reads each of these forms back.
"""

from __future__ import annotations

from powercat.catalog.model import Power, limit_text


def limit_of(p: Power, which: str) -> str:
    """The ``statutory``, ``promised`` or ``extension`` limit as text, or ""."""
    value = getattr(p.time_limit, which, None) if p.time_limit else None
    return limit_text(value) if value is not None else ""


def disclosure_part(p: Power, part: str) -> str:
    """The disclosure's ``scope``, ``timing`` (with 日内) or ``carriers`` (、-joined), or ""."""
    d = p.disclosure
    if d is None:
        return ""
    if part == "scope":
        return d.scope.label
    if part == "timing":
        return d.timing.label + (f"（{d.within_days}日内）" if d.within_days is not None else "")
    return "、".join(c.label for c in d.carriers)


def yes_no(flag: bool | None) -> str:
    """是 / 否, or 未填写 when the catalog does not say (never 否 for "unknown")."""
    return "未填写" if flag is None else "是" if flag else "否"
