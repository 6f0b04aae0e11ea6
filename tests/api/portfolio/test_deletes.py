"""Deleting projects, programs and resources; who may."""

from __future__ import annotations

from domain.base.authz import Role
from tests.api.helpers import get_task, link, portfolio, project, task
from tests.conftest import Api


async def test_delete_project_frees_linked_projects(api: Api) -> None:
    pid = await portfolio(api)
    upstream = await project(api, pid, "UP", start="2026-01-05")
    downstream = await project(api, pid, "DOWN", start="2026-01-05")
    a = await task(api, upstream, "Platform", 10)
    b = await task(api, downstream, "App", 2)
    await link(api, a["id"], b["id"])
    assert (await get_task(api, b["id"]))["start"] == "2026-01-19"
    manager = await api.new_token(Role.MANAGER, "mo")
    body = await api.post(
        "mutation($id: ID!) { deleteProject(input: {id: $id}) { deletedId } }", {"id": upstream}, token=manager
    )
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    await api.ok("deleteProject", {"id": upstream}, "deletedId")
    assert (await get_task(api, b["id"]))["start"] == "2026-01-05"
    data = await api.data("query($id: ID!) { node(id: $id) { id } }", {"id": upstream})
    assert data["node"] is None
    again = await api.mutate("deleteProject", {"id": upstream}, "deletedId")
    assert again["userErrors"][0]["code"] == "NOT_FOUND"


async def test_update_and_delete_program_and_resource(api: Api) -> None:
    pid = await portfolio(api)
    program = (await api.ok("createProgram", {"portfolioId": pid, "name": "Cloud"}, "program { id }"))["program"]["id"]
    prj = await project(api, pid, "A", programId=program)
    renamed = await api.ok(
        "updateProgram", {"id": program, "version": 1, "name": "Cloud 2"}, "program { name version }"
    )
    assert renamed["program"] == {"name": "Cloud 2", "version": 2}
    await api.ok("deleteProgram", {"id": program}, "deletedId")
    data = await api.data("query($id: ID!) { node(id: $id) { ... on Project { key program { id } } } }", {"id": prj})
    assert data["node"] == {"key": "A", "program": None}

    rid = (await api.ok("createResource", {"portfolioId": pid, "name": "Ada", "role": "Dev"}, "resource { id }"))[
        "resource"
    ]["id"]
    bad = await api.mutate("updateResource", {"id": rid, "capacity": -1}, "resource { id }")
    assert bad["userErrors"][0]["field"] == ["input", "capacity"]
    ok = await api.ok(
        "updateResource",
        {"id": rid, "capacity": 0.5, "costRate": "500.125"},
        "resource { capacity costRate { amount } }",
    )
    assert ok["resource"] == {"capacity": 0.5, "costRate": {"amount": "500.125"}}  # a rate keeps up to 4 places
    t = await task(api, prj, "T", 1)
    await api.ok("assignResource", {"taskId": t["id"], "resourceId": rid}, "assignment { id }")
    await api.ok("deleteResource", {"id": rid}, "deletedId")
    data = await api.data("query($id: ID!) { node(id: $id) { ... on Task { assignments { id } } } }", {"id": t["id"]})
    assert data["node"]["assignments"] == []
