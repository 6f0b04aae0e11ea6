"""The audit log: every committed change records who, what, when, before and after."""

from __future__ import annotations

from tests.api.helpers import portfolio, project, task
from tests.conftest import Api

EVENTS = """query($id: ID!) { node(id: $id) { ... on Portfolio {
  events(first: 50) { totalCount nodes { kind subjectId actor at data } } } } }"""


async def test_changes_are_recorded_and_refusals_are_not(api: Api) -> None:
    pid = await portfolio(api)
    prj = await project(api, pid)
    t = await task(api, prj, "Build", 2)
    await api.ok("updateTask", {"id": t["id"], "duration": 4}, "task { id }")
    refused = await api.mutate("updateTask", {"id": t["id"], "duration": -4}, "task { id }")
    assert refused["userErrors"]
    events = (await api.data(EVENTS, {"id": pid}))["node"]["events"]
    kinds = [e["kind"] for e in events["nodes"]]
    assert kinds == ["portfolio.created", "project.created", "task.created", "task.updated"]
    update = events["nodes"][-1]
    assert update["subjectId"] == t["id"]
    assert update["actor"] == "admin"
    assert update["data"]["before"]["duration"] == 2
    assert update["data"]["after"]["duration"] == 4
    assert update["at"].endswith("+00:00")


async def test_events_hold_what_users_set_not_what_the_scheduler_computes(api: Api) -> None:
    pid = await portfolio(api)
    t = await task(api, await project(api, pid), "Build", 2)
    await api.ok("updateTask", {"id": t["id"], "name": "Build it"}, "task { id }")
    events = (await api.data(EVENTS, {"id": pid}))["node"]["events"]["nodes"]
    after = events[-1]["data"]["after"]
    assert after["name"] == "Build it"
    computed = {"early_start", "late_finish", "total_float", "critical", "portfolio_total_float", "portfolio_critical"}
    assert computed.isdisjoint(after)


async def test_baselines_are_nodes(api: Api) -> None:
    prj = await project(api, await portfolio(api))
    await task(api, prj, "T", 1)
    saved = await api.ok("saveBaseline", {"projectId": prj, "name": "Plan A"}, "baseline { id name active }")
    baseline = saved["baseline"]
    data = await api.data(
        "query($id: ID!) { node(id: $id) { ... on Baseline { name active } } }", {"id": baseline["id"]}
    )
    assert data["node"] == {"name": "Plan A", "active": True}
