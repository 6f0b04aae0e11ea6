"""Resources and assignments over GraphQL."""

from __future__ import annotations

from tests.api.helpers import portfolio, project, task
from tests.conftest import Api


async def test_resources_and_assignments(api: Api) -> None:
    pid = await portfolio(api)
    res = await api.ok(
        "createResource",
        {"portfolioId": pid, "name": "Ada", "role": "Engineer", "capacity": 1.0, "costRate": "800.00"},
        "resource { id name role capacity costRate { amount currency } }",
    )
    rid = res["resource"]["id"]
    t = await task(api, await project(api, pid), "Build", 3)
    a = await api.ok("assignResource", {"taskId": t["id"], "resourceId": rid, "units": 0.5}, "assignment { id units }")
    assert a["assignment"]["units"] == 0.5
    dup = await api.mutate("assignResource", {"taskId": t["id"], "resourceId": rid}, "assignment { id }")
    assert dup["userErrors"][0]["code"] == "DUPLICATE"
    await api.ok("updateAssignment", {"id": a["assignment"]["id"], "units": 1.0}, "assignment { units }")
    data = await api.data(
        "query($id: ID!) { node(id: $id) { ... on Resource { assignments { units task { name } } } } }", {"id": rid}
    )
    assert data["node"]["assignments"] == [{"units": 1.0, "task": {"name": "Build"}}]
    await api.ok("unassignResource", {"id": a["assignment"]["id"]}, "deletedId")
    data = await api.data("query($id: ID!) { node(id: $id) { ... on Task { assignments { id } } } }", {"id": t["id"]})
    assert data["node"]["assignments"] == []


async def test_resource_validation(api: Api) -> None:
    pid = await portfolio(api)
    bad = await api.mutate(
        "createResource",
        {"portfolioId": pid, "name": "", "role": "", "capacity": 0, "costRate": "-1"},
        "resource { id }",
    )
    assert {e["field"][-1] for e in bad["userErrors"]} == {"name", "role", "capacity", "costRate"}
    rid = (await api.ok("createResource", {"portfolioId": pid, "name": "R", "role": "QA"}, "resource { id }"))[
        "resource"
    ]["id"]
    t = await task(api, await project(api, pid), "T", 1)
    units = await api.mutate("assignResource", {"taskId": t["id"], "resourceId": rid, "units": 0}, "assignment { id }")
    assert units["userErrors"][0]["field"] == ["input", "units"]
    other = await portfolio(api, "Other")
    foreign = (await api.ok("createResource", {"portfolioId": other, "name": "F", "role": "QA"}, "resource { id }"))[
        "resource"
    ]
    cross = await api.mutate("assignResource", {"taskId": t["id"], "resourceId": foreign["id"]}, "assignment { id }")
    assert "another portfolio" in cross["userErrors"][0]["message"]
