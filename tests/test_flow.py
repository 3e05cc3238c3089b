"""powercat.catalog.flow: the graph of a procedure's steps."""

from __future__ import annotations

from powercat.catalog.flow import Flow, FlowEdge
from powercat.catalog.model import Procedure
from powercat.catalog.profile import load_profile


def flow(*steps: dict) -> Flow:
    return Flow.of(Procedure.model_validate({"kind": "general", "steps": list(steps)}))


def s(id: str, type: str = "task", *next: object) -> dict:
    return {"id": id, "name": id, "type": type, "next": list(next)}


LINEAR = (s("a", "start", "b"), s("b", "task", "c"), s("c", "end"))


def test_successors_predecessors_starts_ends() -> None:
    f = flow(s("a", "start", "b", {"to": "c", "when": "x"}, "b"), s("b", "task", "c"), s("c", "end"))
    assert f.ids == ["a", "b", "c"]
    assert f.successors("a") == ["b", "c"]  # once each, in next order
    assert f.predecessors("c") == ["a", "b"]
    assert f.successors("nope") == []
    assert f.starts() == ["a"] and f.ends() == ["c"] and f.of_type("task") == ["b"]
    assert f.edges[1] == FlowEdge("a", "c", "x", 0, 1)
    assert f.step("b").name == "b"


def test_dangling_edges_are_kept_but_not_followed() -> None:
    f = flow(s("a", "start", "b", "ghost"), s("b", "end"))
    assert [(e.source, e.target, e.step_index, e.next_index) for e in f.dangling()] == [("a", "ghost", 0, 1)]
    assert f.successors("a") == ["b"]
    assert f.reachable() == {"a", "b"}


def test_reachable_from_starts_and_from_given_sources() -> None:
    f = flow(*LINEAR, s("orphan", "task", "c"))
    assert f.reachable() == {"a", "b", "c"}
    assert f.reachable(["orphan"]) == {"orphan", "c"}
    assert f.reachable(["missing"]) == set()
    assert flow(s("x", "task", "y"), s("y", "end")).reachable() == set()  # no start step


def test_reaching_end() -> None:
    f = flow(s("a", "start", "b", "d"), s("b", "task", "c"), s("c", "end"), s("d", "task", "e"), s("e", "task", "d"))
    assert f.reaching_end() == {"a", "b", "c"}
    assert f.reaching(["d"]) == {"a", "d", "e"}


def test_cycles_in_file_order_with_self_loop() -> None:
    f = flow(
        s("a", "start", "b"), s("b", "task", "c"), s("c", "decision", "b", "d"),
        s("d", "task", "d", "e"), s("e", "end"),
    )
    assert f.cycles() == [["b", "c"], ["d"]]
    assert f.dead_cycles() == []
    assert flow(*LINEAR).cycles() == []


def test_dead_cycles() -> None:
    f = flow(s("a", "start", "b", "x"), s("x", "task", "y"), s("y", "task", "x"), s("b", "end"), s("z", "task", "z"))
    assert f.dead_cycles() == [["x", "y"], ["z"]]


def test_long_chain_needs_no_recursion() -> None:
    steps = [s(f"s{i}", "task", f"s{i + 1}") for i in range(3000)] + [s("s3000", "task", "s0")]
    f = flow(*steps)
    assert len(f.cycles()) == 1 and len(f.cycles()[0]) == 3001


def test_repeated_id_first_step_is_the_node_edges_merge() -> None:
    f = flow(s("a", "start", "b"), s("b", "task", "c"), {"id": "b", "name": "again", "type": "end", "next": ["d"]},
             s("c", "end"), s("d", "end"))
    assert f.ids == ["a", "b", "c", "d"]
    assert f.step("b").name == "b" and f.index["b"] == 1
    assert f.successors("b") == ["c", "d"]
    assert f.ends() == ["c", "d"]


def test_profile_templates_are_well_formed() -> None:
    profile = load_profile("prc")
    for cat, cp in profile.categories.items():
        for kind, proc in cp.procedures.items():
            f = Flow.of(proc)
            assert len(f.starts()) == 1, (cat, kind)
            assert not f.dangling(), (cat, kind)
            assert f.reachable() == set(f.ids), (cat, kind)
            assert f.reaching_end() == set(f.ids), (cat, kind)
