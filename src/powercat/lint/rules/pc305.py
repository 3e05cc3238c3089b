"""PC305 — the statutory limit exceeds the profile's maximum for the category.

``statutory`` is compared with the category's ``max_statutory``, and ``statutory`` plus
``extension`` with ``max_with_extension`` (units converted by the profile when they differ).
The longer limit may be lawful when another law provides so (另有规定), so the rule stays quiet
when ``time_limit.basis`` cites a law other than the one the maximum comes from (the law named at
the start of the profile's ``max_source``). An empty basis, or one citing only that law, warns;
so does a placeholder (``TODO 时限依据(如 …)`` names the law of the maximum as an example only).

A category with a maximum but no ``max_with_extension`` grants no extension (行政处罚法第六十条:
the profile's ``extension_source``): an ``extension`` there is reported unless the basis cites
another law (variant ``no_extension``). A licence handled jointly (``time_limit.joint: true``,
许可法第二十六条) is held to the category's ``joint`` maximum instead (第四十二条第二款: 45 + 15 days).
"""

from __future__ import annotations

import re
from typing import Any, Iterator

from powercat.catalog import timelimits as tl
from powercat.catalog.profile import normalize_law
from powercat.catalog import placeholders as ph
from powercat.lint.rules.base import Finding, PowerCtx, rule

RULE = rule("PC305", "warning")  # a longer period may rest on another law the basis does not name

# a law's title: anything in 《》, or a run of Han characters ending in 法/条例/办法/细则 followed
# by an article, punctuation or the end (so 依法办理 and 从其规定 are not titles)
_TITLE = re.compile(r"《([^》]+)》|([\u4e00-\u9fff]{2,}?(?:法|条例|办法|细则))(?=第|[，。；、,;:：（(\s]|$)")


def source_law(source: str) -> str:
    """The law a profile source names first: ``行政许可法第四十二条：…`` -> ``行政许可法``."""
    m = _TITLE.search(source.split("：")[0].split(":")[0])
    return normalize_law(m.group(1) or m.group(2)) if m else ""


def cites_other_law(basis: str | None, own: str) -> bool:
    """Whether ``basis`` names a law besides ``own`` (compared without 中华人民共和国 and 《》)."""
    text = (basis or "").replace("中华人民共和国", "")
    if own:
        text = text.replace(f"《{own}》", "").replace(own, "")
    return any(normalize_law(m.group(1) or m.group(2)) for m in _TITLE.finditer(text))


def _finding(ctx: PowerCtx, key: str, value: Any, maximum: Any, source: str) -> Finding:
    args = {"category": ctx.power.category.value, "source": source}
    args |= tl.message_args(ctx.profile, limit=value, max=maximum)
    converted = tl.needs_conversion(value, maximum)
    return Finding(("time_limit", key), args, key + ("_converted" if converted else ""))


@RULE.check("power")
def check(ctx: PowerCtx) -> Iterator[Finding]:
    tlimit, cat = ctx.power.time_limit, ctx.profile.category(ctx.power.category)
    if tlimit is None or tlimit.statutory is None:
        return
    maximum, with_extension, source = cat.max_statutory, cat.max_with_extension, cat.max_source or ""
    if tlimit.joint and cat.joint is not None:
        maximum, with_extension, source = cat.joint.max_statutory, cat.joint.max_with_extension, cat.joint.source
    basis = None if ph.is_placeholder(tlimit.basis) else tlimit.basis
    if cites_other_law(basis, source_law(source)):
        return
    if maximum is not None and tl.exceeds(tlimit.statutory, maximum, ctx.profile):
        yield _finding(ctx, "statutory", tlimit.statutory, maximum, source)
        return
    if tlimit.extension is None or tlimit.extension == "on_the_spot":
        return
    if with_extension is not None:
        total = tl.Span.of(tlimit.statutory) + tl.Span.of(tlimit.extension)
        if tl.exceeds(total, with_extension, ctx.profile):
            yield _finding(ctx, "extension", total, with_extension, source)
    elif maximum is not None:
        args = {"category": ctx.power.category.value, "source": cat.extension_source or source}
        args |= tl.message_args(ctx.profile, extension=tlimit.extension)
        yield Finding(("time_limit", "extension"), args, "no_extension")
