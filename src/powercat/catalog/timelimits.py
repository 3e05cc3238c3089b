"""Time limits (办理时限): sums, working-day comparison, longest paths, readable text.

Shared by the PC3xx rules and by render, diff and publish. Nothing here knows the law: the
ratio between natural and working days comes from the profile
(``natural_days_per_working_day``, ``conversion_note``).

A *limit* is what the model holds: ``"on_the_spot"`` (当场, counts 0), a :class:`~powercat.catalog.model.Days`
or ``None`` (not given, counts 0). A :class:`Span` is a sum of limits that keeps working and
natural days apart, so a sum in one unit is shown exactly and only a mixed sum is converted::

    >>> from powercat.catalog.model import Days
    >>> text(Days(days=5, unit="working"))
    '5个工作日'
    >>> text("on_the_spot", "en")
    'on the spot'
    >>> (Span.of(Days(days=2, unit="working")) + Span.of("on_the_spot")).text()
    '2个工作日'

Functions taking ``lang`` take a language of :mod:`powercat.i18n` (the words come from its
``units`` entries).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Collection, Iterable

from powercat import i18n
from powercat.catalog.model import Days, Procedure, Step
from powercat.catalog.profile import Profile

_EPSILON = 1e-9
number = i18n.number  # a day count for people: 5, 21.4


def days_text(days: float, unit: str = "working", lang: str | None = None) -> str:
    """``5个工作日`` / ``30个自然日`` (``5 working days`` in English)."""
    return i18n.days({unit: days}, lang)


def arg(limit: Any, profile: Profile | None = None) -> Any:
    """A limit or span as a message argument holds it (language-neutral, JSON): ``on_the_spot``,
    ``{"working": 5, "natural": 0}``, with ``about`` (its working days) when ``profile`` is given
    and it has natural days; None for none."""
    if limit is None or limit == "on_the_spot":
        return limit
    span = Span.of(limit)
    out: dict[str, Any] = {"working": span.working, "natural": span.natural}
    if profile is not None and span.natural:
        out["about"] = round(span.working_days(profile), 1)
    return out


def text(limit: Any, lang: str | None = None) -> str:
    """A limit as written in the catalog: ``当场``, ``5个工作日``, ``30个自然日`` (a :class:`Span`: its text)."""
    return i18n.days(arg(limit), lang)


@dataclass(frozen=True, slots=True)
class Span:
    """A sum of limits: working and natural days kept apart (当场 and missing limits add 0)."""

    working: int = 0
    natural: int = 0

    @classmethod
    def of(cls, limit: Any) -> "Span":
        if isinstance(limit, Span):
            return limit
        if isinstance(limit, Days):
            return cls(limit.days, 0) if str(limit.unit) == "working" else cls(0, limit.days)
        return cls()

    @classmethod
    def total(cls, limits: Iterable[Any]) -> "Span":
        out = cls()
        for limit in limits:
            out = out + cls.of(limit)
        return out

    def __add__(self, other: "Span") -> "Span":
        return Span(self.working + other.working, self.natural + other.natural)

    @property
    def units(self) -> frozenset[str]:
        """The units that occur in the sum (empty for 0)."""
        return frozenset(u for u, n in (("working", self.working), ("natural", self.natural)) if n)

    def working_days(self, profile: Profile) -> float:
        """The sum in working days, natural days converted by the profile's ratio."""
        return self.working + self.natural / profile.natural_days_per_working_day

    def text(self, lang: str | None = None) -> str:
        """``7个工作日``, ``30个自然日`` or ``3个工作日加30个自然日``."""
        return text(self, lang)


def needs_conversion(*items: Any) -> bool:
    """Whether comparing these limits or spans mixes working and natural days."""
    units: set[str] = set()
    for item in items:
        units |= Span.of(item).units
    return len(units) > 1


def exceeds(a: Any, b: Any, profile: Profile) -> bool:
    """Whether limit/span ``a`` is longer than ``b`` (in working days when the units differ)."""
    sa, sb = Span.of(a), Span.of(b)
    if not needs_conversion(sa, sb):
        return sa.working + sa.natural > sb.working + sb.natural
    return sa.working_days(profile) > sb.working_days(profile) + _EPSILON


def working_text(item: Any, profile: Profile, lang: str | None = None) -> str:
    """A limit or span with its working-day equivalent when it has natural days:
    ``30个自然日(约合21.4个工作日)``; working days and 当场 are shown as they are."""
    return i18n.days(arg(item, profile), lang)


def message_args(profile: Profile, **items: Any) -> dict[str, Any]:
    """Language-neutral arguments for a message comparing limits or spans (shown with
    ``{name:days}``).

    Each ``name=limit`` becomes :func:`arg` of it; when the items mix working and natural days
    each carries its working-day equivalent (``about``), and ``note`` (the profile's
    ``conversion_note``) and ``ratio`` (its natural days per working day) say how they were
    converted (``note`` is empty otherwise)::

        message_args(profile, promised=Days(days=30, unit="natural"), statutory=Days(days=20, unit="working"))
        # {"promised": {"working": 0, "natural": 30, "about": 21.4}, "statutory": {"working": 20, ...}, ...}
    """
    converted = needs_conversion(*items.values())
    args: dict[str, Any] = {name: arg(value, profile if converted else None) for name, value in items.items()}
    args["note"] = profile.conversion_note if converted else ""
    args["ratio"] = number(profile.natural_days_per_working_day)
    return args


# --- the step graph of a procedure ------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Route:
    """A path through a procedure: step ids from a start step to an end step, and its sum."""

    steps: tuple[str, ...]
    span: Span


def step_graph(procedure: Procedure) -> dict[str, list[str]]:
    """Step id -> ids of its ``next`` steps that exist (unknown targets are PC502's)."""
    steps: dict[str, Step] = {}
    for step in procedure.steps:
        steps.setdefault(step.id, step)
    return {sid: [t for _, t, _ in s.targets() if t in steps] for sid, s in steps.items()}


def _acyclic(graph: dict[str, list[str]], roots: list[str]) -> tuple[dict[str, list[str]], list[str]]:
    """The graph reachable from ``roots`` without back edges, and its nodes in DFS post-order
    (every node after all its successors). Iterative: no recursion limit on long procedures."""
    state: dict[str, int] = {}  # 1 on the DFS stack, 2 finished
    dag: dict[str, list[str]] = {}
    order: list[str] = []
    for root in roots:
        if root in state:
            continue
        state[root], dag[root] = 1, []
        stack = [(root, iter(graph[root]))]
        while stack:
            node, targets = stack[-1]
            for target in targets:
                if state.get(target) == 1:
                    continue  # a back edge closes a cycle: not part of any longest path
                dag[node].append(target)
                if target not in state:
                    state[target], dag[target] = 1, []
                    stack.append((target, iter(graph[target])))
                    break
            else:
                state[node] = 2
                order.append(node)
                stack.pop()
    return dag, order


def longest_path(procedure: Procedure, profile: Profile, uncounted: Collection[str] = ()) -> Route | None:
    """The path from a start step to an end step with the largest sum of step limits.

    Sums are compared in working days (natural days converted by the profile). Back edges of
    cycles are not followed, so a step whose only way on is back (补正材料 -> 受理) ends no path;
    an ``end`` step ends a path even if it has ``next``. The start is every ``type: start``
    step, or the first step when there is none. When no path reaches an end step (PC504's
    problem), the longest path to a step without ``next`` is returned instead. ``None`` for a
    procedure without steps. Steps whose id is in ``uncounted`` (outside the statutory clock, or
    marked ``counted: false``: PC304's ``counted_steps``) add nothing.
    """
    graph = step_graph(procedure)
    if not graph:
        return None
    steps = {s.id: s for s in reversed(procedure.steps)}
    starts = {sid for sid, s in steps.items() if str(s.type) == "start"} or {procedure.steps[0].id}
    roots = [sid for sid in graph if sid in starts]  # in file order
    dag, order = _acyclic(graph, roots)
    # step -> ((reaches an end, working days), span, next step on the path)
    best: dict[str, tuple[tuple[bool, float], Span, str | None]] = {}
    for sid in order:
        counted = sid not in uncounted
        own = Span.of(steps[sid].time_limit) if counted else Span()
        if str(steps[sid].type) == "end":
            best[sid] = ((True, own.working_days(profile)), own, None)
            continue
        tail: tuple[tuple[bool, float], Span, str | None] = ((False, 0.0), Span(), None)
        for target in dag[sid]:
            if tail[2] is None or _longer(best[target][0], tail[0]):
                tail = (best[target][0], best[target][1], target)
        span = own + tail[1]
        best[sid] = ((tail[0][0], span.working_days(profile)), span, tail[2])
    root = roots[0]
    for other in roots[1:]:
        if _longer(best[other][0], best[root][0]):
            root = other
    path, node = [root], best[root][2]
    while node is not None:
        path.append(node)
        node = best[node][2]
    return Route(tuple(path), best[root][1])


def _longer(a: tuple[bool, float], b: tuple[bool, float]) -> bool:
    """Whether rank ``a`` beats ``b``: reaching an end first, then more working days."""
    return a[0] > b[0] or (a[0] == b[0] and a[1] > b[1] + _EPSILON)
