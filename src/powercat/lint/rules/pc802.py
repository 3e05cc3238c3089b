"""PC802 — a record of a `timely` power not disclosed within its `within_days`.

``within_days`` counts natural days from the day of the exercise (FORMAT.md does not say;
see docs/records.md), and a last day that falls on a rest day moves to the next working day.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterator, Literal

from powercat.catalog.model import Record
from powercat.catalog.workdays import add_natural_days
from powercat.lint.rules.base import Finding, PowerFacts, RecordsCtx, rule

RULE = rule("PC802", "error")

Status = Literal["not_required", "disclosed", "disclosed_late", "pending", "overdue"]


def disclosure_deadline(record: Record, facts: PowerFacts | None) -> dt.date | None:
    """The last day to disclose the record, or None when its power is not disclosed ``timely``."""
    if facts is None or facts.timing != "timely" or facts.within_days is None:
        return None
    return add_natural_days(record.exercised_on, facts.within_days)


def disclosure_status(record: Record, facts: PowerFacts | None, as_of: dt.date) -> Status:
    due = disclosure_deadline(record, facts)
    if due is None:
        return "not_required"
    if record.disclosed_on is not None:
        return "disclosed" if record.disclosed_on <= due else "disclosed_late"
    return "pending" if as_of <= due else "overdue"


@RULE.check("records")
def check(ctx: RecordsCtx) -> Iterator[Finding]:
    for i, entry in enumerate(ctx.entries):
        if not isinstance(entry, Record):
            continue
        facts = ctx.powers.get(entry.power)
        status = disclosure_status(entry, facts, ctx.as_of)
        if status not in ("disclosed_late", "overdue"):
            continue
        due = disclosure_deadline(entry, facts)
        if due is None or facts is None:
            continue
        args = {
            "power": entry.power, "name": facts.name, "case": entry.case, "within": facts.within_days,
            "exercised_on": entry.exercised_on.isoformat(), "deadline": due.isoformat(),
            "as_of": ctx.as_of.isoformat(),
        }
        if entry.disclosed_on is not None:
            args |= {"disclosed_on": entry.disclosed_on.isoformat(), "late": (entry.disclosed_on - due).days}
            yield Finding((i, "disclosed_on"), args, variant="late", at="value")
        else:
            args["late"] = (ctx.as_of - due).days
            yield Finding((i, "disclosed_on"), args, variant="missing")
