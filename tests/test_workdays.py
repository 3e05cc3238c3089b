"""Working days from the official holiday calendar (chinesecalendar), with real dates."""

from __future__ import annotations

import datetime as dt

import pytest

from powercat.catalog import workdays
from powercat.catalog.model import Days
from powercat.catalog.profile import load_profile
from powercat.catalog.workdays import (
    CalendarGap, add_working_days, deadline, deadline_for_law, is_workday, outside_calendar,
    working_days_between,
)

D = dt.date
PUNISH = "中华人民共和国行政处罚法"
COERCE = "中华人民共和国行政强制法"


def test_national_day_2024_and_its_make_up_saturdays() -> None:
    assert is_workday(D(2024, 9, 29))  # Sunday, worked in lieu (调休)
    assert is_workday(D(2024, 9, 30))  # Monday before the holiday
    assert not any(is_workday(D(2024, 10, d)) for d in range(1, 8))  # 国庆节 10-01..10-07
    assert is_workday(D(2024, 10, 12))  # Saturday, worked in lieu
    assert not is_workday(D(2024, 10, 13))  # an ordinary Sunday
    assert not is_workday(D(2024, 10, 19))  # an ordinary Saturday


def test_complaint_received_the_day_before_national_day() -> None:
    # 10 working days after 2024-09-30: 10-08 .. 10-11 (4), Saturday 10-12 (5), 10-14 .. 10-18 (10)
    assert add_working_days(D(2024, 9, 30), 10) == D(2024, 10, 18)
    assert deadline(D(2024, 9, 30), Days(days=10, unit="working")) == D(2024, 10, 18)
    assert working_days_between(D(2024, 9, 30), D(2024, 10, 18)) == 10
    assert working_days_between(D(2024, 9, 30), D(2024, 10, 21)) == 11


def test_period_crossing_a_tiaoxiu_saturday() -> None:
    # Friday 2024-10-11 + 1 working day is Saturday 2024-10-12 (a make-up working day)
    assert add_working_days(D(2024, 10, 11), 1) == D(2024, 10, 12)
    assert working_days_between(D(2024, 10, 11), D(2024, 10, 14)) == 2


def test_spring_festival_2025() -> None:
    assert is_workday(D(2025, 1, 26)) and is_workday(D(2025, 2, 8))  # Sunday and Saturday in lieu
    assert not any(is_workday(D(2025, 1, 28) + dt.timedelta(days=i)) for i in range(7))  # 01-28 .. 02-03
    assert not is_workday(D(2025, 2, 4))
    # from Friday 2025-01-24: 01-26 (Sun, worked) 1, 01-27 2, then 02-05, 02-06, 02-07, 02-08 (Sat, worked)
    assert add_working_days(D(2025, 1, 24), 6) == D(2025, 2, 8)
    assert add_working_days(D(2025, 1, 24), 7) == D(2025, 2, 10)


def test_working_days_between_is_antisymmetric_and_zero_on_the_same_day() -> None:
    assert working_days_between(D(2024, 10, 18), D(2024, 9, 30)) == -10
    assert working_days_between(D(2024, 10, 18), D(2024, 10, 18)) == 0
    assert add_working_days(D(2024, 10, 5), 0) == D(2024, 10, 5)
    with pytest.raises(ValueError):
        add_working_days(D(2024, 10, 5), -1)


def test_natural_days_and_on_the_spot() -> None:
    assert deadline(D(2024, 9, 2), Days(days=7, unit="natural")) == D(2024, 9, 9)
    # a last day on a holiday moves to the next working day (民事诉讼法第八十五条)
    assert deadline(D(2024, 9, 24), Days(days=7, unit="natural")) == D(2024, 10, 8)
    assert deadline(D(2024, 9, 24), "on_the_spot") == D(2024, 9, 24)


def test_per_law_counting_from_the_profile() -> None:
    prc = load_profile("prc")
    start = D(2024, 9, 27)  # Friday before the make-up Sunday 09-29 and National Day
    # 行政处罚法第八十五条: 5 days are working days, 15 days natural days
    assert deadline_for_law(start, 5, PUNISH, prc) == D(2024, 10, 10)  # 09-29, 09-30, 10-08, 10-09, 10-10
    assert deadline_for_law(start, 15, PUNISH, prc) == D(2024, 10, 12)  # natural: 10-12 is a working Saturday
    # 行政强制法第六十九条: 10 days working, 30 natural
    assert deadline_for_law(start, 10, COERCE, prc) == D(2024, 10, 16)  # ... 10-11, 10-12 (Sat), 10-14, 10-15, 10-16
    assert deadline_for_law(start, 30, COERCE, prc) == D(2024, 10, 28)  # 10-27 is a Sunday
    # 行政许可法第八十二条: every period in working days
    assert deadline_for_law(start, 20, "行政许可法", prc) == add_working_days(start, 20)
    # a law the profile does not list: natural days
    assert deadline_for_law(start, 5, "中华人民共和国城乡规划法", prc) == D(2024, 10, 8)


def test_a_year_the_calendar_does_not_know_counts_weekends_only_and_warns(monkeypatch: pytest.MonkeyPatch) -> None:
    first, last = workdays.covered_years()
    later = last + 1
    monkeypatch.setattr(workdays, "_warned", set())
    workdays.is_workday.cache_clear()
    jan1 = D(later, 1, 1)
    with pytest.warns(CalendarGap, match=f"{later}"):
        assert is_workday(jan1) == (jan1.weekday() < 5)  # New Year's Day unknown: weekday rule
    assert outside_calendar(D(last, 12, 20), jan1)
    assert not outside_calendar(D(first, 1, 1), D(last, 12, 31))
    for lang in ("zh-CN", "en"):
        said = workdays.gap_message(later).text(lang)
        assert str(later) in said and "pip install -U chinesecalendar" in said
    workdays.is_workday.cache_clear()


def test_complaint_in_an_unknown_year_says_the_deadline_is_estimated(repo, monkeypatch: pytest.MonkeyPatch) -> None:
    from powercat import i18n as messages
    from powercat.lint.engine import validate

    later = workdays.covered_years()[1] + 1
    monkeypatch.setattr(workdays, "_warned", set())
    workdays.is_workday.cache_clear()
    root = repo({f"records/demo/{later}-03.yaml": (
        f"- complaint: TS-{later}-001\n  received_on: {later}-03-02\n  summary: 反映窗口排队时间过长\n")})
    with pytest.warns(CalendarGap):
        report = validate(root, as_of=D(later, 4, 30), use_cache=False)
    found = [d for d in report.diagnostics if d.code == "PC803"]
    assert [(d.line, d.column, d.variant) for d in found] == [(1, 3, "missing_estimated")]
    assert "仅按周末估算" in messages.message("PC803", found[0].args, found[0].variant, "zh-CN")
    workdays.is_workday.cache_clear()
