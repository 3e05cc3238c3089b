"""Working days (工作日) from the official holiday calendar, with make-up working days (调休).

The one place powercat counts days::

    is_workday(date(2024, 10, 12))                  # True: a 调休 Saturday
    add_working_days(date(2024, 9, 30), 10)         # 2024-10-18 (National Day skipped)
    deadline(date(2024, 9, 30), Days(days=10, unit="working"))
    deadline_for_law(start, 5, "中华人民共和国行政处罚法", profile)  # 5 working days (art. 85)

The calendar is the ``chinesecalendar`` package (``import chinese_calendar``), which carries
the State Council's holiday notices year by year. For a year it does not know yet (the
notice for next year comes out each November, and an old installed version lags behind) it
raises ``NotImplementedError``; powercat then counts **weekends only** for that year, warns once
per year with :class:`CalendarGap`, and :func:`outside_calendar` lets rules say that a
deadline is an estimate. ``pip install -U chinesecalendar`` brings the new year in.

Counting follows the usual rule for legal periods (民事诉讼法第八十五条): the day an event
happens is not counted; a period of N days ends at the end of the N-th day after it, and a
period in natural days whose last day is a rest day ends on the next working day.
"""

from __future__ import annotations

import datetime as dt
import warnings
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from powercat.i18n import Message

if TYPE_CHECKING:
    from powercat.catalog.profile import Profile

try:  # the package is a dependency; without it every year is "outside the calendar"
    import chinese_calendar as _cc
    from chinese_calendar.constants import holidays as _HOLIDAYS

    _YEARS: tuple[int, int] | None = (min(_HOLIDAYS).year, max(_HOLIDAYS).year)
except ImportError:  # pragma: no cover - exercised only in a broken install
    _cc = None
    _YEARS = None

ONE_DAY = dt.timedelta(days=1)


class CalendarGap(UserWarning):
    """The holiday calendar has no data for a year: weekends only were excluded. ``year`` says
    which, so the command can say it in its language (:func:`gap_message`)."""

    year: int = 0


_warned: set[int] = set()


def covered_years() -> tuple[int, int] | None:
    """The first and last year the holiday calendar knows (None: no calendar installed)."""
    return _YEARS


def in_calendar(day: dt.date) -> bool:
    return _YEARS is not None and _YEARS[0] <= day.year <= _YEARS[1]


def gap_message(year: int) -> Message:
    """What to say when the calendar lacks ``year`` (``cli.calendar_gap``; ``.text(lang)``)."""
    if _YEARS:
        return Message("cli.calendar_gap", year=year, first=_YEARS[0], last=_YEARS[1])
    return Message("cli.calendar_none", year=year)


def _gap(year: int) -> None:
    if year not in _warned:
        _warned.add(year)
        gap = CalendarGap(str(gap_message(year)))
        gap.year = year
        warnings.warn(gap, stacklevel=4)


@lru_cache(maxsize=8192)
def is_workday(day: dt.date) -> bool:
    """Whether ``day`` is a working day: a weekday that is no holiday, or a 调休 working day."""
    if isinstance(day, dt.datetime):
        day = day.date()
    if in_calendar(day):
        return bool(_cc.is_workday(day))  # type: ignore[union-attr]
    _gap(day.year)
    return day.weekday() < 5


def outside_calendar(a: dt.date, b: dt.date) -> bool:
    """Whether any day from ``a`` to ``b`` lies in a year the calendar does not know."""
    lo, hi = min(a, b), max(a, b)
    return any(not in_calendar(dt.date(y, 1, 1)) for y in range(lo.year, hi.year + 1))


def next_workday(day: dt.date) -> dt.date:
    """``day`` itself if it is a working day, else the first working day after it."""
    while not is_workday(day):
        day += ONE_DAY
    return day


def add_working_days(start: dt.date, n: int) -> dt.date:
    """The ``n``-th working day after ``start`` (``start`` itself is not counted; n=0 gives start)."""
    if n < 0:
        raise ValueError("n must not be negative")
    day = start
    while n > 0:
        day += ONE_DAY
        if is_workday(day):
            n -= 1
    return day


def working_days_between(a: dt.date, b: dt.date) -> int:
    """Working days after ``a`` up to and including ``b`` (negative when ``b`` is before ``a``).

    ``working_days_between(received, replied) <= 10`` is "replied within 10 working days".
    """
    if b < a:
        return -working_days_between(b, a)
    count, day = 0, a
    while day < b:
        day += ONE_DAY
        count += is_workday(day)
    return count


def add_natural_days(start: dt.date, n: int, *, roll: bool = True) -> dt.date:
    """``start`` + ``n`` days; with ``roll`` a last day that is a rest day moves to the next working day."""
    end = start + dt.timedelta(days=n)
    return next_workday(end) if roll and n > 0 else end


def deadline(start: dt.date, limit: Any) -> dt.date:
    """The last day of a time limit (``model.Days`` or ``"on_the_spot"``) counted from ``start``."""
    if limit == "on_the_spot":
        return start
    unit = getattr(limit.unit, "value", limit.unit)
    if unit == "working":
        return add_working_days(start, limit.days)
    return add_natural_days(start, limit.days)


def unit_for_law(days: int, law: str, profile: "Profile") -> str:
    """How ``law`` counts a period of ``days`` (FORMAT.md section 5): ``working`` or ``natural``.

    A law the profile does not list counts natural days.
    """
    counting = profile.counting_for(law)
    return counting.unit_for(days) if counting else "natural"


def deadline_for_law(start: dt.date, days: int, law: str, profile: "Profile") -> dt.date:
    """The last day of a period of ``days`` that ``law`` sets, counted the way that law counts."""
    if unit_for_law(days, law, profile) == "working":
        return add_working_days(start, days)
    return add_natural_days(start, days)
