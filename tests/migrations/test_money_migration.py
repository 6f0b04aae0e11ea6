"""The money migration keeps every amount exact on both databases: floats written with the old
schema come back as the decimals they displayed as, and old actual costs and percentages become
the first entries of the new histories."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import AsyncIterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.base.db import Database, async_url
from domain.entities import ActualCost, BaselineTask, Portfolio, ProgressEntry, Project, Resource
from migrations.runner import upgrade
from tests.conftest import BACKENDS, POSTGRES_URL

BEFORE = "c6fb72ebbb21"  # the last revision with float money
NOW = dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC)
# Floats that binary arithmetic cannot hold exactly, large ones, and one with 17 digits.
BUDGETS = [0.1, 1234567.89, 98765432109.99, 0.30000000000000004, 5.0, 19.99]


def exact(value: float) -> Decimal:
    return Decimal(repr(value)).quantize(Decimal("0.0001"))


async def _admin(sql: str) -> None:
    assert POSTGRES_URL is not None
    engine = create_async_engine(async_url(POSTGRES_URL), isolation_level="AUTOCOMMIT")
    async with engine.connect() as conn:
        await conn.execute(text(sql))
    await engine.dispose()


@pytest.fixture(params=BACKENDS)
async def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """A database with no schema at all, to migrate step by step."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'old.db'}"
        return
    assert POSTGRES_URL is not None
    name = f"pmo_migration_{uuid.uuid4().hex[:10]}"
    await _admin(f'CREATE DATABASE "{name}"')
    yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    await _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def test_float_money_becomes_exact_decimals(empty_url: str) -> None:
    db = Database.connect(empty_url)
    try:
        await upgrade(db, BEFORE)
        async with db.write_engine.begin() as conn:

            async def run(sql: str, **values: object) -> None:
                await conn.execute(text(sql), values)

            await run(
                "INSERT INTO portfolio (id, name, description, pmo_type, methodology, version, created_at)"
                " VALUES (1, 'P', '', 'SUPPORTIVE', 'Default', 1, :now)",
                now=NOW,
            )
            for k, budget in enumerate(BUDGETS, start=1):
                await run(
                    "INSERT INTO project (id, portfolio_id, key, name, description, objectives, scope, phase,"
                    " start_date, status_date, budget, revenue, priority, version, created_at, snapshot_revision)"
                    " VALUES (:id, 1, :key, 'X', '', '', '', 'Initiation', :start, :status, :budget, :revenue,"
                    " 500, 1, :now, 1)",
                    id=k,
                    key=f"K{k}",
                    start=dt.date(2026, 1, 5),
                    status=dt.date(2026, 2, 2) if k == 1 else None,
                    budget=budget,
                    revenue=None if k % 2 else budget * 3,
                    now=NOW,
                )
            await run(
                "INSERT INTO resource (id, portfolio_id, name, role, capacity, cost_rate, version, created_at)"
                " VALUES (1, 1, 'Ada', 'dev', 1.0, 87.35, 1, :now)",
                now=NOW,
            )
            for pk, cost, pct, start in ((1, 1250.75, 40.0, dt.date(2026, 1, 7)), (2, 0.0, 0.0, None)):
                await run(
                    "INSERT INTO task (id, project_id, name, duration, milestone, percent_complete, actual_cost,"
                    " actual_start, constraint_type, leveling_delay, total_float, free_float, critical, version,"
                    " created_at, portfolio_total_float, portfolio_critical)"
                    " VALUES (:id, 1, 'T', 5, false, :pct, :cost, :start, 'ASAP', 0, 0, 0, false, 1, :now, 0, false)",
                    id=pk,
                    pct=pct,
                    cost=cost,
                    start=start,
                    now=NOW,
                )
            await run(
                "INSERT INTO baseline (id, project_id, name, active, created_at) VALUES (1, 1, 'B', true, :now)",
                now=NOW,
            )
            await run(
                "INSERT INTO baseline_task (id, baseline_id, task_id, start, finish, duration, planned_cost)"
                " VALUES (1, 1, 1, :s, :f, 5, 436.75)",
                s=dt.date(2026, 1, 5),
                f=dt.date(2026, 1, 9),
            )
        await upgrade(db)

        async with AsyncSession(db.read_engine) as session:
            projects = (await session.exec(select(Project).order_by(Project.id))).all()  # type: ignore[arg-type]
            assert [p.budget for p in projects] == [exact(b) for b in BUDGETS]
            assert [p.revenue for p in projects] == [None if k % 2 else exact(b * 3) for k, b in enumerate(BUDGETS, 1)]
            assert projects[3].budget == Decimal("0.3000") and projects[2].budget == Decimal("98765432109.9900")
            assert {p.ev_method for p in projects} == {"PERCENT_COMPLETE"}
            assert (await session.exec(select(Portfolio.currency))).one() == "USD"
            assert (await session.exec(select(col(Resource.cost_rate)))).one() == Decimal("87.3500")
            assert (await session.exec(select(col(BaselineTask.planned_cost)))).one() == Decimal("436.7500")
            # The old per-task actual cost is one entry, dated by the task's actual start.
            costs = (await session.exec(select(ActualCost))).all()
            assert [(c.task_id, c.date, c.amount) for c in costs] == [(1, dt.date(2026, 1, 7), Decimal("1250.7500"))]
            # Its percent complete is the first entry of its progress history, at the project's status date.
            progress = (await session.exec(select(ProgressEntry))).all()
            assert [(e.task_id, e.status_date, e.percent_complete) for e in progress] == [
                (1, dt.date(2026, 2, 2), 40.0)
            ]
    finally:
        await db.dispose()
