"""Alembic environment: runs on a connection handed over by ``migrations.runner``, or on its own
(the ``alembic`` command line) from ``PMO_DATABASE_URL``."""

from __future__ import annotations

import asyncio
import os

from alembic import context
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

import domain.entities  # noqa: F401  (registers every table on the metadata)
from domain.base.db import DEFAULT_DATABASE_URL, Database

# Any fixed number: only migration runs take this PostgreSQL advisory lock.
_MIGRATION_LOCK = 7_310_420_211

target_metadata = SQLModel.metadata


def _run(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        # Several workers may start at once; they queue here instead of racing the DDL.
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_standalone(url: str) -> None:
    db = Database.connect(url)
    try:
        async with db.write_engine.begin() as conn:
            await conn.run_sync(_run)
    finally:
        await db.dispose()


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = context.config.get_main_option("sqlalchemy.url") or os.environ.get("PMO_DATABASE_URL", DEFAULT_DATABASE_URL)
    asyncio.run(_run_standalone(url))


if context.is_offline_mode():
    raise SystemExit("offline (SQL script) migrations are not supported; run against a database")
run_migrations_online()
