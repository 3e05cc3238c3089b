"""Which standard step of its category a catalog step plays (its role).

A step's ``role`` names a standard step of the profile (the template step's id: ``accept``,
``notify``, ``deliver`` ...); `powercat new power` writes it. A step without ``role`` is matched by
name as a fallback: its name (without bracketed notes) is the standard name or one of its
``aliases``, or begins with one (审查决定 for 审查). A negated outcome
(不予受理、不予许可、不予处罚、驳回 ...) plays no standard step, and a step that only mentions the
word later in its name (送达受理通知书) does not play it either::

    plays(Step(id="x", name="不予受理"), template_step("accept"))   # False
    plays(Step(id="x", name="受理申请"), template_step("accept"))   # True
    plays(Step(id="x", name="核对材料", role="accept"), ...)        # True: the role decides
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterable

from powercat.catalog.profile import CategoryProfile

_NOTE = re.compile(r"[(（][^)）]*[)）]")
# outcomes that deny the step (不予受理、不受理、不批准 …); a bare 不 would also catch 不动产登记
NEGATIONS = ("不予", "不受理", "不许可", "不批准", "不同意", "未", "驳回", "拒绝", "终止", "撤回")


@lru_cache(maxsize=65536)  # step names repeat across a catalog's powers
def core(name: str) -> str:
    """A step name without bracketed notes and spaces: 审查(法制审核) -> 审查."""
    return re.sub(r"\s+", "", _NOTE.sub("", name))


def name_plays(step_name: str, names: Iterable[str]) -> bool:
    """Whether a step named ``step_name`` is one of the standard ``names`` (by name only)."""
    return _name_plays(step_name, tuple(names))


@lru_cache(maxsize=65536)
def _name_plays(step_name: str, names: tuple[str, ...]) -> bool:
    have = core(step_name)
    if not have or have.startswith(NEGATIONS):
        return False
    for want in (core(n) for n in names):
        if want and have.startswith(want):
            return True
    return False


def plays(step: Any, standard: Any) -> bool:
    """Whether ``step`` (a catalog step) plays the template step ``standard``."""
    if step.role:
        return bool(step.role == standard.id)
    return name_plays(step.name, [standard.name, *getattr(standard, "aliases", [])])


def standards(cat: CategoryProfile, role: str) -> list[Any]:
    """Every template step of the category with this role (one per standard procedure)."""
    return [s for proc in cat.procedures.values() for s in proc.steps if s.id == role]


def steps_playing(steps: Iterable[Any], cat: CategoryProfile, role: str) -> list[str]:
    """Ids of the catalog steps that play ``role`` in the category, in file order."""
    wanted = standards(cat, role)
    if not wanted:
        return [s.id for s in steps if s.role == role]
    return [s.id for s in steps if any(plays(s, w) for w in wanted)]
