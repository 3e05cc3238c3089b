"""The graph of one procedure's steps: who follows whom, where it starts and ends, its loops.

Used by the PC5xx rules, the flowchart renderer and the reviewer's diff::

    flow = Flow.of(power.procedures[0])
    flow.starts()          # ['apply']
    flow.successors("accept")   # ['review', 'reject']
    flow.reachable()       # steps reachable from the start steps
    flow.reaching_end()    # steps from which an end step can be reached
    flow.cycles()          # [['review', 'supplement']]: each loop's steps, in file order

Nodes are step ids. A procedure's graph is self-contained: an edge whose target is not a step
of this procedure (a typo, or a step of another procedure) is *dangling*; it is kept in
:attr:`Flow.edges` (see :meth:`Flow.dangling`) but followed by nothing else. When an id is
repeated (PC105), the first step with that id gives the node's name and type, and the edges of
every step with that id leave the node. Works on anything shaped like ``model.Step`` (``id``,
``type``, ``targets()``), e.g. the profile's template steps.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Sequence

__all__ = ["Flow", "FlowEdge", "procedure_arg", "procedure_label"]


@dataclass(frozen=True, slots=True)
class FlowEdge:
    """One item of a step's ``next``: ``steps[step_index].next[next_index]`` goes to ``target``."""

    source: str
    target: str
    when: str | None
    step_index: int
    next_index: int


def _type(step: Any) -> str:
    return str(getattr(step.type, "value", step.type))


class Flow:
    """The directed graph of a list of steps (one procedure)."""

    def __init__(self, steps: Sequence[Any]) -> None:
        self.steps: list[Any] = list(steps)
        self.index: dict[str, int] = {}  # step id -> index of its first step
        for i, step in enumerate(self.steps):
            self.index.setdefault(step.id, i)
        self.ids: list[str] = list(self.index)  # in file order
        self.edges: list[FlowEdge] = [
            FlowEdge(step.id, target, when, si, ni)
            for si, step in enumerate(self.steps)
            for ni, target, when in step.targets()
        ]
        self._succ: dict[str, list[str]] = {i: [] for i in self.ids}
        self._pred: dict[str, list[str]] = {i: [] for i in self.ids}
        for e in self.edges:
            if e.target in self.index and e.target not in self._succ[e.source]:
                self._succ[e.source].append(e.target)
                self._pred[e.target].append(e.source)

    @classmethod
    def of(cls, procedure: Any) -> "Flow":
        """The flow of a ``model.Procedure`` (or a profile ``StandardProcedure``)."""
        return cls(procedure.steps)

    # --- nodes and edges ---------------------------------------------------------------

    def step(self, step_id: str) -> Any:
        """The (first) step with this id; KeyError if there is none."""
        return self.steps[self.index[step_id]]

    def successors(self, step_id: str) -> list[str]:
        """Ids of the existing steps that ``step_id`` leads to, in ``next`` order, once each."""
        return list(self._succ.get(step_id, ()))

    def predecessors(self, step_id: str) -> list[str]:
        """Ids of the steps that lead to ``step_id``, in file order, once each."""
        return list(self._pred.get(step_id, ()))

    def derived(self, name: str, compute: Any) -> Any:
        """A fact of the graph computed once (reachability, loops ...), whoever asks first."""
        facts = self.__dict__.setdefault("_facts", {})
        if name not in facts:
            facts[name] = compute()
        return facts[name]

    def dangling(self) -> list[FlowEdge]:
        """Edges whose target is not a step of this procedure."""
        return [e for e in self.edges if e.target not in self.index]

    def of_type(self, kind: str) -> list[str]:
        """Ids of the steps of a type (``start``, ``task``, ``decision``, ``end``), in file order."""
        return [i for i in self.ids if _type(self.step(i)) == kind]

    def starts(self) -> list[str]:
        return self.of_type("start")

    def ends(self) -> list[str]:
        return self.of_type("end")

    # --- reachability ------------------------------------------------------------------

    def reachable(self, sources: Iterable[str] | None = None) -> set[str]:
        """Steps reachable from ``sources`` (default: the start steps), the sources included."""
        if sources is None:
            return self.derived("reachable", lambda: _closure(self.starts(), self._succ))
        return _closure(sources, self._succ)

    def reaching(self, targets: Iterable[str]) -> set[str]:
        """Steps from which one of ``targets`` can be reached, the targets included."""
        return _closure(targets, self._pred)

    def reaching_end(self) -> set[str]:
        """Steps from which an ``end`` step can be reached (the end steps included)."""
        return self.derived("reaching_end", lambda: self.reaching(self.ends()))

    # --- cycles ------------------------------------------------------------------------

    def cycles(self) -> list[list[str]]:
        """Each loop of the graph: a strongly connected set of steps that can return to itself.

        Every step of a loop is in exactly one returned list (steps in file order; lists
        ordered by their first step). A step whose ``next`` names itself is a loop of one.
        """
        return self.derived("cycles", self._cycles)

    def _cycles(self) -> list[list[str]]:
        order = {sid: n for n, sid in enumerate(self.ids)}
        found = [sorted(c, key=order.__getitem__) for c in _components(self.ids, self._succ)]
        loops = [c for c in found if len(c) > 1 or c[0] in self._succ[c[0]]]
        return sorted(loops, key=lambda c: order[c[0]])

    def dead_cycles(self) -> list[list[str]]:
        """Loops from which no ``end`` step can be reached."""
        alive = self.reaching_end()
        return [c for c in self.cycles() if not alive.intersection(c)]


def _closure(seeds: Iterable[str], edges: dict[str, list[str]]) -> set[str]:
    seen = {s for s in seeds if s in edges}
    todo = list(seen)
    while todo:
        for nxt in edges[todo.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def _components(nodes: list[str], succ: dict[str, list[str]]) -> list[list[str]]:
    """Strongly connected components (Tarjan, iterative: no recursion limit)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    for root in nodes:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            children = succ[node]
            if i < len(children):
                work.append((node, i + 1))
                child = children[i]
                if child not in index:
                    work.append((child, 0))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            if low[node] == index[node]:
                comp = []
                while True:
                    top = stack.pop()
                    on_stack.discard(top)
                    comp.append(top)
                    if top == node:
                        break
                out.append(comp)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return out


def procedure_arg(procedure: Any) -> str:
    """A procedure in a message argument: its ``name``, else its kind's code, which the message
    shows as the kind's label (``{procedure:enum.ProcedureKind}``: 一般程序, general procedure)."""
    name = (getattr(procedure, "name", None) or "").strip()
    return name or str(getattr(procedure, "kind", ""))


def procedure_label(procedure: Any, lang: str | None = None) -> str:
    """How to name a procedure to a person: its ``name``, else its kind's label (一般程序)."""
    from powercat.i18n import label

    return label("enum.ProcedureKind", procedure_arg(procedure), lang)
