"""Stable fingerprints of diagnostics: the same finding keeps its fingerprint when lines move.

Used by the GitLab Code Quality report and by the baseline (`validate --write-baseline`).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import Iterable

from powercat.lint.diagnostics import Diagnostic


def fingerprints(diagnostics: Iterable[Diagnostic]) -> list[str]:
    """One fingerprint per diagnostic, in order: code + file + arguments + occurrence number.

    Arguments that are positions (names ending in ``line`` or ``column``) are left out.
    """
    seen: Counter[str] = Counter()
    out = []
    for d in diagnostics:
        args = {k: v for k, v in d.args.items() if not k.endswith(("line", "column"))}
        base = json.dumps([d.code, d.file, d.variant, args], ensure_ascii=False, sort_keys=True, default=str)
        seen[base] += 1
        out.append(hashlib.sha256(f"{base}#{seen[base]}".encode()).hexdigest())
    return out
