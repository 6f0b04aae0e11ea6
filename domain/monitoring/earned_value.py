"""Earned value from the database: each project's active baseline, progress history and actual
costs, read for many projects in a fixed number of statements and handed to the pure core."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection
from decimal import Decimal

from sqlalchemy import select as select_columns
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from domain.base.money import minor_digits
from domain.entities import ActualCost, Baseline, BaselineTask, Portfolio, ProgressEntry, Project, Task
from domain.monitoring.core import Curves, EvMethod, ProjectData, TaskInput, curves, project_data
from domain.planning.baselines import project_calendars


async def baselined_projects(session: AsyncSession, project_ids: Collection[int]) -> dict[int, ProjectData]:
    """The core's input for each of these projects that has an active baseline (six statements)."""
    ids = sorted(set(project_ids))
    if not ids:
        return {}
    active = dict(
        (
            await session.execute(
                select_columns(col(Baseline.project_id), col(Baseline.id)).where(
                    col(Baseline.project_id).in_(ids), col(Baseline.active)
                )
            )
        ).all()
    )
    if not active:
        return {}
    headers = (
        await session.execute(
            select_columns(col(Project.id), col(Project.ev_method), col(Portfolio.currency))
            .join(Portfolio, col(Portfolio.id) == col(Project.portfolio_id))
            .where(col(Project.id).in_(sorted(active)))
        )
    ).all()
    planned = (
        await session.execute(
            select_columns(
                col(Baseline.project_id),
                col(BaselineTask.task_id),
                col(BaselineTask.start),
                col(BaselineTask.finish),
                col(BaselineTask.planned_cost),
            )
            .join(Baseline, col(Baseline.id) == col(BaselineTask.baseline_id))
            .where(col(BaselineTask.baseline_id).in_(sorted(active.values())))
            .order_by(col(BaselineTask.id))
        )
    ).all()
    tasks = (
        await session.execute(
            select_columns(col(Task.id), col(Task.project_id), col(Task.actual_start))
            .where(col(Task.project_id).in_(sorted(active)))
            .order_by(col(Task.id))
        )
    ).all()
    task_ids = [t[0] for t in tasks]
    progress: dict[int, list[tuple[dt.date, float]]] = defaultdict(list)
    for tid, day, pct in (
        await session.execute(
            select_columns(
                col(ProgressEntry.task_id), col(ProgressEntry.status_date), col(ProgressEntry.percent_complete)
            )
            .where(col(ProgressEntry.task_id).in_(task_ids))
            .order_by(col(ProgressEntry.id))
        )
    ).all():
        progress[tid].append((day, pct))
    spent: dict[int, list[tuple[dt.date, Decimal]]] = defaultdict(list)
    for tid, day, amount in (
        await session.execute(
            select_columns(col(ActualCost.task_id), col(ActualCost.date), col(ActualCost.amount))
            .where(col(ActualCost.task_id).in_(task_ids))
            .order_by(col(ActualCost.id))
        )
    ).all():
        spent[tid].append((day, amount))
    calendars = await project_calendars(session, active)
    plan_of: dict[int, list[tuple[int | None, dt.date, dt.date, Decimal]]] = defaultdict(list)
    for owner, planned_task, start, finish, cost in planned:
        plan_of[owner].append((planned_task, start, finish, cost))
    tasks_of: dict[int, list[tuple[int, dt.date | None]]] = defaultdict(list)
    for task_id, project_id, actual_start in tasks:
        tasks_of[project_id].append((int(task_id or 0), actual_start))
    out: dict[int, ProjectData] = {}
    for row_id, method, currency in headers:
        pid = int(row_id or 0)
        baseline = {t: (s, f, c) for t, s, f, c in plan_of[pid] if t is not None}
        inputs = []
        for task_id, actual_start in tasks_of[pid]:
            plan = baseline.get(task_id)
            inputs.append(
                TaskInput(
                    budget=plan[2] if plan else Decimal(0),
                    start=plan[0] if plan else None,
                    finish=plan[1] if plan else None,
                    progress=progress[task_id],
                    actuals=spent[task_id],
                    actual_start=actual_start,
                )
            )
        # Work in the baseline whose task was deleted since keeps its budget (and earns nothing).
        inputs += [TaskInput(budget=c, start=s, finish=f) for t, s, f, c in plan_of[pid] if t is None]
        out[pid] = project_data(
            inputs, calendar=calendars[pid], method=EvMethod(method), decimals=minor_digits(currency)
        )
    return out


async def project_curves(session: AsyncSession, project_ids: Collection[int]) -> tuple[list[int], Curves | None]:
    """The curves of the baselined ones among these projects, with their ids in the curves' order."""
    found = await baselined_projects(session, project_ids)
    order = sorted(found)
    return order, curves([found[p] for p in order]) if order else None
