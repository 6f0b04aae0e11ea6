"""The migrated schema is exactly the models' schema, on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

import domain.entities  # noqa: F401
from domain.base.db import Database
from migrations.runner import current_revision, head_revision, upgrade


async def test_migrations_match_models(database_url: str) -> None:
    db = Database.connect(database_url)
    try:
        await upgrade(db)  # idempotent on an already migrated database

        def diff(connection: Connection) -> list[Any]:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            return list(compare_metadata(context, SQLModel.metadata))

        async with db.read_engine.connect() as conn:
            differences = await conn.run_sync(diff)
        assert differences == []
        assert await current_revision(db) == head_revision()
    finally:
        await db.dispose()
