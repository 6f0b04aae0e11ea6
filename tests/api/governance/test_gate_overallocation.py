"""Phase gates see resource over-allocation (the rule gating Execution), as changes do."""

from __future__ import annotations

from tests.api.helpers import portfolio, project, task
from tests.conftest import Api


async def test_gate_into_execution_sees_over_allocation(api: Api) -> None:
    pid = await portfolio(api, pmo_type="CONTROLLING")
    prj = await project(api, pid, "OVR", budget="1000.00", objectives="Ship", scope="All", start="2026-01-05")
    await api.ok(
        "updateProject",
        {"id": prj, "managerId": (await api.data("{ viewer { userId } }"))["viewer"]["userId"]},
        "project { id }",
    )
    rid = (await api.ok("createResource", {"portfolioId": pid, "name": "Ada", "role": "Dev"}, "resource { id }"))[
        "resource"
    ]["id"]
    a = await task(api, prj, "A", 3)
    b = await task(api, prj, "B", 3)
    await api.ok("addDependency", {"predecessorId": a["id"], "successorId": b["id"]}, "dependency { id }")
    for t in (a, b):
        await api.ok("assignResource", {"taskId": t["id"], "resourceId": rid}, "assignment { id }")
    await api.ok("transitionPhase", {"projectId": prj, "toPhase": "Planning"}, "project { phase }")
    # Two parallel tasks on one full-time person: over-allocated on every day they share.
    await api.ok(
        "removeDependency",
        {
            "id": (
                await api.data(
                    "query($id: ID!) { node(id: $id) { ... on Task { predecessors { id } } } }", {"id": b["id"]}
                )
            )["node"]["predecessors"][0]["id"]
        },
        "deletedId",
    )
    refused = await api.mutate("transitionPhase", {"projectId": prj, "toPhase": "Execution"}, "project { phase }")
    assert refused["project"] is None
    assert "resource.overallocation" in {v["ruleId"] for v in refused["violations"]}
