"""PC109 — a file in the catalog folders that powercat does not read.

An extension of RULES.md: a power file saved next to department.yaml instead of in powers/,
a Word or text file among the powers, a records file not named YYYY-MM.yaml, or records of a
department that has no folder in catalogs/ would otherwise be skipped without a word, and a
department would believe it published or checked something it did not.
"""

from __future__ import annotations

from typing import Iterator

from powercat.lint.rules.base import CatalogCtx, Finding, rule

RULE = rule("PC109", "warning")


@RULE.check("catalog")
def check(ctx: CatalogCtx) -> Iterator[Finding]:
    for path, reason in ctx.stray:
        folder = path.rsplit("/", 1)[0]
        yield Finding((), {"file": path, "folder": folder}, reason, file=path, line=1, column=1)
