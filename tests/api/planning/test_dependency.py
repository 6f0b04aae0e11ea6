"""Dependencies over GraphQL: types, lags, cycles, cross-project links."""

from __future__ import annotations

from tests.api.helpers import get_task, link, portfolio, project, task
from tests.conftest import Api


async def test_link_types_and_negative_lag(api: Api) -> None:
    prj = await project(api, await portfolio(api), start="2026-01-05")
    a = await task(api, prj, "A", 5)
    b = await task(api, prj, "B", 2)
    dep = await link(api, a["id"], b["id"], "FS", -2)  # a lead of two days
    b = await get_task(api, b["id"])
    assert b["start"] == "2026-01-08"
    await api.ok("updateDependency", {"id": dep, "type": "SS", "lag": 1}, "dependency { type lag }")
    assert (await get_task(api, b["id"]))["start"] == "2026-01-06"
    data = await api.data(
        "query($id: ID!) { node(id: $id) { ... on Task { predecessors { type lag predecessor { name } } } } }",
        {"id": b["id"]},
    )
    assert data["node"]["predecessors"] == [{"type": "SS", "lag": 1, "predecessor": {"name": "A"}}]
    await api.ok("removeDependency", {"id": dep}, "deletedId")
    assert (await get_task(api, b["id"]))["start"] == "2026-01-05"


async def test_cycles_self_links_and_duplicates_are_refused(api: Api) -> None:
    prj = await project(api, await portfolio(api))
    a, b, c = [await task(api, prj, n, 1) for n in "ABC"]
    await link(api, a["id"], b["id"])
    await link(api, b["id"], c["id"])
    cycle = await api.mutate("addDependency", {"predecessorId": c["id"], "successorId": a["id"]}, "dependency { id }")
    assert cycle["dependency"] is None
    assert cycle["userErrors"][0]["code"] == "CYCLE"
    assert all(name in cycle["userErrors"][0]["message"] for name in "ABC")
    self_link = await api.mutate(
        "addDependency", {"predecessorId": a["id"], "successorId": a["id"]}, "dependency { id }"
    )
    assert self_link["userErrors"][0]["code"] == "CYCLE"
    dup = await api.mutate("addDependency", {"predecessorId": a["id"], "successorId": b["id"]}, "dependency { id }")
    assert dup["userErrors"][0]["code"] == "DUPLICATE"


async def test_cross_project_links_drive_dates(api: Api) -> None:
    pid = await portfolio(api)
    p1 = await project(api, pid, "ONE", start="2026-01-05")
    p2 = await project(api, pid, "TWO", start="2026-01-05")
    a = await task(api, p1, "Platform", 10)
    b = await task(api, p2, "App", 2)
    await link(api, a["id"], b["id"])
    assert (await get_task(api, b["id"]))["start"] == "2026-01-19"
    await api.ok("updateTask", {"id": a["id"], "duration": 5}, "task { id }")
    assert (await get_task(api, b["id"]))["start"] == "2026-01-12"
    other = await project(api, await portfolio(api, "Other"), "X")
    x = await task(api, other, "X", 1)
    across = await api.mutate("addDependency", {"predecessorId": a["id"], "successorId": x["id"]}, "dependency { id }")
    assert "portfolios" in across["userErrors"][0]["message"]


async def test_projects_on_different_calendars_cannot_be_linked(api: Api) -> None:
    pid = await portfolio(api)
    p1 = await project(api, pid, "ONE")
    p2 = await project(api, pid, "TWO")
    await api.ok("setCalendar", {"projectId": p2, "workdays": "1111110"}, "calendar { id }")
    a = await task(api, p1, "A", 1)
    b = await task(api, p2, "B", 1)
    refused = await api.mutate("addDependency", {"predecessorId": a["id"], "successorId": b["id"]}, "dependency { id }")
    assert refused["userErrors"][0]["code"] == "CALENDAR_MISMATCH"
