"""Success and bad input for the mutations the feature tests touch only one way."""

from __future__ import annotations

from tests.api.helpers import get_task, link, portfolio, project, task
from tests.conftest import Api


async def test_set_task_constraint_moves_the_task_and_reports_negative_float(api: Api) -> None:
    prj = await project(api, await portfolio(api), start="2026-01-05")
    a = await task(api, prj, "A", 5)
    b = await task(api, prj, "B", 2)
    await link(api, a["id"], b["id"])
    snet = await api.ok(
        "setTaskConstraint",
        {"taskId": a["id"], "constraintType": "SNET", "constraintDate": "2026-01-07"},
        "task { start constraintType constraintDate }",
    )
    assert snet["task"] == {"start": "2026-01-07", "constraintType": "SNET", "constraintDate": "2026-01-07"}
    # B must finish by Monday the 12th, but A only ends on the 13th: the plan cannot be met, and says so.
    await api.ok(
        "setTaskConstraint",
        {"taskId": b["id"], "constraintType": "FNLT", "constraintDate": "2026-01-12"},
        "task { id }",
    )
    b_now = await get_task(api, b["id"])
    assert b_now["totalFloat"] < 0
    assert b_now["critical"] is True
    bad = await api.mutate("setTaskConstraint", {"taskId": a["id"], "constraintType": "SOON"}, "task { id }")
    assert bad["userErrors"][0]["field"] == ["input", "constraintType"]


async def test_update_dependency_and_assignment_bad_input(api: Api) -> None:
    pid = await portfolio(api)
    prj = await project(api, pid)
    a = await task(api, prj, "A", 1)
    b = await task(api, prj, "B", 1)
    dep = await link(api, a["id"], b["id"])
    bad = await api.mutate("updateDependency", {"id": dep, "type": None, "lag": 99999}, "dependency { id }")
    assert {e["field"][-1] for e in bad["userErrors"]} == {"type", "lag"}
    stale = await api.mutate("updateDependency", {"id": dep, "version": 7, "lag": 1}, "dependency { id }")
    assert stale["userErrors"][0]["code"] == "CONFLICT"
    rid = (await api.ok("createResource", {"portfolioId": pid, "name": "R", "role": "Dev"}, "resource { id }"))[
        "resource"
    ]["id"]
    assignment = (await api.ok("assignResource", {"taskId": a["id"], "resourceId": rid}, "assignment { id }"))[
        "assignment"
    ]
    units = await api.mutate("updateAssignment", {"id": assignment["id"], "units": -2}, "assignment { id }")
    assert units["userErrors"][0]["field"] == ["input", "units"]
    missing = await api.mutate("updateAssignment", {"id": "QXNzaWdubWVudDo5OTk", "units": 1}, "assignment { id }")
    assert missing["userErrors"][0]["code"] == "NOT_FOUND"


async def test_update_program_bad_input(api: Api) -> None:
    pid = await portfolio(api)
    program = (await api.ok("createProgram", {"portfolioId": pid, "name": "Cloud"}, "program { id }"))["program"]["id"]
    bad = await api.mutate("updateProgram", {"id": program, "name": "  "}, "program { id }")
    assert bad["userErrors"][0]["field"] == ["input", "name"]
    wrong_type = await api.mutate("updateProgram", {"id": pid, "name": "x"}, "program { id }")
    assert wrong_type["userErrors"][0]["code"] == "NOT_FOUND"
    assert "Program" in wrong_type["userErrors"][0]["message"]


async def test_null_clears_free_text_fields(api: Api) -> None:
    pid = await portfolio(api, description="Retail")
    prj = await project(api, pid, objectives="Grow", scope="Stores")
    risk = (
        await api.ok(
            "createRisk",
            {"projectId": prj, "title": "R", "probability": 0.1, "impact": 1, "description": "Why"},
            "risk { id }",
        )
    )["risk"]["id"]
    cleared = await api.ok("updatePortfolio", {"id": pid, "description": None}, "portfolio { description }")
    assert cleared["portfolio"] == {"description": ""}
    cleared = await api.ok(
        "updateProject", {"id": prj, "objectives": None, "scope": None}, "project { objectives scope }"
    )
    assert cleared["project"] == {"objectives": "", "scope": ""}
    cleared = await api.ok("updateRisk", {"id": risk, "description": None}, "risk { description }")
    assert cleared["risk"] == {"description": ""}
