"""Fixtures shared by the whole suite: databases (SQLite always, PostgreSQL when
``PMO_TEST_POSTGRES_URL`` names a server, as CI does), a runtime, an HTTP client and tokens."""

from __future__ import annotations

import asyncio
import os
import shutil
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import event, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from api.app import create_app
from api.config import Settings
from api.runtime import Runtime
from domain.access.tokens import create_token
from domain.base.authz import Role
from domain.base.db import Database, async_url
from migrations.runner import upgrade

POSTGRES_URL = os.environ.get("PMO_TEST_POSTGRES_URL")
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if POSTGRES_URL:
        return
    if os.environ.get("PMO_REQUIRE_POSTGRES"):
        raise pytest.UsageError("PMO_REQUIRE_POSTGRES is set but PMO_TEST_POSTGRES_URL is not")
    skip = pytest.mark.skip(reason="PMO_TEST_POSTGRES_URL is not set (CI sets it; see README)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file; each test gets a copy (migrating per test would be slow)."""
    path = tmp_path_factory.mktemp("template") / "template.db"

    async def migrate() -> None:
        db = Database.connect(f"sqlite:///{path}")
        await upgrade(db)
        await db.dispose()

    asyncio.run(migrate())
    return path


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[str]:
    """A fresh, migrated PostgreSQL database for this test session, dropped afterwards."""
    assert POSTGRES_URL is not None
    name = f"pmo_test_{uuid.uuid4().hex[:10]}"
    server = async_url(POSTGRES_URL)

    async def admin(sql: str) -> None:
        engine = create_async_engine(server, isolation_level="AUTOCOMMIT")
        async with engine.connect() as conn:
            await conn.execute(text(sql))
        await engine.dispose()

    asyncio.run(admin(f'CREATE DATABASE "{name}"'))
    url = make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)

    async def migrate() -> None:
        db = Database.connect(url)
        await upgrade(db)
        await db.dispose()

    asyncio.run(migrate())
    yield url
    asyncio.run(admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


async def _truncate(url: str) -> None:
    db = Database.connect(url)
    async with db.write_engine.begin() as conn:
        tables = (
            await conn.execute(
                text("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'alembic_version'")
            )
        ).scalars()
        names = ", ".join(f'"{t}"' for t in tables)
        await conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    await db.dispose()


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        path = tmp_path / "pmo.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    url: str = request.getfixturevalue("postgres_database")
    asyncio.run(_truncate(url))
    return url


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(database_url=database_url)


@pytest.fixture
async def runtime(settings: Settings) -> AsyncIterator[Runtime]:
    rt = await Runtime.start(settings, migrate=False)  # the test databases are migrated once per session
    yield rt
    await rt.stop()


@dataclass
class Api:
    """Talks GraphQL over HTTP to the app, as a front end would."""

    client: httpx.AsyncClient
    runtime: Runtime
    token: str | None = None

    async def post(
        self, query: str, variables: dict[str, Any] | None = None, *, token: str | None = None
    ) -> dict[str, Any]:
        bearer = token if token is not None else self.token
        headers = {"Authorization": f"Bearer {bearer}"} if bearer else {}
        response = await self.client.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    async def data(
        self, query: str, variables: dict[str, Any] | None = None, *, token: str | None = None
    ) -> dict[str, Any]:
        """The data of a request that must not fail."""
        body = await self.post(query, variables, token=token)
        assert "errors" not in body, body["errors"]
        data: dict[str, Any] = body["data"]
        return data

    async def mutate(
        self, name: str, input: dict[str, Any], selection: str, *, token: str | None = None
    ) -> dict[str, Any]:
        """Run ``name(input:)`` and return its payload."""
        shared = name.startswith(("delete", "remove", "unassign"))
        input_type = "DeleteInput" if shared else f"{name[0].upper()}{name[1:]}Input"
        query = (
            f"mutation($input: {input_type}!) {{ {name}(input: $input) {{ {selection}"
            " userErrors { field message code } violations { ruleId severity message subjectId } } }"
        )
        payload: dict[str, Any] = (await self.data(query, {"input": input}, token=token))[name]
        return payload

    async def ok(self, name: str, input: dict[str, Any], selection: str, *, token: str | None = None) -> dict[str, Any]:
        """Run a mutation that must succeed."""
        payload = await self.mutate(name, input, selection, token=token)
        assert payload["userErrors"] == [], payload["userErrors"]
        return payload

    async def counted(self, query: str, variables: dict[str, Any] | None = None) -> tuple[int, dict[str, Any]]:
        """The data of a request and the number of SQL statements it ran on the read engine."""
        statements: list[str] = []

        def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
            if not statement.startswith(("BEGIN", "PRAGMA")):
                statements.append(statement)

        engine = self.runtime.db.read_engine.sync_engine
        event.listen(engine, "before_cursor_execute", record)
        try:
            data = await self.data(query, variables)
        finally:
            event.remove(engine, "before_cursor_execute", record)
        return len(statements), data

    async def new_token(self, role: Role, name: str, portfolio_id: int | None = None) -> str:
        async with self.runtime.db.transaction() as session:
            return await create_token(session, name=name, role=role, portfolio_id=portfolio_id)


@pytest.fixture
async def api(runtime: Runtime) -> AsyncIterator[Api]:
    app = create_app(runtime.settings, runtime=runtime)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        api = Api(client, runtime)
        api.token = await api.new_token(Role.ADMIN, "admin")
        yield api
