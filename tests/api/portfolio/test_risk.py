"""Risks over GraphQL."""

from __future__ import annotations

from tests.api.helpers import portfolio, project
from tests.conftest import Api


async def test_risk_lifecycle(api: Api) -> None:
    prj = await project(api, await portfolio(api))
    created = await api.ok(
        "createRisk",
        {"projectId": prj, "title": "Vendor late", "probability": 0.5, "impact": 4},
        "risk { id title probability impact score owner status version }",
    )
    risk = created["risk"]
    assert (risk["score"], risk["owner"], risk["status"], risk["version"]) == (2.0, None, "OPEN", 1)
    updated = await api.ok(
        "updateRisk",
        {"id": risk["id"], "version": 1, "owner": "Ops", "mitigation": "Second vendor", "status": "MITIGATING"},
        "risk { owner mitigation status version }",
    )
    assert updated["risk"] == {"owner": "Ops", "mitigation": "Second vendor", "status": "MITIGATING", "version": 2}
    data = await api.data(
        "query($id: ID!) { node(id: $id) { ... on Project { risks { totalCount nodes { title } } } } }", {"id": prj}
    )
    assert data["node"]["risks"] == {"totalCount": 1, "nodes": [{"title": "Vendor late"}]}
    await api.ok("deleteRisk", {"id": risk["id"]}, "deletedId")


async def test_risk_validation(api: Api) -> None:
    prj = await project(api, await portfolio(api))
    bad = await api.mutate(
        "createRisk", {"projectId": prj, "title": "", "probability": 1.5, "impact": 7}, "risk { id }"
    )
    assert {e["field"][-1] for e in bad["userErrors"]} == {"title", "probability", "impact"}
    risk = (
        await api.ok("createRisk", {"projectId": prj, "title": "R", "probability": 0.1, "impact": 1}, "risk { id }")
    )["risk"]
    nulls = await api.mutate("updateRisk", {"id": risk["id"], "title": None, "probability": None}, "risk { id }")
    assert {e["field"][-1] for e in nulls["userErrors"]} == {"title", "probability"}
    status = await api.mutate("updateRisk", {"id": risk["id"], "status": "MAYBE"}, "risk { id }")
    assert status["userErrors"][0]["field"] == ["input", "status"]
