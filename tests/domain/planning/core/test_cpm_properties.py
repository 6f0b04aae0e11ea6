"""Properties of compute_schedule on random networks with every kind of input."""

from __future__ import annotations

import networkx as nx
import numpy as np
from hypothesis import given, settings

from domain.planning.core import Network, Schedule, compute_schedule, critical_path
from tests.domain.planning.core.reference import (
    binds,
    late_bound,
    late_ceiling,
    link_bound,
    progress,
    reference_schedule,
    start_floor,
    started_finish_floor,
)
from tests.domain.planning.core.strategies import networks

EXAMPLES = settings(max_examples=150, deadline=None)


def links(net: Network) -> list[tuple[int, int, int, int, int]]:
    return [
        (k, int(net.pred[k]), int(net.succ[k]), int(net.link_type[k]), int(net.lag[k])) for k in range(net.link_count)
    ]


@EXAMPLES
@given(networks())
def test_early_dates_satisfy_every_binding_link(net: Network) -> None:
    s = compute_schedule(net)
    for k, p, q, kind, lag in links(net):
        if not binds(net, k):
            continue
        which, bound = link_bound(kind, lag, int(s.es[p]), int(s.ef[p]))
        assert (s.es[q] if which == "start" else s.ef[q]) >= bound
    assert np.all(s.es >= 0) or net.actual_finish is not None


@EXAMPLES
@given(networks())
def test_each_early_date_is_tight(net: Network) -> None:
    """Nothing could move earlier: every early date equals its largest lower bound."""
    s = compute_schedule(net)
    for j in range(net.task_count):
        state = progress(net, j)
        if state == "finished":
            assert s.ef[j] == net.actual_finish[j]  # type: ignore[index]
            continue
        bounds = {"start": [], "finish": []}  # type: dict[str, list[int]]
        for k, p, q, kind, lag in links(net):
            if q == j and binds(net, k):
                which, bound = link_bound(kind, lag, int(s.es[p]), int(s.ef[p]))
                bounds[which].append(bound)
        d = int(net.durations[j])
        if state == "started":
            assert s.es[j] == net.actual_start[j]  # type: ignore[index]
            assert s.ef[j] == max([started_finish_floor(net, j), *bounds["finish"]])
        else:
            lowest = [start_floor(net, j), *bounds["start"], *(b - d for b in bounds["finish"])]
            assert s.es[j] == max(lowest)
            assert s.ef[j] == s.es[j] + d


@EXAMPLES
@given(networks())
def test_each_late_finish_is_tight(net: Network) -> None:
    """Nothing could move later: every late finish equals its smallest upper bound."""
    s = compute_schedule(net)
    span = s.ef - s.es
    for j in range(net.task_count):
        if progress(net, j) == "finished":
            assert (s.ls[j], s.lf[j], s.total_float[j]) == (s.es[j], s.ef[j], 0)
            continue
        uppers = [late_ceiling(net, j, s.finish, int(span[j]))]
        for k, p, q, kind, lag in links(net):
            if p == j and binds(net, k):
                uppers.append(late_bound(kind, lag, int(s.ls[q]), int(s.lf[q]), int(span[j])))
        assert s.lf[j] == min(uppers)
        assert s.ls[j] == s.lf[j] - span[j]
    assert np.array_equal(s.total_float, s.ls - s.es)


@EXAMPLES
@given(networks())
def test_agrees_with_the_fixed_point_reference(net: Network) -> None:
    s = compute_schedule(net)
    ref = reference_schedule(net)
    assert s.finish == ref.finish
    assert s.es.tolist() == ref.es
    assert s.ef.tolist() == ref.ef
    assert s.ls.tolist() == ref.ls
    assert s.lf.tolist() == ref.lf
    assert s.free_float.tolist() == ref.free_float
    assert s.critical.tolist() == [tf <= 0 and not done for tf, done in zip(s.total_float, ref.finished, strict=True)]


@EXAMPLES
@given(networks())
def test_numba_and_python_engines_agree(net: Network) -> None:
    fast, slow = compute_schedule(net, engine="numba"), compute_schedule(net, engine="python")
    assert fast.finish == slow.finish
    for name in ("es", "ef", "ls", "lf", "total_float", "free_float", "critical", "order"):
        assert np.array_equal(getattr(fast, name), getattr(slow, name)), name
    assert all(getattr(fast, name).dtype == getattr(slow, name).dtype for name in ("es", "lf"))


PLAIN = networks(constraints=False, progress=False, caps=False, releases=False)


@EXAMPLES
@given(PLAIN)
def test_plain_networks_have_non_negative_float_and_a_zero_float_critical_path(
    net: Network,
) -> None:
    s = compute_schedule(net)
    assert np.all(s.total_float >= 0)
    assert np.all(s.free_float >= 0)
    # free_float <= total_float does not hold in general: a negative lag into a task held
    # at day 0 leaves slack on the link that the late dates cannot use (see the docs).
    assert np.all(s.total_float[s.critical] == 0)
    path = critical_path(s)
    assert path, "some task ends the project with zero float"
    assert any(s.ef[j] == s.finish for j in path)
    assert [(s.es[j], s.ef[j], j) for j in path] == sorted((s.es[j], s.ef[j], j) for j in path)


def event_graph_dates(net: Network) -> tuple[list[int], list[int], int]:
    """ES and LF as longest paths in a start/finish event graph (networkx Bellman-Ford)."""
    graph: nx.DiGraph[object] = nx.DiGraph()
    n = net.task_count
    for j in range(n):
        d = int(net.durations[j])
        graph.add_edge("source", ("S", j), weight=0)
        graph.add_edge(("S", j), ("F", j), weight=d)
        graph.add_edge(("F", j), ("S", j), weight=-d)
        graph.add_edge(("F", j), "sink", weight=0)
    for _, p, q, kind, lag in links(net):
        tail = ("F", p) if kind in (0, 2) else ("S", p)
        head = ("S", q) if kind in (0, 1) else ("F", q)
        weight = graph.edges[tail, head]["weight"] if graph.has_edge(tail, head) else None
        graph.add_edge(tail, head, weight=lag if weight is None else max(weight, lag))

    # Longest paths are shortest paths with negated weights; the S/F pairs form
    # zero-weight cycles, which Bellman-Ford accepts.
    def cost(_u: object, _v: object, data: dict[str, int]) -> int:
        return -data["weight"]

    early = nx.single_source_bellman_ford_path_length(graph, "source", weight=cost)
    to_sink = nx.single_source_bellman_ford_path_length(graph.reverse(), "sink", weight=cost)
    finish = -int(early["sink"])
    es = [-int(early["S", j]) for j in range(n)]
    lf = [finish + int(to_sink["F", j]) for j in range(n)]
    return es, lf, finish


@settings(max_examples=60, deadline=None)
@given(PLAIN)
def test_agrees_with_networkx_longest_paths(net: Network) -> None:
    s: Schedule = compute_schedule(net)
    es, lf, finish = event_graph_dates(net)
    assert s.finish == finish
    assert s.es.tolist() == es
    assert s.lf.tolist() == lf
