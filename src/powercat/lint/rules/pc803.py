"""PC803 — a complaint not replied to within 10 working days (profile: complaint_reply)."""

from __future__ import annotations

import datetime as dt
from typing import Iterator, Literal

from powercat.catalog.model import Complaint
from powercat.catalog.profile import Profile
from powercat.catalog.workdays import deadline, outside_calendar, working_days_between
from powercat.lint.rules.base import Finding, RecordsCtx, rule

RULE = rule("PC803", "warning", statutory=False)  # no statute sets the period: a local regulation may

Status = Literal["replied", "replied_late", "open", "overdue"]


def reply_deadline(complaint: Complaint, profile: Profile) -> dt.date:
    """The last day to reply: ``complaint_reply`` working days after the day of receipt."""
    return deadline(complaint.received_on, profile.complaint_reply)


def reply_status(complaint: Complaint, profile: Profile, as_of: dt.date) -> Status:
    due = reply_deadline(complaint, profile)
    if complaint.replied_on is not None:
        return "replied" if complaint.replied_on <= due else "replied_late"
    return "open" if as_of <= due else "overdue"


@RULE.check("records")
def check(ctx: RecordsCtx) -> Iterator[Finding]:
    period = ctx.profile.complaint_reply
    for i, entry in enumerate(ctx.entries):
        if not isinstance(entry, Complaint):
            continue
        status = reply_status(entry, ctx.profile, ctx.as_of)
        if status not in ("replied_late", "overdue"):
            continue
        due = reply_deadline(entry, ctx.profile)
        end = entry.replied_on or ctx.as_of
        args = {
            "complaint": entry.complaint, "received_on": entry.received_on.isoformat(),
            "deadline": due.isoformat(), "limit": period.days, "as_of": ctx.as_of.isoformat(),
            "taken": working_days_between(entry.received_on, end),
        }
        suffix = "_estimated" if outside_calendar(entry.received_on, end) else ""
        if entry.replied_on is not None:
            args["replied_on"] = entry.replied_on.isoformat()
            yield Finding((i, "replied_on"), args, variant="late" + suffix, at="value")
        else:
            yield Finding((i, "replied_on"), args, variant="missing" + suffix)
