"""Dataloaders: the number of SQL statements grows with query depth, not with rows."""

from __future__ import annotations

from typing import Any

from tests.api.helpers import portfolio
from tests.conftest import Api

QUERY = """{ portfolios(first: 10) { totalCount nodes { name
  projects(first: 100) { totalCount nodes { key
    tasks(first: 100) { totalCount nodes { name start finish
      assignments { units resource { name } } } } } } } } }"""


async def _build(api: Api, projects: int) -> None:
    pid = await portfolio(api, f"P{projects}")
    rid = (await api.ok("createResource", {"portfolioId": pid, "name": "R", "role": "Dev"}, "resource { id }"))[
        "resource"
    ]["id"]
    for i in range(projects):
        prj = (
            await api.ok(
                "createProject",
                {"portfolioId": pid, "name": f"p{i}", "key": f"K{i}", "startDate": "2026-01-05"},
                "project { id }",
            )
        )["project"]["id"]
        for j in range(2):
            t = (await api.ok("createTask", {"projectId": prj, "name": f"t{j}", "duration": 2}, "task { id }"))["task"][
                "id"
            ]
            await api.ok("assignResource", {"taskId": t, "resourceId": rid, "units": 0.5}, "assignment { id }")


async def _count(api: Api) -> tuple[int, dict[str, Any]]:
    return await api.counted(QUERY)


async def test_statement_count_does_not_grow_with_rows(api: Api) -> None:
    await _build(api, 5)
    small, data = await _count(api)
    assert sum(len(p["projects"]["nodes"]) for p in data["portfolios"]["nodes"]) == 5
    await _build(api, 45)
    large, data = await _count(api)
    assert sum(len(p["projects"]["nodes"]) for p in data["portfolios"]["nodes"]) == 50
    assert all(
        len(t["assignments"]) == 1
        for p in data["portfolios"]["nodes"]
        for pr in p["projects"]["nodes"]
        for t in pr["tasks"]["nodes"]
    )
    print(f"statements: 5 projects -> {small}, 50 projects -> {large}")
    assert small == large
