"""powercat.catalog.timelimits: limit text, sums, working-day comparison, longest paths."""

from __future__ import annotations

import doctest
from typing import Any

import pytest

from powercat import i18n
from powercat.catalog import timelimits as tl
from powercat.catalog.model import Days, Procedure
from powercat.catalog.profile import load_profile

PROFILE = load_profile("prc")
W = lambda n: Days(days=n, unit="working")  # noqa: E731
N = lambda n: Days(days=n, unit="natural")  # noqa: E731


def proc(*steps: dict[str, Any]) -> Procedure:
    return Procedure.model_validate({"kind": "general", "steps": list(steps)})


def step(sid: str, days: Any = None, *, type: str = "task", next: list[Any] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"id": sid, "name": sid.upper(), "type": type, "next": next or []}
    if days is not None:
        out["time_limit"] = days if days == "on_the_spot" else {"days": days[0], "unit": days[1]}
    return out


# --- text ---------------------------------------------------------------------------------

def test_text_of_limits() -> None:
    assert tl.text(W(5)) == "5个工作日"
    assert tl.text(N(30)) == "30个自然日"
    assert tl.text("on_the_spot") == "当场"
    assert tl.text(None) == ""
    assert tl.text(W(1), "en") == "1 working day"
    assert tl.text(N(30), "en") == "30 natural days"
    assert tl.text("on_the_spot", "en") == "on the spot"


def test_days_text_rounds_to_one_decimal() -> None:
    assert tl.days_text(30 / 1.4) == "21.4个工作日"
    assert tl.days_text(21.0) == "21个工作日"
    assert tl.days_text(2.96, "natural", "en") == "3 natural days"
    assert tl.number(0.04) == "0"


def test_span_keeps_units_apart() -> None:
    span = tl.Span.total([W(3), N(30), "on_the_spot", None, W(2)])
    assert (span.working, span.natural) == (5, 30)
    assert span.units == {"working", "natural"}
    assert span.text() == "5个工作日加30个自然日"
    assert span.text("en") == "5 working days plus 30 natural days"
    assert span.working_days(PROFILE) == pytest.approx(5 + 30 / 1.4)
    assert tl.Span.total([N(7), N(7)]).text() == "14个自然日"
    assert tl.Span().text() == "0个工作日" and tl.Span().units == frozenset()


def test_working_text_shows_the_equivalent_only_for_natural_days() -> None:
    assert tl.working_text(N(30), PROFILE) == "30个自然日(约合21.4个工作日)"
    assert tl.working_text(W(20), PROFILE) == "20个工作日"
    assert tl.working_text("on_the_spot", PROFILE) == "当场"
    assert tl.working_text(tl.Span(14, 40), PROFILE, "en") == "14 working days plus 40 natural days (about 42.6 working days)"


def test_the_equivalent_follows_the_profile_ratio() -> None:
    one_to_one = PROFILE.model_copy(update={"natural_days_per_working_day": 1.0})
    assert tl.working_text(N(1), one_to_one, "en") == "1 natural day (about 1 working day)"


# --- comparison ---------------------------------------------------------------------------

def test_needs_conversion_only_when_units_mix() -> None:
    assert not tl.needs_conversion(W(5), W(20))
    assert not tl.needs_conversion(N(5), "on_the_spot", None)
    assert tl.needs_conversion(W(5), N(20))
    assert tl.needs_conversion(tl.Span(1, 1))


def test_exceeds_same_unit_is_exact() -> None:
    assert tl.exceeds(W(21), W(20), PROFILE)
    assert not tl.exceeds(W(20), W(20), PROFILE)
    assert tl.exceeds(N(91), N(90), PROFILE)
    assert tl.exceeds(W(1), "on_the_spot", PROFILE)
    assert not tl.exceeds("on_the_spot", W(0), PROFILE)


def test_exceeds_mixed_units_converts_by_the_profile() -> None:
    assert not tl.exceeds(N(28), W(20), PROFILE)  # 28 / 1.4 == 20 exactly
    assert tl.exceeds(N(29), W(20), PROFILE)
    assert tl.exceeds(W(65), N(90), PROFILE)  # 90 natural ~ 64.3 working
    one_to_one = PROFILE.model_copy(update={"natural_days_per_working_day": 1.0})
    assert not tl.exceeds(N(29), W(29), one_to_one)


def test_message_args_are_language_neutral() -> None:
    args = tl.message_args(PROFILE, promised=N(30), statutory=W(20))
    assert args["promised"] == {"working": 0, "natural": 30, "about": 21.4}
    assert args["statutory"] == {"working": 20, "natural": 0}
    assert args["note"] == PROFILE.conversion_note and args["ratio"] == "1.4"
    assert i18n.fmt("{promised:days}", args, "zh-CN") == "30个自然日(约合21.4个工作日)"
    assert i18n.fmt("{statutory:days}", args, "en") == "20 working days"
    plain = tl.message_args(PROFILE, total=tl.Span(4, 0), limit=W(3))
    assert plain == {"total": {"working": 4, "natural": 0}, "limit": {"working": 3, "natural": 0},
                     "note": "", "ratio": "1.4"}


# --- longest path -------------------------------------------------------------------------

def test_step_graph_drops_unknown_targets() -> None:
    p = proc(step("a", type="start", next=["b", "nowhere"]), step("b", type="end"))
    assert tl.step_graph(p) == {"a": ["b"], "b": []}


def test_longest_path_takes_the_longer_branch_and_reaches_the_end() -> None:
    p = proc(
        step("apply", type="start", next=["accept"]),
        step("accept", (1, "working"), next=["review", {"to": "reject", "when": "不予受理"}]),
        step("review", (2, "working"), next=["decide", {"to": "hearing", "when": "申请听证"}]),
        step("hearing", (20, "working"), next=["decide"]),
        step("decide", (1, "working"), next=["deliver"]),
        step("reject", type="end"),
        step("deliver", type="end"),
    )
    route = tl.longest_path(p, PROFILE)
    assert route is not None
    assert route.steps == ("apply", "accept", "review", "hearing", "decide", "deliver")
    assert route.span == tl.Span(24, 0)


def test_longest_path_ignores_back_edges_of_cycles() -> None:
    p = proc(
        step("apply", type="start", next=["accept"]),
        step("accept", (1, "working"), next=["review", "supplement"]),
        step("supplement", (5, "natural"), next=["accept"]),  # back to accept: a cycle
        step("review", (2, "working"), next=["deliver"]),
        step("deliver", type="end"),
    )
    route = tl.longest_path(p, PROFILE)
    assert route is not None
    # apply -> accept -> supplement (4.6 wd) is longer, but only a back edge leads on from there
    assert route.steps == ("apply", "accept", "review", "deliver")
    assert route.span == tl.Span(3, 0)


def test_without_an_end_step_the_longest_dead_end_is_taken() -> None:
    p = proc(
        step("s", type="start", next=["a", "b"]),
        step("a", (1, "working")),
        step("b", (2, "working")),
    )
    assert tl.longest_path(p, PROFILE).steps == ("s", "b")  # type: ignore[union-attr]


def test_longest_path_compares_mixed_units_in_working_days() -> None:
    p = proc(
        step("s", type="start", next=["a", "b"]),
        step("a", (10, "natural"), next=["e"]),  # ~7.1 working days
        step("b", (8, "working"), next=["e"]),
        step("e", type="end"),
    )
    assert tl.longest_path(p, PROFILE).steps == ("s", "b", "e")  # type: ignore[union-attr]
    slow_weeks = PROFILE.model_copy(update={"natural_days_per_working_day": 1.0})
    assert tl.longest_path(p, slow_weeks).steps == ("s", "a", "e")  # type: ignore[union-attr]


def test_an_end_step_ends_the_path_and_on_the_spot_counts_zero() -> None:
    p = proc(
        step("s", "on_the_spot", type="start", next=["e"]),
        step("e", type="end", next=["late"]),
        step("late", (9, "working")),
    )
    route = tl.longest_path(p, PROFILE)
    assert route is not None and route.steps == ("s", "e") and route.span == tl.Span()


def test_without_a_start_step_the_first_step_starts() -> None:
    p = proc(step("a", (1, "working"), next=["b"]), step("b", (2, "natural"), type="end"))
    route = tl.longest_path(p, PROFILE)
    assert route is not None and route.steps == ("a", "b") and route.span == tl.Span(1, 2)


def test_several_start_steps_the_longest_wins() -> None:
    p = proc(
        step("s1", (1, "working"), type="start", next=["e"]),
        step("s2", (3, "working"), type="start", next=["e"]),
        step("e", type="end"),
    )
    assert tl.longest_path(p, PROFILE).steps == ("s2", "e")  # type: ignore[union-attr]


def test_empty_procedure_has_no_path() -> None:
    assert tl.longest_path(proc(), PROFILE) is None


def test_a_very_long_procedure_needs_no_recursion() -> None:
    n = 3000
    steps = [step(f"s{i}", (1, "working"), type="start" if i == 0 else "task", next=[f"s{i + 1}"]) for i in range(n)]
    steps.append(step(f"s{n}", type="end", next=["s0"]))
    route = tl.longest_path(proc(*steps), PROFILE)
    assert route is not None and len(route.steps) == n + 1 and route.span == tl.Span(n, 0)


def test_docstring_examples() -> None:
    assert doctest.testmod(tl).failed == 0
