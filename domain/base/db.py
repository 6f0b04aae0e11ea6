"""Database engines and sessions (async), for SQLite (embedded default) and PostgreSQL.

Users give plain URLs (``sqlite:///path``, ``postgresql://user@host:port/db``); the engine picks
the async driver. SQLite runs in WAL mode; its write transactions start with ``BEGIN IMMEDIATE``
so concurrent writers queue instead of failing half-way (read transactions stay deferred).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

DEFAULT_DATABASE_URL = "sqlite:///pmo.db"

_ASYNC_DRIVERS = {"sqlite": "sqlite+aiosqlite", "postgresql": "postgresql+asyncpg", "postgres": "postgresql+asyncpg"}


class DatabaseURLError(ValueError):
    """The configured database URL names no supported database."""


def async_url(url: str) -> URL:
    """Turn a plain database URL into one naming this project's async driver."""
    try:
        parsed = make_url(url)
    except Exception as exc:
        raise DatabaseURLError(f"PMO_DATABASE_URL is not a database URL: {url!r}") from exc
    backend = parsed.get_backend_name()
    if backend not in _ASYNC_DRIVERS:
        raise DatabaseURLError(
            f"PMO_DATABASE_URL must be sqlite:///PATH or postgresql://USER@HOST:PORT/DB, got {backend!r}"
        )
    return parsed.set(drivername=_ASYNC_DRIVERS[backend])


def is_sqlite(url: URL) -> bool:
    return url.get_backend_name() == "sqlite"


def _make_engine(url: URL, *, immediate: bool, **kwargs: Any) -> AsyncEngine:
    if not is_sqlite(url):
        return create_async_engine(url, pool_pre_ping=True, **kwargs)
    engine = create_async_engine(url, connect_args={"timeout": 30}, **kwargs)

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # pysqlite's own transaction handling would defeat BEGIN IMMEDIATE and savepoints.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


@dataclass
class Database:
    """The engines of one database: one for reads, one for writes (the same on PostgreSQL)."""

    url: URL
    read_engine: AsyncEngine
    write_engine: AsyncEngine

    def __post_init__(self) -> None:
        # Imported here: the write log knows the entities, which need nothing from this module.
        from domain.base import write_log

        write_log.install(self.write_engine.sync_engine)
        self._read = async_sessionmaker(self.read_engine, expire_on_commit=False)
        self._write = async_sessionmaker(self.write_engine, expire_on_commit=False)

    @classmethod
    def connect(cls, url: str, **kwargs: Any) -> Database:
        parsed = async_url(url)
        if is_sqlite(parsed):
            return cls(
                parsed,
                _make_engine(parsed, immediate=False, **kwargs),
                _make_engine(parsed, immediate=True, **kwargs),
            )
        engine = _make_engine(parsed, immediate=False, **kwargs)
        return cls(parsed, engine, engine)

    @property
    def is_sqlite(self) -> bool:
        return is_sqlite(self.url)

    def reader(self) -> AsyncSession:
        """A session for reads; the caller closes it."""
        return self._read()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """One write transaction: committed when the block ends, rolled back if it raises."""
        async with self._write() as session, session.begin():
            yield session

    async def dispose(self) -> None:
        await self.read_engine.dispose()
        if self.write_engine is not self.read_engine:
            await self.write_engine.dispose()
