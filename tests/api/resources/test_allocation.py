"""Resource load, over-allocation, planned cost and capacity by role over GraphQL, on a
hand-checked example (Monday-to-Friday calendar, January 2026: Jan 5 is a Monday)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tests.api.helpers import link, portfolio, project, task
from tests.conftest import Api


async def resource(api: Api, portfolio_id: str, name: str, role: str, capacity: float, rate: str) -> str:
    payload = await api.ok(
        "createResource",
        {"portfolioId": portfolio_id, "name": name, "role": role, "capacity": capacity, "costRate": rate},
        "resource { id }",
    )
    return str(payload["resource"]["id"])


async def assign(api: Api, task_id: str, resource_id: str, units: float) -> dict[str, Any]:
    return await api.mutate(
        "assignResource", {"taskId": task_id, "resourceId": resource_id, "units": units}, "assignment { id }"
    )


async def example(api: Api, pmo_type: str = "SUPPORTIVE", **project_fields: Any) -> dict[str, str]:
    """Ann (Dev, 1 unit, 100/day) and Bob (QA, 2 units, 50/day).

    A: Jan 5-7, Ann 1.0.  B: Jan 5-6, Ann 0.5 + Bob 1.0.  C (after A): Jan 8-14, Ann 0.5.
    Ann's demand: Jan 5 and 6 1.5 (over), Jan 7 1.0, Jan 8-9 and 12-14 0.5.
    """
    pid = await portfolio(api, pmo_type=pmo_type)
    prj = await project(api, pid, "P1", start="2026-01-05", **project_fields)
    ann = await resource(api, pid, "Ann", "Dev", 1.0, "100.00")
    bob = await resource(api, pid, "Bob", "QA", 2.0, "50.00")
    a = await task(api, prj, "A", 3)
    b = await task(api, prj, "B", 2)
    c = await task(api, prj, "C", 5)
    await link(api, a["id"], c["id"])
    await assign(api, a["id"], ann, 1.0)
    await assign(api, b["id"], ann, 0.5)
    await assign(api, b["id"], bob, 1.0)
    await assign(api, c["id"], ann, 0.5)
    return {"portfolio": pid, "project": prj, "ann": ann, "bob": bob, "A": a["id"], "B": b["id"], "C": c["id"]}


LOAD = """query($id: ID!, $from: Date!, $to: Date!) { node(id: $id) { ... on Portfolio {
  resourceLoad(from: $from, to: $to) {
    resource { name } overallocatedDays peakDemand
    days { date demand capacity overallocated }
    weeks { start end demand capacity overallocatedDays overallocated }
    months { start end demand capacity overallocatedDays overallocated } } } } }"""


async def test_resource_load_per_day_week_and_month(api: Api) -> None:
    ids = await example(api)
    data = await api.data(LOAD, {"id": ids["portfolio"], "from": "2026-01-05", "to": "2026-01-18"})
    ann, bob = data["node"]["resourceLoad"]
    assert ann["resource"] == {"name": "Ann"}
    assert ann["overallocatedDays"] == ["2026-01-05", "2026-01-06"]
    assert ann["peakDemand"] == 1.5
    # Working days only (nothing is demanded at the weekend).
    assert [(d["date"], d["demand"], d["capacity"], d["overallocated"]) for d in ann["days"]] == [
        ("2026-01-05", 1.5, 1.0, True),
        ("2026-01-06", 1.5, 1.0, True),
        ("2026-01-07", 1.0, 1.0, False),
        ("2026-01-08", 0.5, 1.0, False),
        ("2026-01-09", 0.5, 1.0, False),
        ("2026-01-12", 0.5, 1.0, False),
        ("2026-01-13", 0.5, 1.0, False),
        ("2026-01-14", 0.5, 1.0, False),
        ("2026-01-15", 0.0, 1.0, False),
        ("2026-01-16", 0.0, 1.0, False),
    ]
    assert ann["weeks"] == [
        {"start": "2026-01-05", "end": "2026-01-11", "demand": 5.0, "capacity": 5.0, "overallocatedDays": 2,
         "overallocated": True},
        {"start": "2026-01-12", "end": "2026-01-18", "demand": 1.5, "capacity": 5.0, "overallocatedDays": 0,
         "overallocated": False},
    ]  # fmt: skip
    assert ann["months"] == [
        {"start": "2026-01-05", "end": "2026-01-18", "demand": 6.5, "capacity": 10.0, "overallocatedDays": 2,
         "overallocated": True}
    ]  # fmt: skip
    assert bob["overallocatedDays"] == []
    assert [(d["date"], d["demand"], d["capacity"]) for d in bob["days"][:3]] == [
        ("2026-01-05", 1.0, 2.0),
        ("2026-01-06", 1.0, 2.0),
        ("2026-01-07", 0.0, 2.0),
    ]


async def test_overallocation_on_resources_and_tasks_and_planned_costs(api: Api) -> None:
    ids = await example(api)
    data = await api.data(
        """query($r: ID!, $p: ID!) {
          r: node(id: $r) { ... on Resource { overallocatedDays(from: "2026-01-01", to: "2026-01-31") } }
          p: node(id: $p) { ... on Project { plannedCost { amount currency }
                            tasks { nodes { name overallocated plannedCost { amount } } } } } }""",
        {"r": ids["ann"], "p": ids["project"]},
    )
    assert data["r"]["overallocatedDays"] == ["2026-01-05", "2026-01-06"]
    # A: 1 x 100 x 3; B: 0.5 x 100 x 2 + 1 x 50 x 2; C: 0.5 x 100 x 5.
    assert data["p"]["tasks"]["nodes"] == [
        {"name": "A", "overallocated": True, "plannedCost": {"amount": "300.00"}},
        {"name": "B", "overallocated": True, "plannedCost": {"amount": "200.00"}},
        {"name": "C", "overallocated": False, "plannedCost": {"amount": "250.00"}},
    ]
    assert data["p"]["plannedCost"] == {"amount": "750.00", "currency": "USD"}


CAPACITY = """query($id: ID!, $g: Granularity!) { node(id: $id) { ... on Portfolio {
  capacity(from: "2026-01-01", to: "2026-02-28", granularity: $g) {
    role periodStart periodEnd resources capacity demand gap cost { amount } margin { amount } } } } }"""


async def test_capacity_by_role_and_month(api: Api) -> None:
    # P1 is worth 1,500 (revenue) against 750 of planned cost: each unit of its cost earns 1 of margin.
    ids = await example(api, revenue="1500.00")
    p2 = await project(api, ids["portfolio"], "P2", start="2026-02-02")  # no budget, no revenue
    d = await task(api, p2, "D", 4)  # Feb 2-5
    await assign(api, d["id"], ids["ann"], 1.0)
    data = await api.data(CAPACITY, {"id": ids["portfolio"], "g": "MONTH"})
    # January 2026 has 22 working days, February 20.
    assert data["node"]["capacity"] == [
        {"role": "Dev", "periodStart": "2026-01-01", "periodEnd": "2026-01-31", "resources": 1, "capacity": 22.0,
         "demand": 6.5, "gap": 15.5, "cost": {"amount": "650.00"}, "margin": {"amount": "650.00"}},
        {"role": "Dev", "periodStart": "2026-02-01", "periodEnd": "2026-02-28", "resources": 1, "capacity": 20.0,
         "demand": 4.0, "gap": 16.0, "cost": {"amount": "400.00"}, "margin": None},
        {"role": "QA", "periodStart": "2026-01-01", "periodEnd": "2026-01-31", "resources": 1, "capacity": 44.0,
         "demand": 2.0, "gap": 42.0, "cost": {"amount": "100.00"}, "margin": {"amount": "100.00"}},
        {"role": "QA", "periodStart": "2026-02-01", "periodEnd": "2026-02-28", "resources": 1, "capacity": 40.0,
         "demand": 0.0, "gap": 40.0, "cost": {"amount": "0.00"}, "margin": None},
    ]  # fmt: skip
    weeks = (await api.data(CAPACITY, {"id": ids["portfolio"], "g": "WEEK"}))["node"]["capacity"]
    dev = [w for w in weeks if w["role"] == "Dev"]
    # Thu Jan 1 - Sun Jan 4 (2 working days), then whole ISO weeks; Ann's 5.0 + 1.5 fall in the next two.
    assert [(w["periodStart"], w["periodEnd"], w["capacity"], w["demand"]) for w in dev[:3]] == [
        ("2026-01-01", "2026-01-04", 2.0, 0.0),
        ("2026-01-05", "2026-01-11", 5.0, 5.0),
        ("2026-01-12", "2026-01-18", 5.0, 1.5),
    ]
    assert sum(Decimal(w["cost"]["amount"]) for w in weeks) == Decimal("1150.00")


async def test_windows_are_checked(api: Api) -> None:
    ids = await example(api)
    body = await api.post(LOAD, {"id": ids["portfolio"], "from": "2026-02-01", "to": "2026-01-01"})
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "to must not be before from" in body["errors"][0]["message"]
    body = await api.post(LOAD, {"id": ids["portfolio"], "from": "2026-01-01", "to": "2036-01-01"})
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def _statements(api: Api, query: str, variables: dict[str, Any]) -> int:
    return (await api.counted(query, variables))[0]


async def test_costs_and_overallocation_flags_are_batched(api: Api) -> None:
    ids = await example(api)
    query = """query($id: ID!) { node(id: $id) { ... on Portfolio {
      resources { nodes { overallocatedDays(from: "2026-01-01", to: "2026-03-31") } }
      projects { nodes { plannedCost { amount } tasks { nodes { plannedCost { amount } overallocated } } } } } } }"""
    small = await _statements(api, query, {"id": ids["portfolio"]})
    for key in ("P2", "P3", "P4"):
        prj = await project(api, ids["portfolio"], key, start="2026-01-05")
        for name in ("x", "y", "z"):
            t = await task(api, prj, name, 2)
            await assign(api, t["id"], ids["ann"], 0.5)
            await assign(api, t["id"], ids["bob"], 0.5)
        await resource(api, ids["portfolio"], f"Res{key}", "Ops", 1.0, "10.00")
    assert await _statements(api, query, {"id": ids["portfolio"]}) == small
