"""Baselines: named snapshots of a project's schedule and planned cost, and the variance of the
current schedule against the active one.

A baseline records, for every task of the project when it was saved, the scheduled start and
finish (leveling delays included), the duration and the planned cost: the sum over the task's
assignments of units x duration x the resource's cost rate (cost per unit-day). A project may
keep several baselines; at most one is active, and variances are measured against it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import numpy as np
from sqlalchemy import insert, update
from sqlalchemy import select as select_columns
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from domain.base.errors import ErrorCode, Validator
from domain.base.records import describe, get_or_404
from domain.base.work import Work
from domain.entities import Baseline, BaselineTask, Calendar, Project, Task
from domain.planning.calendars import work_calendar
from domain.planning.core import WorkCalendar
from domain.planning.tasks import project_for_edit
from domain.resources.costs import planned_costs

MAX_NAME = 100


@dataclass(frozen=True)
class TaskVariance:
    """A task against the active baseline of its project; variances in working days, positive = late."""

    baseline_start: date
    baseline_finish: date
    baseline_cost: Decimal
    start_variance: int | None
    finish_variance: int | None


async def save_baseline(work: Work, *, project_id: int, name: str, active: bool | None = None) -> Baseline:
    """Snapshot every task of the project. ``active=None``: active if it is the project's first."""
    project = await project_for_edit(work, project_id, "projectId", "save a baseline of this project")
    session = work.session
    v = Validator()
    v.name("name", name, max_length=MAX_NAME)
    existing = list((await session.execute(select(Baseline).where(Baseline.project_id == project_id))).scalars())
    if any(b.name == name for b in existing):
        v.add("name", f"this project already has a baseline named {name!r}", ErrorCode.DUPLICATE)
    v.raise_if_any()
    make_active = active if active is not None else not existing
    if make_active:
        await _deactivate_others(session, project_id, None)
    baseline = Baseline(project_id=project_id, name=name, active=make_active)
    session.add(baseline)
    await session.flush()
    costs = await planned_costs(session, col(Task.project_id) == project_id)
    tasks = (
        await session.execute(
            select(col(Task.id), col(Task.start), col(Task.finish), col(Task.duration))
            .where(Task.project_id == project_id)
            .order_by(col(Task.id))
        )
    ).all()
    rows = [
        {
            "baseline_id": baseline.id,
            "task_id": task_id,
            "start": start,
            "finish": finish,
            "duration": duration,
            "planned_cost": costs[task_id][1] if task_id in costs else Decimal(0),
        }
        for task_id, start, finish, duration in tasks
        if start is not None and finish is not None  # every committed task is scheduled
    ]
    if rows:
        await session.execute(insert(BaselineTask), rows)
    work.record("baseline.saved", baseline, project.portfolio_id, after={**describe(baseline), "tasks": len(rows)})
    work.touched_projects.add(project_id)
    return baseline


async def set_active_baseline(work: Work, baseline_id: int) -> Baseline:
    """Make a baseline the one variances are measured against (the project's others become inactive)."""
    baseline = await get_or_404(work.session, Baseline, baseline_id, "baselineId", for_update=True)
    project = await project_for_edit(work, baseline.project_id, "baselineId", "change this project's baselines")
    if not baseline.active:
        before = describe(baseline)
        await _deactivate_others(work.session, baseline.project_id, baseline_id)
        baseline.active = True
        await work.session.flush()
        work.record("baseline.activated", baseline, project.portfolio_id, before=before)
        work.touched_projects.add(baseline.project_id)
    return baseline


async def delete_baseline(work: Work, baseline_id: int) -> Baseline:
    """Delete a baseline and its task snapshots; deleting the active one leaves none active."""
    baseline = await get_or_404(work.session, Baseline, baseline_id, "id", for_update=True)
    project = await project_for_edit(work, baseline.project_id, "id", "delete this project's baselines")
    work.record("baseline.deleted", baseline, project.portfolio_id, before=describe(baseline))
    await work.session.delete(baseline)
    await work.session.flush()
    work.touched_projects.add(baseline.project_id)
    return baseline


async def _deactivate_others(session: AsyncSession, project_id: int, keep: int | None) -> None:
    stmt = update(Baseline).where(col(Baseline.project_id) == project_id, col(Baseline.active))
    if keep is not None:
        stmt = stmt.where(col(Baseline.id) != keep)
    await session.execute(stmt.values(active=False))


async def project_calendars(session: AsyncSession, project_ids: Iterable[int]) -> dict[int, WorkCalendar]:
    """Each project's working calendar (its own, else its portfolio's default), in two statements."""
    projects = (
        await session.execute(
            select(Project.id, Project.calendar_id, Project.portfolio_id).where(col(Project.id).in_(set(project_ids)))
        )
    ).all()
    if not projects:
        return {}
    calendars = (
        await session.execute(
            select(Calendar).where(
                col(Calendar.id).in_({c for _, c, _ in projects if c is not None})
                | (col(Calendar.portfolio_id).in_({p for _, _, p in projects}) & col(Calendar.is_default))
            )
        )
    ).scalars()
    by_id: dict[int, WorkCalendar] = {}
    default: dict[int, WorkCalendar] = {}
    for row in calendars:
        assert row.id is not None
        by_id[row.id] = work_calendar(row)
        if row.is_default and row.portfolio_id is not None:
            default[row.portfolio_id] = by_id[row.id]
    return {pid: by_id.get(cal, default[pf]) if cal is not None else default[pf] for pid, cal, pf in projects}


def working_days_between(calendar: WorkCalendar, planned: date, actual: date) -> int:
    """Working days from ``planned`` to ``actual`` (positive when ``actual`` is later)."""
    days = np.array([planned, actual], "datetime64[D]")
    # Finish-style indices: a date counts from the end of its working day, so a move from one
    # working day to the next is exactly one day either way.
    index = calendar.finish_index_of(days, planned)
    return int(index[1] - index[0])


async def task_variances(session: AsyncSession, task_ids: Iterable[int]) -> dict[int, TaskVariance]:
    """Tasks against their project's active baseline (tasks without one are left out)."""
    ids = sorted(set(task_ids))
    if not ids:
        return {}
    rows = (
        await session.execute(
            select_columns(
                col(BaselineTask.task_id),
                col(BaselineTask.start),
                col(BaselineTask.finish),
                col(BaselineTask.planned_cost),
                col(Task.start),
                col(Task.finish),
                col(Task.project_id),
            )
            .join(Baseline, col(Baseline.id) == BaselineTask.baseline_id)
            .join(Task, col(Task.id) == BaselineTask.task_id)
            .where(col(BaselineTask.task_id).in_(ids), col(Baseline.active))
        )
    ).all()
    calendars = await project_calendars(session, {r[-1] for r in rows})
    out: dict[int, TaskVariance] = {}
    for task_id, b_start, b_finish, b_cost, start, finish, project_id in rows:
        assert task_id is not None  # joined to its task
        calendar = calendars[project_id]
        out[task_id] = TaskVariance(
            baseline_start=b_start,
            baseline_finish=b_finish,
            baseline_cost=b_cost,
            start_variance=working_days_between(calendar, b_start, start) if start else None,
            finish_variance=working_days_between(calendar, b_finish, finish) if finish else None,
        )
    return out
