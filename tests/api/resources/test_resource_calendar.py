"""A resource's own calendar (setCalendar with resourceId) takes its days off out of capacity."""

from __future__ import annotations

from tests.api.helpers import portfolio, project, task
from tests.conftest import Api

LOAD = """query($p: ID!) { node(id: $p) { ... on Portfolio {
  resourceLoad(from: "2026-01-05", to: "2026-01-09") {
    resource { name } overallocatedDays days { date demand capacity } }
} } }"""


async def test_resource_holiday_removes_capacity_and_shows_over_allocation(api: Api) -> None:
    pid = await portfolio(api)
    rid = (await api.ok("createResource", {"portfolioId": pid, "name": "Ada", "role": "Dev"}, "resource { id }"))[
        "resource"
    ]["id"]
    t = await task(api, await project(api, pid, start="2026-01-05"), "Build", 3)  # Mon..Wed
    await api.ok("assignResource", {"taskId": t["id"], "resourceId": rid}, "assignment { id }")
    before = (await api.data(LOAD, {"p": pid}))["node"]["resourceLoad"][0]
    assert before["overallocatedDays"] == []
    await api.ok("setCalendar", {"resourceId": rid, "holidays": ["2026-01-06"]}, "calendar { holidays }")
    after = (await api.data(LOAD, {"p": pid}))["node"]["resourceLoad"][0]
    tuesday = next(d for d in after["days"] if d["date"] == "2026-01-06")
    assert tuesday == {"date": "2026-01-06", "demand": 1.0, "capacity": 0.0}
    assert after["overallocatedDays"] == ["2026-01-06"]
