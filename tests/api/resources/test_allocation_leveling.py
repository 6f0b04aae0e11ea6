"""levelResources and clearLeveling over GraphQL: preview, apply, clear, feasibility, the
priority objective, roles, bad input, and the resource.overallocation rule."""

from __future__ import annotations

import random
from typing import Any

from domain.base.authz import Role
from tests.api.helpers import get_task, link, portfolio, project, task
from tests.api.resources.test_allocation import LOAD, assign, example, resource
from tests.conftest import Api

REPORT = """applied finishBefore finishAfter provenOptimal
  tasks { task { name } oldStart newStart oldFinish newFinish oldDelay delay }
  projects { project { key } finishBefore finishAfter }
  overallocationsBefore { resource { name } days dayCount }
  overallocationsAfter { resource { name } days dayCount }
  impossible { task { name } resource { name } demand capacity }"""


async def level(api: Api, apply: bool, *, token: str | None = None, **scope: Any) -> dict[str, Any]:
    return await api.mutate("levelResources", {"apply": apply, "timeLimitSeconds": 0.2, **scope}, REPORT, token=token)


async def over_days(api: Api, portfolio_id: str, last: str = "2026-12-31") -> dict[str, list[str]]:
    data = await api.data(LOAD, {"id": portfolio_id, "from": "2026-01-01", "to": last})
    return {r["resource"]["name"]: r["overallocatedDays"] for r in data["node"]["resourceLoad"]}


async def test_preview_apply_clear(api: Api) -> None:
    ids = await example(api)
    # B (Ann 0.5) cannot run beside A (Ann 1.0); it fits beside C (Ann 0.5) from Jan 8: no later finish.
    preview = await level(api, False, projectId=ids["project"])
    assert preview["userErrors"] == []
    assert preview["applied"] is False
    assert preview["tasks"] == [
        {"task": {"name": "B"}, "oldStart": "2026-01-05", "newStart": "2026-01-08", "oldFinish": "2026-01-06",
         "newFinish": "2026-01-09", "oldDelay": 0, "delay": 3}
    ]  # fmt: skip
    assert preview["projects"] == [
        {"project": {"key": "P1"}, "finishBefore": "2026-01-14", "finishAfter": "2026-01-14"}
    ]
    assert (preview["finishBefore"], preview["finishAfter"]) == ("2026-01-14", "2026-01-14")
    assert preview["overallocationsBefore"] == [
        {"resource": {"name": "Ann"}, "days": ["2026-01-05", "2026-01-06"], "dayCount": 2}
    ]
    assert preview["overallocationsAfter"] == []
    assert preview["impossible"] == []
    assert preview["provenOptimal"] is True
    # A preview changes nothing.
    b = await get_task(api, ids["B"])
    assert (b["levelingDelay"], b["start"], b["version"]) == (0, "2026-01-05", 1)
    assert (await over_days(api, ids["portfolio"]))["Ann"] == ["2026-01-05", "2026-01-06"]

    applied = await level(api, True, projectId=ids["project"])
    assert applied["userErrors"] == []
    assert applied["applied"] is True
    assert applied["tasks"] == preview["tasks"]
    b = await get_task(api, ids["B"])
    assert (b["levelingDelay"], b["start"], b["finish"], b["earlyStart"]) == (
        3,
        "2026-01-08",
        "2026-01-09",
        "2026-01-05",
    )
    assert (await over_days(api, ids["portfolio"]))["Ann"] == []
    events = await api.data(
        'query($id: ID!) { node(id: $id) { ... on Portfolio { events(kind: "resource.leveled") {'
        " nodes { kind data } } } } }",
        {"id": ids["portfolio"]},
    )
    [event] = events["node"]["events"]["nodes"]
    assert event["data"]["after"]["delays"] == {ids["B"]: 3}
    assert event["data"]["before"]["delays"] == {ids["B"]: 0}

    # Leveling a leveled schedule again changes nothing.
    again = await level(api, False, portfolioId=ids["portfolio"])
    assert again["tasks"] == []

    cleared = await api.ok("clearLeveling", {"projectId": ids["project"]}, "tasksCleared tasks { name levelingDelay }")
    assert cleared["tasksCleared"] == 1
    assert cleared["tasks"] == [{"name": "B", "levelingDelay": 0}]
    b = await get_task(api, ids["B"])
    assert (b["levelingDelay"], b["start"]) == (0, "2026-01-05")
    assert (await over_days(api, ids["portfolio"]))["Ann"] == ["2026-01-05", "2026-01-06"]


async def _project_finish(api: Api, project_id: str) -> str:
    data = await api.data("query($id: ID!) { node(id: $id) { ... on Project { finishDate } } }", {"id": project_id})
    return str(data["node"]["finishDate"])


async def test_a_higher_priority_project_is_delayed_less(api: Api) -> None:
    pid = await portfolio(api)
    ann = await resource(api, pid, "Ann", "Dev", 1.0, "100.00")
    # LO is created first: the order of creation must not decide, the priority does.
    lo = await project(api, pid, "LO", start="2026-01-05", priority=100)
    hi = await project(api, pid, "HI", start="2026-01-05", priority=900)
    for prj in (lo, hi):
        first = await task(api, prj, "build", 5)
        second = await task(api, prj, "test", 2)
        await link(api, first["id"], second["id"])
        await assign(api, first["id"], ann, 1.0)
        await assign(api, second["id"], ann, 1.0)
    applied = await level(api, True, portfolioId=pid)
    assert applied["userErrors"] == []
    finishes = {p["project"]["key"]: p["finishAfter"] for p in applied["projects"]}
    # HI keeps its unleveled dates (Jan 5-13); LO waits for Ann (Jan 14-22).
    assert finishes == {"LO": "2026-01-22", "HI": "2026-01-13"}
    assert await _project_finish(api, hi) == "2026-01-13"
    assert await _project_finish(api, lo) == "2026-01-22"
    assert (await over_days(api, pid))["Ann"] == []

    # Swap the priorities: the other project goes first.
    await api.ok("updateProject", {"id": lo, "priority": 950}, "project { id }")
    swapped = await level(api, True, portfolioId=pid)
    finishes = {p["project"]["key"]: p["finishAfter"] for p in swapped["projects"]}
    assert finishes == {"LO": "2026-01-13", "HI": "2026-01-22"}


async def test_equal_priorities_minimize_the_sum_of_project_finishes_deterministically(api: Api) -> None:
    """Three projects of 9, 2 and 5 days of work on one person, equal priority: the sum of
    finishes is smallest shortest first (2, 2 + 5, 2 + 5 + 9 working days), whatever the order
    of creation; deterministic: true gives the same answer every time."""
    pid = await portfolio(api)
    ann = await resource(api, pid, "Ann", "Dev", 1.0, "100.00")
    for key, days in (("LONG", 9), ("SHORT", 2), ("MID", 5)):
        prj = await project(api, pid, key, start="2026-01-05", priority=500)
        await assign(api, (await task(api, prj, "work", days))["id"], ann, 1.0)
    runs = [
        await api.mutate(
            "levelResources",
            {"portfolioId": pid, "apply": False, "timeLimitSeconds": 0.05, "deterministic": True},
            REPORT,
        )
        for _ in range(2)
    ]
    assert runs[0]["userErrors"] == []
    assert runs[0] == runs[1]
    finishes = {p["project"]["key"]: p["finishAfter"] for p in runs[0]["projects"]}
    assert finishes == {"SHORT": "2026-01-06", "MID": "2026-01-13", "LONG": "2026-01-26"}
    # The default, a wall-clock limit, finds the same optimum on so small a portfolio.
    wall = await level(api, False, portfolioId=pid)
    assert {p["project"]["key"]: p["finishAfter"] for p in wall["projects"]} == finishes


async def test_leveled_portfolio_is_feasible_except_for_impossible_tasks(api: Api) -> None:
    rng = random.Random(7)
    pid = await portfolio(api)
    people = [await resource(api, pid, name, "Dev", cap, "100.00") for name, cap in (("Ann", 1.0), ("Ben", 2.0))]
    for key in ("X", "Y", "Z"):
        prj = await project(api, pid, key, start="2026-01-05", priority=rng.randint(0, 1000))
        tasks = [await task(api, prj, f"{key}{i}", rng.randint(1, 6)) for i in range(6)]
        for i, t in enumerate(tasks):
            if i and rng.random() < 0.5:
                await link(api, tasks[rng.randrange(i)]["id"], t["id"], rng.choice(["FS", "SS", "FF"]))
            for r in people:
                if rng.random() < 0.6:
                    await assign(api, t["id"], r, rng.choice([0.5, 1.0]))
    greedy = await task(api, prj, "greedy", 2)
    await assign(api, greedy["id"], people[0], 2.0)  # Ann has 1 unit: no schedule can give it 2

    applied = await level(api, True, portfolioId=pid)
    assert applied["userErrors"] == []
    assert applied["impossible"] == [
        {"task": {"name": "greedy"}, "resource": {"name": "Ann"}, "demand": 2.0, "capacity": 1.0}
    ]
    assert applied["tasks"], "the random portfolio needed leveling"
    greedy_days = await api.data(
        "query($id: ID!) { node(id: $id) { ... on Task { start finish } } }", {"id": greedy["id"]}
    )
    over = await over_days(api, pid)
    assert over["Ben"] == []
    # Ann is over-allocated only while the impossible task runs, and only by it.
    assert over["Ann"] and all(greedy_days["node"]["start"] <= d <= greedy_days["node"]["finish"] for d in over["Ann"])
    assert [o["resource"]["name"] for o in applied["overallocationsAfter"]] == ["Ann"]
    # Links still hold: every successor starts after its FS predecessor finishes.
    data = await api.data(
        """query($id: ID!) { node(id: $id) { ... on Portfolio { projects { nodes { tasks { nodes {
             start finish successors { type successor { start finish } } } } } } } } }""",
        {"id": pid},
    )
    for prj_node in data["node"]["projects"]["nodes"]:
        for t in prj_node["tasks"]["nodes"]:
            for dep in t["successors"]:
                s = dep["successor"]
                if dep["type"] == "FS":
                    assert s["start"] > t["finish"]
                elif dep["type"] == "SS":
                    assert s["start"] >= t["start"]
                else:
                    assert s["finish"] >= t["finish"]


async def test_roles(api: Api) -> None:
    ids = await example(api)
    viewer = await api.new_token(Role.VIEWER, "vera")
    body = await api.post(
        "mutation($p: ID!) { levelResources(input: {projectId: $p, apply: false}) { applied } }",
        {"p": ids["project"]},
        token=viewer,
    )
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    # A manager levels the projects they manage, not the portfolio nor others' projects.
    mgr = await api.new_token(Role.MANAGER, "mia")
    mine = (
        await api.ok(
            "createProject",
            {"portfolioId": ids["portfolio"], "name": "Mine", "key": "MINE", "startDate": "2026-01-05"},
            "project { id }",
            token=mgr,
        )
    )["project"]["id"]
    assert (await level(api, False, token=mgr, projectId=mine))["userErrors"] == []
    for scope in ({"projectId": ids["project"]}, {"portfolioId": ids["portfolio"]}):
        body = await api.post(
            "mutation($i: LevelResourcesInput!) { levelResources(input: $i) { applied } }",
            {"i": {**scope, "apply": True}},
            token=mgr,
        )
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    body = await api.post(
        "mutation($p: ID!) { clearLeveling(input: {portfolioId: $p}) { tasksCleared } }",
        {"p": ids["portfolio"]},
        token=mgr,
    )
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    pmo = await api.new_token(Role.PMO, "pia")
    assert (await level(api, True, token=pmo, portfolioId=ids["portfolio"]))["userErrors"] == []


async def test_bad_input_names_the_field_and_changes_nothing(api: Api) -> None:
    ids = await example(api)
    cases: list[tuple[dict[str, Any], list[str]]] = [
        ({"portfolioId": ids["portfolio"], "projectId": ids["project"]}, ["input", "portfolioId"]),
        ({}, ["input", "projectId"]),
        ({"projectId": ids["project"], "timeLimitSeconds": -1.0}, ["input", "timeLimitSeconds"]),
        ({"projectId": ids["project"], "timeLimitSeconds": 61.0}, ["input", "timeLimitSeconds"]),
        ({"projectId": ids["portfolio"]}, ["input", "projectId"]),
    ]
    for scope, field in cases:
        payload = await api.mutate("levelResources", {"apply": True, **scope}, "applied")
        assert [e["field"] for e in payload["userErrors"]] == [field], scope
        assert payload["applied"] is False
    cleared = await api.mutate("clearLeveling", {}, "tasksCleared")
    assert [e["field"] for e in cleared["userErrors"]] == [["input", "projectId"]]
    b = await get_task(api, ids["B"])
    assert (b["levelingDelay"], b["version"]) == (0, 1)


async def _to_execution(api: Api, project_id: str) -> None:
    for phase in ("Planning", "Execution"):
        await api.ok("transitionPhase", {"projectId": project_id, "toPhase": phase}, "project { phase }")


async def test_overallocation_rule_fires_and_leveling_clears_it(api: Api) -> None:
    ids = await example(api, budget="10000.00")
    await _to_execution(api, ids["project"])
    query = "query($id: ID!) { node(id: $id) { ... on Project { violations { ruleId severity message subjectId } } } }"
    found = [v for v in (await api.data(query, {"id": ids["project"]}))["node"]["violations"]
             if v["ruleId"] == "resource.overallocation"]  # fmt: skip
    assert found == [
        {"ruleId": "resource.overallocation", "severity": "WARNING", "subjectId": ids["ann"],
         "message": "Resource Ann is over-allocated on 2 days between 2026-01-05 and 2026-01-06"}
    ]  # fmt: skip
    # A change that adds to the over-allocation hears about it in its payload.
    d = await task(api, ids["project"], "D", 1)
    payload = await assign(api, d["id"], ids["ann"], 1.0)
    assert "resource.overallocation" in {v["ruleId"] for v in payload["violations"]}
    await api.ok("unassignResource", {"id": (await _assignment_of(api, d["id"]))}, "deletedId")
    # Leveling is a change governance sees (resource.leveled); afterwards the rule is quiet.
    applied = await level(api, True, projectId=ids["project"])
    assert applied["userErrors"] == []
    assert "resource.overallocation" not in {v["ruleId"] for v in applied["violations"]}
    after = (await api.data(query, {"id": ids["project"]}))["node"]["violations"]
    assert "resource.overallocation" not in {v["ruleId"] for v in after}


async def _assignment_of(api: Api, task_id: str) -> str:
    data = await api.data("query($id: ID!) { node(id: $id) { ... on Task { assignments { id } } } }", {"id": task_id})
    return str(data["node"]["assignments"][0]["id"])


async def test_a_blocking_overallocation_rule_refuses_the_change_and_honours_its_horizon(api: Api) -> None:
    ids = await example(api, budget="10000.00")
    await api.ok(
        "configureRule",
        {"portfolioId": ids["portfolio"], "ruleId": "resource.overallocation", "severity": "BLOCKING"},
        "rule { ruleId }",
    )
    await level(api, True, projectId=ids["project"])
    await _to_execution(api, ids["project"])
    d = await task(api, ids["project"], "D", 1)  # Jan 5, beside A (Ann 1.0)
    refused = await assign(api, d["id"], ids["ann"], 1.0)
    assert [e["code"] for e in refused["userErrors"]] == ["GOVERNANCE"]
    assert ("resource.overallocation", "BLOCKING") in {(v["ruleId"], v["severity"]) for v in refused["violations"]}
    assert (await over_days(api, ids["portfolio"]))["Ann"] == []  # nothing was written
    # Beyond the horizon (status date + 5 calendar days) an over-allocation is not the rule's business.
    await api.ok(
        "configureRule",
        {"portfolioId": ids["portfolio"], "ruleId": "resource.overallocation", "parameters": {"horizon_days": 5}},
        "rule { ruleId }",
    )
    late = await task(api, ids["project"], "late", 1, constraintType="SNET", constraintDate="2026-01-14")
    assert (await assign(api, late["id"], ids["ann"], 1.0))["userErrors"] == []
    assert (await over_days(api, ids["portfolio"]))["Ann"] == ["2026-01-14"]
