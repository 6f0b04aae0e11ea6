"""find_cycle_with: refusing a link that would close a loop."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.planning.core import find_cycle_with


def test_closing_link_returns_the_cycle_in_link_order() -> None:
    # 0 -> 1 -> 2 -> 3
    pred, succ = [0, 1, 2], [1, 2, 3]
    assert find_cycle_with(4, pred, succ, 3, 0) == [3, 0, 1, 2]
    assert find_cycle_with(4, pred, succ, 2, 1) == [2, 1]
    assert find_cycle_with(4, pred, succ, 0, 3) is None
    assert find_cycle_with(4, pred, succ, 3, 3) == [3]


def test_the_shortest_cycle_is_named() -> None:
    # 0 -> 1 -> 2 -> 3 -> 4 and a shortcut 0 -> 4.
    pred, succ = [0, 1, 2, 3, 0], [1, 2, 3, 4, 4]
    assert find_cycle_with(5, pred, succ, 4, 0) == [4, 0]


def test_no_links_and_out_of_range() -> None:
    assert find_cycle_with(2, [], [], 0, 1) is None
    with pytest.raises(ValueError, match="out of range"):
        find_cycle_with(2, [], [], 0, 2)


@settings(max_examples=80, deadline=None)
@given(st.integers(2, 25), st.data())
def test_agrees_with_networkx(n: int, data: st.DataObject) -> None:
    pairs = st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(lambda ab: ab[0] < ab[1])
    links = data.draw(st.lists(pairs, max_size=3 * n))
    p, s = data.draw(st.integers(0, n - 1)), data.draw(st.integers(0, n - 1))
    pred = np.array([a for a, _ in links], np.int64)
    succ = np.array([b for _, b in links], np.int64)
    cycle = find_cycle_with(n, pred, succ, p, s)
    graph: nx.DiGraph[int] = nx.DiGraph()
    graph.add_nodes_from(range(n))
    graph.add_edges_from(links)
    if p == s or nx.has_path(graph, s, p):
        assert cycle is not None
        assert cycle[0] == p
        graph.add_edge(p, s)
        assert all(graph.has_edge(a, b) for a, b in zip(cycle, cycle[1:] + cycle[:1], strict=True))
        assert len(cycle) == (1 if p == s else nx.shortest_path_length(graph, s, p) + 1)
    else:
        assert cycle is None
