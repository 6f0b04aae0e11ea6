"""Baselines over GraphQL: snapshots, the active one, variances, planned cost, errors, events."""

from __future__ import annotations

from typing import Any

from domain.base.authz import Role
from domain.base.ids import from_global_id
from tests.api.helpers import link, portfolio, project, task
from tests.conftest import Api

VARIANCE = "baselineStart baselineFinish baselineCost { amount } startVariance finishVariance start finish"
BASELINE = "baseline { id name active createdAt }"


async def _tasks(api: Api, project_id: str) -> dict[str, dict[str, Any]]:
    data = await api.data(
        f"query($id: ID!) {{ node(id: $id) {{ ... on Project {{ tasks {{ nodes {{ name {VARIANCE} }} }} }} }} }}",
        {"id": project_id},
    )
    return {t["name"]: t for t in data["node"]["tasks"]["nodes"]}


async def _baselines(api: Api, project_id: str) -> list[dict[str, Any]]:
    data = await api.data(
        "query($id: ID!) { node(id: $id) { ... on Project { baselines { id name active createdAt } } } }",
        {"id": project_id},
    )
    result: list[dict[str, Any]] = data["node"]["baselines"]
    return result


async def test_baselines_snapshot_the_schedule_and_measure_variance(api: Api) -> None:
    pid = await portfolio(api)
    prj = await project(api, pid, start="2026-01-05")  # a Monday
    a = await task(api, prj, "A", 5)
    b = await task(api, prj, "B", 3)
    await link(api, a["id"], b["id"])
    rid = (
        await api.ok(
            "createResource",
            {"portfolioId": pid, "name": "Ada", "role": "Dev", "costRate": "100.00"},
            "resource { id }",
        )
    )["resource"]["id"]
    await api.ok("assignResource", {"taskId": a["id"], "resourceId": rid, "units": 0.5}, "assignment { id }")

    before = await _tasks(api, prj)
    assert before["A"]["baselineStart"] is None and before["A"]["startVariance"] is None

    plan = (await api.ok("saveBaseline", {"projectId": prj, "name": "Plan"}, BASELINE))["baseline"]
    assert plan["name"] == "Plan" and plan["active"] is True  # the first one becomes active
    tasks = await _tasks(api, prj)
    assert tasks["A"] | {} == {
        "name": "A",
        "baselineStart": "2026-01-05",
        "baselineFinish": "2026-01-09",
        "baselineCost": {"amount": "250.00"},  # 0.5 units x 5 days x 100 per unit-day
        "startVariance": 0,
        "finishVariance": 0,
        "start": "2026-01-05",
        "finish": "2026-01-09",
    }
    assert tasks["B"]["baselineCost"] == {"amount": "0.00"}

    # A slips two working days (over a weekend): B starts and finishes two working days late.
    await api.ok("updateTask", {"id": a["id"], "duration": 7}, "task { id }")
    tasks = await _tasks(api, prj)
    assert (tasks["A"]["startVariance"], tasks["A"]["finishVariance"]) == (0, 2)
    assert (tasks["B"]["startVariance"], tasks["B"]["finishVariance"]) == (2, 2)
    assert tasks["B"]["baselineStart"] == "2026-01-12" and tasks["B"]["start"] == "2026-01-14"

    # A second baseline is not active unless asked; variances stay against the first.
    again = (await api.ok("saveBaseline", {"projectId": prj, "name": "Re-plan"}, BASELINE))["baseline"]
    assert again["active"] is False
    assert (await _tasks(api, prj))["B"]["startVariance"] == 2
    switched = (await api.ok("setActiveBaseline", {"baselineId": again["id"]}, BASELINE))["baseline"]
    assert switched["active"] is True
    assert [(x["name"], x["active"]) for x in await _baselines(api, prj)] == [("Plan", False), ("Re-plan", True)]
    tasks = await _tasks(api, prj)
    assert tasks["B"]["startVariance"] == 0 and tasks["B"]["baselineStart"] == "2026-01-14"

    # An earlier finish is a negative variance.
    await api.ok("updateTask", {"id": a["id"], "duration": 6}, "task { id }")
    assert (await _tasks(api, prj))["B"]["finishVariance"] == -1

    third = (await api.ok("saveBaseline", {"projectId": prj, "name": "Third", "active": True}, BASELINE))["baseline"]
    assert third["active"] is True
    assert [x["active"] for x in await _baselines(api, prj)] == [False, False, True]

    # Deleting the active baseline leaves none active: no variance then.
    await api.ok("deleteBaseline", {"id": third["id"]}, "deletedId")
    assert [x["name"] for x in await _baselines(api, prj)] == ["Plan", "Re-plan"]
    assert (await _tasks(api, prj))["B"]["baselineStart"] is None

    data = await api.data(
        "query($id: ID!) { node(id: $id) { ... on Portfolio { events(first: 100) { nodes { kind } } } } }",
        {"id": pid},
    )
    kinds = [e["kind"] for e in data["node"]["events"]["nodes"]]
    assert kinds.count("baseline.saved") == 3
    assert kinds.count("baseline.activated") == 1
    assert kinds.count("baseline.deleted") == 1


async def test_baseline_input_errors_change_nothing(api: Api) -> None:
    pid = await portfolio(api)
    prj = await project(api, pid)
    await task(api, prj, "A", 2)
    await api.ok("saveBaseline", {"projectId": prj, "name": "Plan"}, BASELINE)

    dup = await api.mutate("saveBaseline", {"projectId": prj, "name": "Plan"}, BASELINE)
    assert dup["baseline"] is None
    assert dup["userErrors"] == [
        {"field": ["input", "name"], "message": "this project already has a baseline named 'Plan'", "code": "DUPLICATE"}
    ]
    empty = await api.mutate("saveBaseline", {"projectId": prj, "name": " "}, BASELINE)
    assert empty["userErrors"][0]["field"] == ["input", "name"]
    long = await api.mutate("saveBaseline", {"projectId": prj, "name": "x" * 101}, BASELINE)
    assert long["userErrors"][0]["field"] == ["input", "name"]
    missing = await api.mutate("saveBaseline", {"projectId": "UHJvamVjdDo5OTk5", "name": "N"}, BASELINE)
    assert missing["userErrors"][0]["field"] == ["input", "projectId"]
    assert missing["userErrors"][0]["code"] == "NOT_FOUND"
    wrong_kind = await api.mutate("setActiveBaseline", {"baselineId": prj}, BASELINE)
    assert wrong_kind["userErrors"][0]["field"] == ["input", "baselineId"]
    garbage = await api.mutate("deleteBaseline", {"id": "nonsense"}, "deletedId")
    assert garbage["deletedId"] is None and garbage["userErrors"][0]["field"] == ["input", "id"]
    assert [x["name"] for x in await _baselines(api, prj)] == ["Plan"]


async def test_only_project_editors_manage_baselines(api: Api) -> None:
    pid = await portfolio(api)
    prj = await project(api, pid)
    await task(api, prj, "A", 2)
    plan = (await api.ok("saveBaseline", {"projectId": prj, "name": "Plan"}, BASELINE))["baseline"]
    portfolio_pk = from_global_id(pid)[1]
    viewer = await api.new_token(Role.VIEWER, "vic", portfolio_pk)
    manager = await api.new_token(Role.MANAGER, "mia", portfolio_pk)  # manages no project here
    pmo = await api.new_token(Role.PMO, "pam", portfolio_pk)
    for token in (viewer, manager):
        for name, input in (
            ("saveBaseline", {"projectId": prj, "name": "Mine"}),
            ("setActiveBaseline", {"baselineId": plan["id"]}),
        ):
            body = await api.post(
                f"mutation($i: {name[0].upper()}{name[1:]}Input!) {{ {name}(input: $i) {{ baseline {{ id }} }} }}",
                {"i": input},
                token=token,
            )
            assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert [x["name"] for x in await _baselines(api, prj)] == ["Plan"]
    await api.ok("saveBaseline", {"projectId": prj, "name": "By PMO"}, BASELINE, token=pmo)
    # Anyone who may read the project sees its baselines and variances.
    data = await api.data(
        "query($id: ID!) { node(id: $id) { ... on Project { baselines { name } } } }", {"id": prj}, token=viewer
    )
    assert [x["name"] for x in data["node"]["baselines"]] == ["Plan", "By PMO"]


async def test_variance_fields_are_batched(api: Api) -> None:
    """Reading variances for many tasks costs the same statements as for a few."""

    pid = await portfolio(api)
    prj = await project(api, pid)
    for i in range(3):
        await task(api, prj, f"T{i}", 1)
    await api.ok("saveBaseline", {"projectId": prj, "name": "Plan"}, BASELINE)

    async def count() -> int:
        query = (
            f"query($id: ID!) {{ node(id: $id) {{ ... on Project {{ tasks {{ nodes {{ name {VARIANCE} }} }} }} }} }}"
        )
        return (await api.counted(query, {"id": prj}))[0]

    few = await count()
    for i in range(3, 12):
        await task(api, prj, f"T{i}", 1)
    await api.ok("saveBaseline", {"projectId": prj, "name": "Again", "active": True}, BASELINE)
    assert await count() == few
