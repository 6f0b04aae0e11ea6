"""Request limits, malformed requests, and errors that never leak internals."""

from __future__ import annotations

import logging

import pytest

from tests.conftest import Api


async def test_depth_aliases_and_tokens_are_bounded(api: Api) -> None:
    nested = "key"
    for _ in range(4):
        nested = f"projects {{ nodes {{ portfolio {{ {nested} }} }} }}"
    deep = f"{{ portfolios {{ nodes {{ {nested} }} }} }}"
    body = await api.post(deep)
    assert body["data"] is None
    assert "exceeds maximum operation depth" in body["errors"][0]["message"]
    aliases = "{ " + " ".join(f"a{i}: viewer {{ name }}" for i in range(40)) + " }"
    body = await api.post(aliases)
    assert "aliases" in body["errors"][0]["message"].lower()
    huge = "{ " + " ".join("viewer { name }" for _ in range(2000)) + " }"
    body = await api.post(huge)
    assert "token" in body["errors"][0]["message"].lower()


async def test_malformed_requests_get_4xx_not_500(api: Api) -> None:
    response = await api.client.post(
        "/graphql",
        content=b"{not json",
        headers={"content-type": "application/json", "Authorization": f"Bearer {api.token}"},
    )
    assert 400 <= response.status_code < 500
    syntax = await api.post("{ viewer { name ")
    assert syntax["errors"][0]["message"].startswith("Syntax Error")
    unknown = await api.post("query($id: ID!) { node(id: $id) { id } }", {"id": "%%%"})
    assert unknown["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "Traceback" not in str(unknown)


async def test_node_of_unknown_object_is_null(api: Api) -> None:
    data = await api.data("query($id: ID!) { node(id: $id) { id } }", {"id": "VGFzazo5OTk5"})  # Task:9999
    assert data["node"] is None


async def test_healthz(api: Api) -> None:
    response = await api.client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_graphiql_is_served_to_browsers(api: Api) -> None:
    response = await api.client.get("/graphql", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert "graphiql" in response.text.lower()


async def test_a_bug_is_masked_for_clients_and_logged_with_its_stack(
    api: Api, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from api import node as queries

    async def broken(ctx: object, global_id: str) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(queries, "resolve_node", broken)
    with caplog.at_level(logging.DEBUG):
        body = await api.post('{ node(id: "UG9ydGZvbGlvOjE") { id } }')
    assert body["errors"][0]["message"] == "internal server error"
    assert body["errors"][0]["extensions"] == {"code": "INTERNAL_SERVER_ERROR"}
    assert "secret" not in str(body)
    logged = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert any(r.exc_info and "secret internals" in str(r.exc_info[1]) for r in logged)


async def test_client_mistakes_are_not_logged_as_errors(api: Api, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        await api.post("{ viewer { name } }", token="pmo_wrong")
        await api.post("{ nosuchfield }")
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []
