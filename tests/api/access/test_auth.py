"""Authentication and authorization, per role and per portfolio scope."""

from __future__ import annotations

from domain.base.authz import Role
from domain.base.ids import expect_global_id
from tests.api.helpers import portfolio, project, task
from tests.conftest import Api


async def _codes(api: Api, query: str, token: str | None) -> list[str]:
    body = await api.post(query, token=token if token is not None else "")
    return [e["extensions"]["code"] for e in body.get("errors", [])]


async def test_no_or_bad_token_is_unauthenticated(api: Api) -> None:
    assert await _codes(api, "{ viewer { name } }", "") == ["UNAUTHENTICATED"]
    assert await _codes(api, "{ portfolios { totalCount } }", "pmo_not-a-real-token") == ["UNAUTHENTICATED"]
    response = await api.client.post(
        "/graphql", json={"query": "{ viewer { name } }"}, headers={"Authorization": "Basic x"}
    )
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_viewer_reads_but_cannot_write(api: Api) -> None:
    pid = await portfolio(api)
    prj = await project(api, pid)
    viewer = await api.new_token(Role.VIEWER, "vera")
    data = await api.data("{ viewer { name roles { role portfolioId } } portfolios { totalCount } }", token=viewer)
    assert data == {
        "viewer": {"name": "vera", "roles": [{"role": "viewer", "portfolioId": None}]},
        "portfolios": {"totalCount": 1},
    }
    body = await api.post(
        'mutation($p: ID!) { createTask(input: {projectId: $p, name: "x"}) { task { id } } }', {"p": prj}, token=viewer
    )
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await _codes(
        api, 'mutation { createPortfolio(input: {name: "x", pmoType: SUPPORTIVE}) { portfolio { id } } }', viewer
    ) == ["FORBIDDEN"]


async def test_manager_edits_only_projects_they_manage(api: Api) -> None:
    pid = await portfolio(api)
    theirs_token = await api.new_token(Role.MANAGER, "mia")
    mine = (
        await api.ok(
            "createProject",
            {"portfolioId": pid, "name": "Mine", "key": "MINE", "startDate": "2026-01-05"},
            "project { id manager { name } }",
            token=theirs_token,
        )
    )["project"]
    assert mine["manager"] == {"name": "mia"}
    other = await project(api, pid, "OTHER")
    await task(api, mine["id"], "ok")  # admin may edit any project
    ok = await api.mutate("createTask", {"projectId": mine["id"], "name": "allowed"}, "task { id }", token=theirs_token)
    assert ok["userErrors"] == []
    body = await api.post(
        'mutation($p: ID!) { createTask(input: {projectId: $p, name: "x"}) { task { id } } }',
        {"p": other},
        token=theirs_token,
    )
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert "manage" in body["errors"][0]["message"]


async def test_portfolio_scoped_grant_sees_only_its_portfolio(api: Api) -> None:
    north = await portfolio(api, "North")
    south = await portfolio(api, "South")
    south_project = await project(api, south, "S")
    scoped = await api.new_token(Role.PMO, "divisional", expect_global_id(north, "Portfolio", "id"))
    data = await api.data("{ portfolios { totalCount nodes { name } } }", token=scoped)
    assert data["portfolios"] == {"totalCount": 1, "nodes": [{"name": "North"}]}
    body = await api.post("query($id: ID!) { node(id: $id) { id } }", {"id": south_project}, token=scoped)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    ok = await api.mutate(
        "createProject",
        {"portfolioId": north, "name": "N", "key": "N", "startDate": "2026-01-05"},
        "project { id }",
        token=scoped,
    )
    assert ok["userErrors"] == []
    refused = await api.post(
        'mutation($p: ID!) { createResource(input: {portfolioId: $p, name: "x", role: "y"}) { resource { id } } }',
        {"p": south},
        token=scoped,
    )
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    # A divisional PMO cannot create portfolios: that needs a role for all portfolios.
    assert await _codes(
        api, 'mutation { createPortfolio(input: {name: "x", pmoType: SUPPORTIVE}) { portfolio { id } } }', scoped
    ) == ["FORBIDDEN"]


async def test_only_admin_changes_portfolio_settings(api: Api) -> None:
    pid = await portfolio(api)
    pmo = await api.new_token(Role.PMO, "petra")
    body = await api.post(
        "mutation($p: ID!) { updatePortfolio(input: {id: $p, pmoType: DIRECTIVE}) { portfolio { id } } }",
        {"p": pid},
        token=pmo,
    )
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    ok = await api.ok("updatePortfolio", {"id": pid, "pmoType": "DIRECTIVE"}, "portfolio { pmoType }")
    assert ok["portfolio"]["pmoType"] == "DIRECTIVE"
