"""Tasks, the WBS and progress over GraphQL."""

from __future__ import annotations

from tests.api.helpers import TASK_FIELDS, get_task, link, portfolio, project, task
from tests.conftest import Api


async def test_task_dates_follow_the_contract_day_convention(api: Api) -> None:
    prj = await project(api, await portfolio(api), start="2026-01-05")  # a Monday
    a = await task(api, prj, "A", 3)
    b = await task(api, prj, "B", 2)
    m = await task(api, prj, "Done", 0, milestone=True)
    await link(api, a["id"], b["id"])
    await link(api, b["id"], m["id"])
    a, b, m = [await get_task(api, t["id"]) for t in (a, b, m)]
    assert (a["start"], a["finish"]) == ("2026-01-05", "2026-01-07")  # Mon..Wed
    assert (b["start"], b["finish"]) == ("2026-01-08", "2026-01-09")  # Thu..Fri
    assert (m["start"], m["finish"]) == ("2026-01-09", "2026-01-09")  # the day B finishes
    assert all(t["critical"] and t["totalFloat"] == 0 for t in (a, b, m))
    data = await api.data(
        "query($id: ID!) { node(id: $id) { ... on Project { finishDate criticalPath { name } } } }", {"id": prj}
    )
    assert data["node"] == {
        "finishDate": "2026-01-09",
        "criticalPath": [{"name": "A"}, {"name": "B"}, {"name": "Done"}],
    }


async def test_task_validation(api: Api) -> None:
    prj = await project(api, await portfolio(api))
    bad = await api.mutate("createTask", {"projectId": prj, "name": "", "duration": -1}, "task { id }")
    assert {e["field"][-1] for e in bad["userErrors"]} == {"name", "duration"}
    milestone = await api.mutate(
        "createTask", {"projectId": prj, "name": "M", "duration": 3, "milestone": True}, "task { id }"
    )
    assert milestone["userErrors"][0]["message"] == "a milestone has duration 0"
    t = await task(api, prj, "Work", 5)
    progress = await api.mutate(
        "updateTask",
        {"id": t["id"], "percentComplete": 150, "actualStart": "2026-01-07", "actualFinish": "2026-01-06"},
        "task { id }",
    )
    assert {e["field"][-1] for e in progress["userErrors"]} == {"percentComplete", "actualFinish"}
    constraint = await api.mutate("setTaskConstraint", {"taskId": t["id"], "constraintType": "MSO"}, "task { id }")
    assert constraint["userErrors"][0]["field"] == ["input", "constraintDate"]
    assert (await get_task(api, t["id"]))["version"] == 1


async def test_progress_and_stale_version(api: Api) -> None:
    prj = await project(api, await portfolio(api), start="2026-01-05")
    t = await task(api, prj, "Work", 4)
    done = await api.ok(
        "updateTask",
        {"id": t["id"], "version": 1, "actualStart": "2026-01-05", "actualFinish": "2026-01-06"},
        "task { percentComplete actualFinish finish version }",
    )
    assert done["task"] == {
        "percentComplete": 100.0,
        "actualFinish": "2026-01-06",
        "finish": "2026-01-06",
        "version": 2,
    }
    stale = await api.mutate("updateTask", {"id": t["id"], "version": 1, "name": "x"}, "task { id }")
    assert stale["userErrors"][0]["code"] == "CONFLICT"


async def test_summary_tasks_span_children_and_delete_cascades(api: Api) -> None:
    prj = await project(api, await portfolio(api), start="2026-01-05")
    phase = await task(api, prj, "Phase 1", 1)
    c1 = await task(api, prj, "Child 1", 2, parentId=phase["id"])
    c2 = await task(api, prj, "Child 2", 3, parentId=phase["id"])
    await link(api, c1["id"], c2["id"])
    summary = await get_task(api, phase["id"])
    assert (summary["start"], summary["finish"]) == ("2026-01-05", "2026-01-09")
    loop = await api.mutate("updateTask", {"id": phase["id"], "parentId": c1["id"]}, "task { id }")
    assert loop["userErrors"][0]["code"] == "CYCLE"
    deleted = await api.ok("deleteTask", {"id": phase["id"]}, "deletedId")
    assert deleted["deletedId"] == phase["id"]
    data = await api.data(
        "query($id: ID!) { node(id: $id) { ... on Project { tasks { totalCount } finishDate } } }", {"id": prj}
    )
    assert data["node"] == {"tasks": {"totalCount": 0}, "finishDate": None}
    gone = await api.mutate("deleteTask", {"id": c1["id"]}, "deletedId")
    assert gone["userErrors"][0]["code"] == "NOT_FOUND"


async def test_fields_listed_in_the_contract(api: Api) -> None:
    prj = await project(api, await portfolio(api))
    t = await task(api, prj, "T", 2)
    assert set(TASK_FIELDS.split()) <= set(t)
    assert t["levelingDelay"] == 0


async def test_moving_a_task_under_one_it_is_linked_to_is_refused_as_a_cycle(api: Api) -> None:
    prj = await project(api, await portfolio(api))
    a = await task(api, prj, "A", 2)
    b = await task(api, prj, "B", 2)
    await link(api, a["id"], b["id"])
    # A would become the summary of B, and its link would then bind B to itself.
    refused = await api.mutate("updateTask", {"id": b["id"], "parentId": a["id"]}, "task { id }")
    assert refused["task"] is None
    assert refused["userErrors"][0]["code"] == "CYCLE"
    assert "B" in refused["userErrors"][0]["message"]
    child = await task(api, prj, "C", 1)
    await link(api, child["id"], a["id"])
    refused = await api.mutate("updateTask", {"id": child["id"], "parentId": a["id"]}, "task { id }")
    assert refused["userErrors"][0]["code"] == "CYCLE"
    assert (await get_task(api, b["id"]))["version"] == 1
