"""Time-phased actual costs: dated entries per task, summed to tasks, projects and portfolios.

A manager records what was spent on a task of a project they manage (PMO staff on any); an
entry is dated within the project (from its start to its status date, or to today when it has
none), in the portfolio's currency with at most its decimal places. A negative entry corrects
an earlier one, as long as the task's running total never goes below zero on any date.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection
from decimal import Decimal

from sqlalchemy import select as select_columns
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, func, select

from domain.base.errors import Validator
from domain.base.money import check_amount
from domain.base.records import get_or_404
from domain.base.work import Work
from domain.entities import ActualCost, Portfolio, Project, Task
from domain.planning.tasks import project_for_edit

MAX_NOTE = 500


def today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


async def record_actual_cost(work: Work, *, task_id: int, day: dt.date, amount: Decimal, note: str = "") -> ActualCost:
    """Add a dated actual cost to a task (``actualcost.recorded`` event)."""
    task = await get_or_404(work.session, Task, task_id, "taskId", for_update=True)
    project = await project_for_edit(work, task.project_id, "taskId", "record actual costs on this project")
    portfolio = await get_or_404(work.session, Portfolio, project.portfolio_id, "taskId")
    v = Validator()
    check_amount(v, "amount", amount, portfolio.currency, negative=True)
    if amount == 0:
        v.add("amount", "amount must not be zero")
    last = project.status_date or today()
    if day < project.start_date:
        v.add("date", f"date is before the project starts ({project.start_date.isoformat()})")
    elif day > last:
        which = "status date" if project.status_date else "today"
        v.add("date", f"date is after the project's {which} ({last.isoformat()}): actuals are never in the future")
    if len(note) > MAX_NOTE:
        v.add("note", f"note must be at most {MAX_NOTE} characters")
    if amount < 0 and not v.problems:
        await _check_never_negative(work.session, task_id, day, amount, v)
    v.raise_if_any()
    entry = ActualCost(task_id=task_id, date=day, amount=amount, note=note)
    work.session.add(entry)
    await work.session.flush()
    work.record("actualcost.recorded", entry, project.portfolio_id)
    work.touched_projects.add(project.id or 0)
    return entry


async def _check_never_negative(
    session: AsyncSession, task_id: int, day: dt.date, amount: Decimal, v: Validator
) -> None:
    """A correction may not take the task's actual cost below zero at its date or any later one."""
    rows = (
        await session.execute(
            select_columns(col(ActualCost.date), col(ActualCost.amount)).where(col(ActualCost.task_id) == task_id)
        )
    ).all()
    entries = sorted([(d, a) for d, a in rows] + [(day, amount)], key=lambda e: e[0])
    running = Decimal(0)
    for when, value in entries:
        running += value
        if running < 0 and when >= day:
            v.add("amount", f"this correction would make the task's actual cost negative on {when.isoformat()}")
            return


async def task_actual_costs(session: AsyncSession, task_ids: Collection[int]) -> dict[int, Decimal]:
    """Each task's actual cost: the sum of its entries (tasks without any are left out)."""
    rows = await session.execute(
        select_columns(col(ActualCost.task_id), func.sum(col(ActualCost.amount)))
        .where(col(ActualCost.task_id).in_(sorted(task_ids)))
        .group_by(col(ActualCost.task_id))
    )
    return {int(tid): total for tid, total in rows.all()}


async def project_actual_costs(session: AsyncSession, project_ids: Collection[int]) -> dict[int, Decimal]:
    """Each project's actual cost: the sum over its tasks' entries."""
    rows = await session.execute(
        select_columns(col(Task.project_id), func.sum(col(ActualCost.amount)))
        .join(Task, col(Task.id) == col(ActualCost.task_id))
        .where(col(Task.project_id).in_(sorted(project_ids)))
        .group_by(col(Task.project_id))
    )
    return {int(pid): total for pid, total in rows.all()}


async def portfolio_actual_costs(session: AsyncSession, portfolio_ids: Collection[int]) -> dict[int, Decimal]:
    """Each portfolio's actual cost: the sum over its projects."""
    rows = await session.execute(
        select_columns(col(Project.portfolio_id), func.sum(col(ActualCost.amount)))
        .join(Task, col(Task.id) == col(ActualCost.task_id))
        .join(Project, col(Project.id) == col(Task.project_id))
        .where(col(Project.portfolio_id).in_(sorted(portfolio_ids)))
        .group_by(col(Project.portfolio_id))
    )
    return {int(pid): total for pid, total in rows.all()}


async def actual_cost_entries(session: AsyncSession, task_ids: Collection[int]) -> dict[int, list[ActualCost]]:
    """Each task's entries, by date, then in recording order."""
    rows = await session.execute(
        select(ActualCost)
        .where(col(ActualCost.task_id).in_(sorted(task_ids)))
        .order_by(col(ActualCost.task_id), col(ActualCost.date), col(ActualCost.id))
    )
    out: dict[int, list[ActualCost]] = defaultdict(list)
    for entry in rows.scalars():
        out[entry.task_id].append(entry)
    return out
