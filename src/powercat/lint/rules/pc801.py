"""PC801 — a record entered more than 7 natural days after the power was exercised."""

from __future__ import annotations

import datetime as dt
from typing import Iterator

from powercat.catalog.model import Record
from powercat.catalog.profile import Profile
from powercat.catalog.workdays import add_working_days
from powercat.lint.rules.base import Finding, RecordsCtx, rule

RULE = rule("PC801", "warning", statutory=False)  # no statute sets the week: a local regulation may


def record_deadline(record: Record, profile: Profile) -> dt.date:
    """The last day to enter the record: ``record_within`` of the profile, counted strictly
    (a period in natural days is not extended over a weekend)."""
    period = profile.record_within
    if period.unit == "working":
        return add_working_days(record.exercised_on, period.days)
    return record.exercised_on + dt.timedelta(days=period.days)


def recorded_late(record: Record, profile: Profile) -> bool:
    return record.recorded_on > record_deadline(record, profile)


@RULE.check("records")
def check(ctx: RecordsCtx) -> Iterator[Finding]:
    period = ctx.profile.record_within
    for i, entry in enumerate(ctx.entries):
        if not isinstance(entry, Record) or not recorded_late(entry, ctx.profile):
            continue
        args = {
            "power": entry.power, "case": entry.case,
            "exercised_on": entry.exercised_on.isoformat(), "recorded_on": entry.recorded_on.isoformat(),
            "days": (entry.recorded_on - entry.exercised_on).days, "limit": period.days,
            "deadline": record_deadline(entry, ctx.profile).isoformat(),
        }
        yield Finding((i, "recorded_on"), args, variant=period.unit, at="value")
