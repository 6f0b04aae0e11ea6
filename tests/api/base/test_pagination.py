"""Relay cursor connections."""

from __future__ import annotations

from tests.api.helpers import portfolio, project
from tests.conftest import Api

QUERY = """query($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
  node(id: $id) { ... on Portfolio { projects(first: $first, after: $after, last: $last, before: $before) {
    totalCount edges { cursor node { key } } nodes { key }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } } }"""


async def test_forward_and_backward_pages(api: Api) -> None:
    pid = await portfolio(api)
    for i in range(5):
        await project(api, pid, f"K{i}")
    first = (await api.data(QUERY, {"id": pid, "first": 2}))["node"]["projects"]
    assert [n["key"] for n in first["nodes"]] == ["K0", "K1"]
    assert first["totalCount"] == 5
    assert first["pageInfo"]["hasNextPage"] is True
    assert first["pageInfo"]["hasPreviousPage"] is False
    second = (await api.data(QUERY, {"id": pid, "first": 2, "after": first["pageInfo"]["endCursor"]}))["node"][
        "projects"
    ]
    assert [n["key"] for n in second["nodes"]] == ["K2", "K3"]
    last = (await api.data(QUERY, {"id": pid, "first": 2, "after": second["pageInfo"]["endCursor"]}))["node"][
        "projects"
    ]
    assert [n["key"] for n in last["nodes"]] == ["K4"]
    assert last["pageInfo"]["hasNextPage"] is False
    back = (await api.data(QUERY, {"id": pid, "last": 2, "before": last["pageInfo"]["startCursor"]}))["node"][
        "projects"
    ]
    assert [n["key"] for n in back["nodes"]] == ["K2", "K3"]
    assert back["pageInfo"]["hasPreviousPage"] is True
    assert back["edges"][0]["cursor"] == second["edges"][0]["cursor"]


async def test_page_size_and_cursor_are_checked(api: Api) -> None:
    pid = await portfolio(api)
    too_big = await api.post(QUERY, {"id": pid, "first": 101})
    assert too_big["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "at most 100" in too_big["errors"][0]["message"] or "between 0 and 100" in too_big["errors"][0]["message"]
    bad_cursor = await api.post(QUERY, {"id": pid, "first": 1, "after": "garbage!"})
    assert bad_cursor["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    both = await api.post(QUERY, {"id": pid, "first": 1, "last": 1})
    assert both["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
