"""``portfolioEvents`` over WebSocket (graphql-transport-ws), as a browser client would use it."""

from __future__ import annotations

import asyncio
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

from api.app import create_app
from api.config import Settings
from domain.access.tokens import create_token
from domain.base.authz import Role
from domain.base.db import Database
from migrations.runner import upgrade

if TYPE_CHECKING:
    from starlette.testclient import TestClient

PROGRAM = "mutation($p: ID!, $n: String!) { createProgram(input: {portfolioId: $p, name: $n}) { program { id } } }"


def _client(settings: Settings) -> TestClient:
    # Starlette's TestClient now asks for the "httpx2" package; we keep the well-known httpx rather than
    # add a new, unvetted dependency, so its deprecation notice is expected here (and only here).
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient` is deprecated")
        from starlette.testclient import TestClient

        return TestClient(create_app(settings))


SUBSCRIBE = "subscription($p: ID!) { portfolioEvents(portfolioId: $p) { kind subjectId actor } }"


def _token(url: str, role: Role, name: str) -> str:
    async def make() -> str:
        db = Database.connect(url)
        await upgrade(db)
        async with db.transaction() as session:
            token = await create_token(session, name=name, role=role)
        await db.dispose()
        return token

    return asyncio.run(make())


def _post(client: TestClient, token: str, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    body: dict[str, Any] = client.post(
        "/graphql", json={"query": query, "variables": variables or {}}, headers={"Authorization": f"Bearer {token}"}
    ).json()
    return body


def test_subscriber_receives_committed_changes_only(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'ws.db'}"
    admin = _token(url, Role.ADMIN, "admin")
    settings = Settings(database_url=url, event_poll_seconds=0.02)
    with _client(settings) as client:
        created = _post(
            client, admin, 'mutation { createPortfolio(input: {name: "P", pmoType: SUPPORTIVE}) { portfolio { id } } }'
        )
        pid = created["data"]["createPortfolio"]["portfolio"]["id"]
        with client.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"]) as ws:
            ws.send_json({"type": "connection_init", "payload": {"Authorization": f"Bearer {admin}"}})
            assert ws.receive_json()["type"] == "connection_ack"
            ws.send_json({"id": "1", "type": "subscribe", "payload": {"query": SUBSCRIBE, "variables": {"p": pid}}})
            refused = _post(client, admin, PROGRAM, {"p": pid, "n": ""})
            assert refused["data"]["createProgram"]["program"] is None
            made = _post(client, admin, PROGRAM, {"p": pid, "n": "Cloud"})
            message = ws.receive_json()
            assert message["type"] == "next"
            assert message["payload"]["data"]["portfolioEvents"] == {
                "kind": "program.created",
                "subjectId": made["data"]["createProgram"]["program"]["id"],
                "actor": "admin",
            }
            ws.send_json({"id": "1", "type": "complete"})


def test_subscription_needs_a_token(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'ws.db'}"
    admin = _token(url, Role.ADMIN, "admin")
    with _client(Settings(database_url=url)) as client:
        pid = _post(
            client, admin, 'mutation { createPortfolio(input: {name: "P", pmoType: SUPPORTIVE}) { portfolio { id } } }'
        )["data"]["createPortfolio"]["portfolio"]["id"]
        with client.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"]) as ws:
            ws.send_json({"type": "connection_init", "payload": {}})
            assert ws.receive_json()["type"] == "connection_ack"
            ws.send_json({"id": "1", "type": "subscribe", "payload": {"query": SUBSCRIBE, "variables": {"p": pid}}})
            message = ws.receive_json()
            assert message["type"] == "next"
            assert message["payload"]["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
