"""Resolvers run concurrently; the request's read session must not be used by two at once."""

from __future__ import annotations

from tests.api.helpers import portfolio, project, task
from tests.conftest import Api


async def test_sibling_fields_resolved_concurrently(api: Api) -> None:
    pid = await portfolio(api)
    p1 = await project(api, pid, "ONE")
    p2 = await project(api, pid, "TWO")
    t = await task(api, p1, "T", 2)
    query = """query($a: ID!, $b: ID!, $t: ID!, $p: ID!) {
      a: node(id: $a) { ... on Project { key tasks { totalCount } risks { totalCount } violations { ruleId } } }
      b: node(id: $b) { ... on Project { key criticalPath { name } gateRequests { id } } }
      t: node(id: $t) { ... on Task { name predecessors { id } successors { id } assignments { id } } }
      p: node(id: $p) { ... on Portfolio { events(first: 1) { totalCount } calendar { name } rules { ruleId } } }
    }"""
    data = await api.data(query, {"a": p1, "b": p2, "t": t["id"], "p": pid})
    assert data["a"]["key"] == "ONE"
    assert data["a"]["tasks"]["totalCount"] == 1
    assert data["b"]["key"] == "TWO"
    assert data["t"]["name"] == "T"
    assert data["p"]["events"]["totalCount"] >= 4
