"""The baseline: findings a department accepted when adopting powercat, hidden until fixed.

`powercat validate --write-baseline` records the fingerprint of every current finding in
``powercat-baseline.json`` (commit it); later runs show only findings not in it. Fingerprints
ignore line numbers, so editing elsewhere in a file does not resurface old findings.
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from powercat.lint.fingerprint import fingerprints

if TYPE_CHECKING:
    from powercat.catalog.config import Config
    from powercat.lint.diagnostics import Diagnostic, Report


def baseline_path(config: "Config") -> Path:
    return config.root / config.baseline


def read_baseline(path: Path) -> Counter[str]:
    """Fingerprints in the baseline file (empty when there is none or it is damaged)."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        return Counter(str(f) for f in doc.get("fingerprints", []))
    except (OSError, ValueError, AttributeError):
        return Counter()


def write_baseline(report: "Report", config: "Config") -> Path:
    path = baseline_path(config)
    doc = {
        "version": 1,
        "comment": "powercat validate --write-baseline: findings accepted when adopting powercat",
        "fingerprints": sorted(fingerprints(report.diagnostics)),
        "findings": sorted(f"{d.file}:{d.code}" for d in report.diagnostics),
    }
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


def unaccepted(diagnostics: list["Diagnostic"], known: Counter[str]) -> list["Diagnostic"]:
    """The diagnostics (sorted, of whole files) that the baseline's fingerprints ``known`` do not
    accept; ``known`` itself is left as it was."""
    if not known:
        return diagnostics
    left = Counter(known)
    kept = []
    for d, fp in zip(diagnostics, fingerprints(diagnostics)):
        if left[fp] > 0:
            left[fp] -= 1
        else:
            kept.append(d)
    return kept


def apply_baseline(report: "Report", config: "Config") -> "Report":
    known = read_baseline(baseline_path(config))
    if not known:
        return report
    kept = unaccepted(report.diagnostics, known)
    return dataclasses.replace(report, diagnostics=kept, baselined=len(report.diagnostics) - len(kept))
