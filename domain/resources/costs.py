"""Planned cost of tasks and projects: assigned units x working days x cost rate, exactly.

Each task's cost is the exact product summed over its assignments (units as the decimal they
display as), rounded half to even to the currency's minor unit; a project's is the sum of its
tasks', so the two always add up. SQL does none of the arithmetic: PostgreSQL would turn a
NUMERIC times a float into a float, and SQLite stores amounts as scaled integers.
"""

from __future__ import annotations

from collections.abc import Collection
from decimal import Decimal
from typing import Any

from sqlalchemy import select as select_columns
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from domain.base.money import quantize
from domain.entities import Assignment, Portfolio, Project, Resource, Task


def work_cost(units: float, rate: Decimal, days: int) -> Decimal:
    """The exact cost of ``units`` of a resource at ``rate`` per unit-day for ``days`` working days."""
    return Decimal(repr(float(units))) * rate * days


async def planned_costs(session: AsyncSession, condition: Any) -> dict[int, tuple[int, Decimal]]:
    """``task id -> (project id, planned cost)`` for the tasks matching ``condition`` that have
    assignments (the others cost nothing)."""
    rows = await session.execute(
        select_columns(
            col(Task.id), col(Task.project_id), col(Task.duration), col(Assignment.units), col(Resource.cost_rate)
        )
        .join(Assignment, col(Assignment.task_id) == col(Task.id))
        .join(Resource, col(Resource.id) == col(Assignment.resource_id))
        .where(condition)
    )
    exact: dict[int, tuple[int, Decimal]] = {}
    for task_id, project_id, duration, units, rate in rows.all():
        tid = int(task_id or 0)
        _, total = exact.get(tid, (project_id, Decimal(0)))
        exact[tid] = (project_id, total + work_cost(units, rate, duration))
    currencies = await project_currencies(session, {pid for pid, _ in exact.values()})
    return {tid: (pid, quantize(cost, currencies[pid])) for tid, (pid, cost) in exact.items()}


async def project_currencies(session: AsyncSession, project_ids: Collection[int]) -> dict[int, str]:
    """The currency of each project (its portfolio's)."""
    if not project_ids:
        return {}
    rows = await session.execute(
        select_columns(col(Project.id), col(Portfolio.currency))
        .join(Portfolio, col(Portfolio.id) == col(Project.portfolio_id))
        .where(col(Project.id).in_(sorted(project_ids)))
    )
    return {int(pid or 0): str(currency) for pid, currency in rows.all()}


async def task_planned_costs(session: AsyncSession, task_ids: Collection[int]) -> dict[int, Decimal]:
    """Cost rate x assigned work (units x duration in working days), summed over assignments."""
    found = await planned_costs(session, col(Task.id).in_(sorted(task_ids)))
    return {tid: cost for tid, (_, cost) in found.items()}


async def project_planned_costs(session: AsyncSession, project_ids: Collection[int]) -> dict[int, Decimal]:
    """The planned labour cost of each project: the sum of its tasks' planned costs."""
    out: dict[int, Decimal] = {}
    for pid, cost in (await planned_costs(session, col(Task.project_id).in_(sorted(project_ids)))).values():
        out[pid] = out.get(pid, Decimal(0)) + cost
    return out
