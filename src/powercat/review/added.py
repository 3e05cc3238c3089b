"""A power's legal content as the 法制审核 reads it, and the new powers it must take up.

    fields = legal_fields(data, diff_values)  # [("legal_basis[中华人民共和国建筑法 第七条]", {...}), …]
    review_kinds(old, new)           # ["new_licensing"] for a new licence (or a power made one)
    t("review.flags.new_licensing.title", "en")

An added power is shown with every legal field, not its name alone: the bases with their levels,
the time limits, the fee, the hearing, the rights, the disclosure and each procedure in brief.
``REVIEWS`` names the categories whose creation the law reserves (行政许可法第十四条至第十七条,
行政处罚法第十条至第十六条, 行政强制法第十条、第十一条、第十三条): a new power of one of them is
flagged for the legal-affairs review. The words are in locales/<lang>/review.yaml.
"""

from __future__ import annotations

from typing import Any, Callable


# the fields shown for an added power, in the order a reviewer reads them
LEGAL_FIELDS = ("category", "parent", "exercised_by", "exercise_levels", "handling_unit", "legal_basis", "conditions",
                "materials", "time_limit", "fee", "hearing", "rights", "disclosure", "procedures")
# category -> review kind: a new power of these needs the 法制审核 to check who may create it
REVIEWS = {"licensing": "new_licensing", "penalty": "new_penalty", "coercion": "new_coercion"}


def review_kinds(old: dict[str, Any] | None, new: dict[str, Any] | None) -> list[str]:
    """The review flags of a power added (``old`` None) or whose category became one of REVIEWS."""
    if not new:
        return []
    kind = REVIEWS.get(str(new.get("category")))
    if kind is None or (old is not None and old.get("category") == new.get("category")):
        return []
    return [kind]


def legal_fields(data: dict[str, Any], flatten: Callable[[str, Any, Any, list], None]) -> list[tuple[str, Any]]:
    """(field, value) of every legal field of a new power: ``flatten`` is the diff's own
    (`diff.diff_values`, so the fields are named as in any change); each procedure in one line."""
    raw: list[tuple[str, Any, Any]] = []
    for key in LEGAL_FIELDS:
        if key != "procedures":
            flatten(key, None, data.get(key), raw)
    out = [(fld, value) for fld, _, value in raw]
    for n, proc in enumerate(data.get("procedures") or []):
        if isinstance(proc, dict):
            out.append((f"procedures[{proc.get('kind') or n}]", proc))
    return out


