"""Run the migrations from code: at first start, from ``pmo db upgrade`` and in tests."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

from domain.base.db import Database

MIGRATIONS_DIR = Path(__file__).resolve().parent


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


async def upgrade(db: Database, revision: str = "head") -> None:
    """Bring the database to ``revision`` (idempotent)."""
    config = alembic_config()

    def _upgrade(connection: Connection) -> None:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # Changing a column on SQLite rebuilds its table (alembic's batch mode); with foreign
            # keys enforced, dropping the old table would cascade deletes into every table that
            # refers to it. SQLite's own recipe: keys off outside the transaction, check before commit.
            _pragma(connection, "foreign_keys=OFF")
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, revision)
                if sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                    raise RuntimeError("a migration left rows whose foreign keys point nowhere")
        finally:
            if sqlite:
                _pragma(connection, "foreign_keys=ON")

    async with db.write_engine.connect() as conn:
        await conn.run_sync(_upgrade)


def _pragma(connection: Connection, setting: str) -> None:
    """Run a PRAGMA on the driver connection, outside any transaction (where SQLite ignores it)."""
    cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]  # checked out: never None
    try:
        cursor.execute(f"PRAGMA {setting}")
    finally:
        cursor.close()


async def current_revision(db: Database) -> str | None:
    def _current(connection: Connection) -> str | None:
        return MigrationContext.configure(connection).get_current_revision()

    async with db.read_engine.connect() as conn:
        return await conn.run_sync(_current)


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()
