"""Keeps stored schedules current: after every change that can move dates, the projects it
touches (and every project linked to them across the portfolio) are recomputed with the CPM
core inside the same transaction, and only rows whose dates changed are written.

Conventions: a linked group of projects shares one calendar (``add_dependency`` refuses links
between projects on different calendars) and one integer time line whose day 0 is the group's
earliest project start; each project's tasks are released at its own start. Late dates are
taken against each project's own finish; the portfolio view uses the group's finish.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import select as select_columns
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import col, select

from domain.entities import Calendar, Dependency, Project, Task
from domain.scheduling import (
    ConstraintType,
    LinkType,
    Network,
    Schedule,
    WorkCalendar,
    compute_schedule,
    rollup_summaries,
)
from domain.services.calendars import default_calendar
from domain.services.work import Work

_TASK_COLUMNS = tuple(
    col(c)
    for c in (
        Task.id,
        Task.project_id,
        Task.parent_id,
        Task.duration,
        Task.percent_complete,
        Task.actual_start,
        Task.actual_finish,
        Task.constraint_type,
        Task.constraint_date,
        Task.leveling_delay,
        Task.early_start,
        Task.early_finish,
        Task.late_start,
        Task.late_finish,
        Task.start,
        Task.finish,
        Task.total_float,
        Task.free_float,
        Task.critical,
    )
)
_OUTPUTS = (
    "early_start",
    "early_finish",
    "late_start",
    "late_finish",
    "start",
    "finish",
    "total_float",
    "free_float",
    "critical",
)
_FINISH_LIKE = {ConstraintType.FNET, ConstraintType.FNLT, ConstraintType.MFO}


def calendar_of(row: Calendar) -> WorkCalendar:
    return WorkCalendar.of([i for i, flag in enumerate(row.workdays) if flag == "1"], row.holidays)


@dataclass
class GroupSchedule:
    """The computed schedule of one linked group of projects (indices follow ``task_ids``)."""

    calendar: WorkCalendar
    origin: date
    task_ids: list[int]
    project_of: list[int]
    leaf: npt.NDArray[np.bool_]
    values: dict[str, list[Any]] = field(default_factory=dict)
    project_finish: dict[int, date | None] = field(default_factory=dict)
    # The portfolio view: late dates against the whole group's finish.
    group_critical: list[int] = field(default_factory=list)


async def linked_group(session: AsyncSession, project_ids: Iterable[int]) -> set[int]:
    """The given projects plus every project linked to them, transitively."""
    group = set(project_ids)
    frontier = set(group)
    while frontier:
        pred_task, succ_task = Task.__table__.alias(), Task.__table__.alias()  # type: ignore[attr-defined]
        rows = await session.execute(
            select(pred_task.c.project_id, succ_task.c.project_id)
            .select_from(Dependency)
            .join(pred_task, pred_task.c.id == Dependency.predecessor_id)
            .join(succ_task, succ_task.c.id == Dependency.successor_id)
            .where(
                pred_task.c.project_id != succ_task.c.project_id,
                pred_task.c.project_id.in_(frontier) | succ_task.c.project_id.in_(frontier),
            )
        )
        found = {p for pair in rows.all() for p in pair}
        frontier = found - group
        group |= found
    return group


def _leaves(children: dict[int, list[int]], task: int) -> list[int]:
    out, stack = [], [task]
    while stack:
        t = stack.pop()
        if children.get(t):
            stack.extend(children[t])
        else:
            out.append(t)
    return out


def _index(
    calendar: WorkCalendar, dates: Sequence[date | None], origin: date, *, finish: bool = False
) -> npt.NDArray[np.int64]:
    """Working-day indices of ``dates`` in one vectorized call; -1 where a date is missing."""
    out = np.full(len(dates), -1, np.int64)
    present = [i for i, d in enumerate(dates) if d is not None]
    if present:
        convert = calendar.finish_index_of if finish else calendar.index_of
        days = np.array([dates[i] for i in present], dtype="datetime64[D]")
        out[present] = convert(days, origin)
    return out


def _remaining(duration: int, percent: float) -> int:
    return max(0, math.ceil(duration * (1.0 - percent / 100.0) - 1e-9))


async def compute_group(session: AsyncSession, projects: Sequence[Project]) -> GroupSchedule:
    """Schedule a linked group of projects from what is stored now."""
    first = min(projects, key=lambda p: p.id or 0)
    cal_row = await session.get(Calendar, first.calendar_id) if first.calendar_id else None
    calendar = calendar_of(cal_row or await default_calendar(session, first.portfolio_id))
    origin = calendar.origin_day(min(p.start_date for p in projects))
    by_id = {p.id: p for p in projects if p.id is not None}
    rows = (
        await session.execute(
            select_columns(*_TASK_COLUMNS).where(col(Task.project_id).in_(list(by_id))).order_by(col(Task.id))
        )
    ).all()
    task_ids = [r.id for r in rows]
    index = {t: i for i, t in enumerate(task_ids)}
    n = len(rows)
    parent = np.array([index.get(r.parent_id, -1) if r.parent_id is not None else -1 for r in rows], np.int64)
    children: dict[int, list[int]] = defaultdict(list)
    for r in rows:
        if r.parent_id is not None:
            children[r.parent_id].append(r.id)
    leaf = np.ones(n, np.bool_)
    leaf[parent[parent >= 0]] = False
    leaf_rows = [i for i in range(n) if leaf[i]]
    net_index = {task_ids[i]: k for k, i in enumerate(leaf_rows)}

    links = (
        await session.execute(
            select(Dependency.predecessor_id, Dependency.successor_id, Dependency.type, Dependency.lag).where(
                col(Dependency.successor_id).in_(task_ids)
            )
        )
    ).all()
    pred: list[int] = []
    succ: list[int] = []
    kind: list[int] = []
    lag: list[int] = []
    for p, s, t, g in links:
        if p not in index:
            continue  # a link from a project outside the group cannot exist: groups are closed under links
        for a in _leaves(children, p):
            for b in _leaves(children, s):
                pred.append(net_index[a])
                succ.append(net_index[b])
                kind.append(LinkType[t])
                lag.append(g)

    sel = [rows[i] for i in leaf_rows]
    start_of = {pid: _index(calendar, [p.start_date], origin)[0] for pid, p in by_id.items()}
    status_of = {pid: _index(calendar, [p.status_date], origin)[0] for pid, p in by_id.items()}
    release = np.array([start_of[r.project_id] for r in sel], np.int64)
    status = np.array([status_of[r.project_id] for r in sel], np.int64)
    ctype = np.array([ConstraintType[r.constraint_type] for r in sel], np.int64)
    finish_like = np.isin(ctype, list(_FINISH_LIKE))
    constrained = [r.constraint_date if ctype[k] != ConstraintType.ASAP else None for k, r in enumerate(sel)]
    cday = np.where(
        finish_like,
        _index(calendar, constrained, origin, finish=True),
        _index(calendar, constrained, origin),
    )
    astart = _index(calendar, [r.actual_start for r in sel], origin)
    afinish = _index(calendar, [r.actual_finish if r.actual_start else None for r in sel], origin, finish=True)
    afinish = np.where(afinish >= 0, np.maximum(afinish, astart), -1)
    remaining = np.array(
        [
            _remaining(r.duration, r.percent_complete) if r.actual_start is not None and r.actual_finish is None else -1
            for r in sel
        ],
        np.int64,
    )
    durations = np.array([r.duration for r in sel], np.int64)
    base: dict[str, Any] = {
        "durations": durations,
        "pred": pred,
        "succ": succ,
        "link_type": kind,
        "lag": lag,
        "release": release,
        "constraint_type": ctype,
        "constraint_day": cday,
        "status_day": status,
        "actual_start": astart,
        "actual_finish": afinish,
        "remaining": remaining,
    }
    group = compute_schedule(Network(**base))
    project_of = [r.project_id for r in sel]
    if len(by_id) > 1:
        # Each project's floats against its own finish; the group run gives the portfolio view.
        own_finish: dict[int, int] = defaultdict(int)
        for k, pid in enumerate(project_of):
            own_finish[pid] = max(own_finish[pid], int(group.ef[k]))
        cap = np.array([own_finish[pid] for pid in project_of], np.int64)
        plan = compute_schedule(Network(**base, lf_cap=cap))
    else:
        plan = group
    delays = np.array([max(0, r.leveling_delay) for r in sel], np.int64)
    if delays.any():
        leveled = compute_schedule(Network(**{**base, "release": np.maximum(release, plan.es + delays)}))
        start_idx, finish_idx = leveled.es, leveled.ef
    else:
        start_idx, finish_idx = plan.es, plan.ef
    out = _to_rows(calendar, origin, n, leaf_rows, plan, start_idx, finish_idx, parent, rows)
    result = GroupSchedule(calendar, origin, task_ids, [r.project_id for r in rows], leaf, out)
    finish_dates: dict[int, date | None] = dict.fromkeys(by_id)
    for i, pid in enumerate(result.project_of):
        f = out["finish"][i]
        if parent[i] < 0 and (finish_dates[pid] is None or f > finish_dates[pid]):
            finish_dates[pid] = f
    result.project_finish = finish_dates
    result.group_critical = [task_ids[leaf_rows[k]] for k in np.flatnonzero(group.critical)]
    return result


def _to_rows(
    calendar: WorkCalendar,
    origin: date,
    n: int,
    leaf_rows: list[int],
    plan: Schedule,
    start_idx: npt.NDArray[np.int64],
    finish_idx: npt.NDArray[np.int64],
    parent: npt.NDArray[np.int64],
    rows: Sequence[Any],
) -> dict[str, list[Any]]:
    """Per-task output columns (all tasks, summaries rolled up), as Python values."""

    def full(values: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        arr = np.zeros(n, np.int64)
        arr[leaf_rows] = values
        return arr

    finished = np.zeros(n, np.bool_)
    finished[[i for i in range(n) if rows[i].actual_finish is not None]] = True
    up = rollup_summaries(
        parent, full(plan.es), full(plan.ef), full(plan.ls), full(plan.lf), full(plan.total_float), finished
    )
    sched = rollup_summaries(
        parent, full(start_idx), full(finish_idx), full(start_idx), full(finish_idx), full(plan.total_float)
    )
    free = full(plan.free_float)
    free[up.is_summary] = up.total_float[up.is_summary]
    dates = {
        "early_start": calendar.start_dates(up.es, origin),
        "early_finish": calendar.finish_dates(up.ef, origin),
        "late_start": calendar.start_dates(up.ls, origin),
        "late_finish": calendar.finish_dates(up.lf, origin),
        "start": calendar.start_dates(sched.es, origin),
        "finish": calendar.finish_dates(sched.ef, origin),
    }
    # A milestone (no work) is shown on the day its predecessors finish: date(t - 1).
    milestone = np.array([rows[i].duration == 0 for i in range(n)], np.bool_) & ~up.is_summary
    for name, idx in (("early_start", up.es), ("late_start", up.ls), ("start", sched.es)):
        dates[name] = np.where(milestone, calendar.milestone_dates(idx, origin), dates[name])
    out: dict[str, list[Any]] = {k: v.astype(object).tolist() for k, v in dates.items()}
    out["total_float"] = up.total_float.tolist()
    out["free_float"] = free.tolist()
    out["critical"] = up.critical.tolist()
    return out


async def reschedule(session: AsyncSession, project_ids: Iterable[int]) -> list[GroupSchedule]:
    """Recompute and store the schedules of ``project_ids`` and of every project linked to them."""
    pending = set(project_ids)
    results = []
    while pending:
        group_ids = await linked_group(session, {pending.pop()})
        pending -= group_ids
        projects = list((await session.execute(select(Project).where(col(Project.id).in_(group_ids)))).scalars())
        if not projects:
            continue
        result = await compute_group(session, projects)
        await _store(session, result, projects)
        results.append(result)
    return results


async def _store(session: AsyncSession, result: GroupSchedule, projects: Sequence[Project]) -> None:
    stored = {
        r.id: r
        for r in (await session.execute(select_columns(*_TASK_COLUMNS).where(col(Task.id).in_(result.task_ids)))).all()
    }
    changes = []
    for i, task_id in enumerate(result.task_ids):
        new = {name: result.values[name][i] for name in _OUTPUTS}
        old = stored[task_id]
        if any(getattr(old, k) != v for k, v in new.items()):
            changes.append({"id": task_id, **new})
    if changes:
        await session.execute(update(Task), changes)
        identity = session.sync_session.identity_map
        for change in changes:
            obj = identity.get(session.sync_session.identity_key(Task, change["id"]))
            if obj is not None:
                for name in _OUTPUTS:
                    set_committed_value(obj, name, change[name])
    for project in projects:
        finish = result.project_finish.get(project.id or 0)
        if project.finish_date != finish:
            await session.execute(update(Project).where(col(Project.id) == project.id).values(finish_date=finish))
            set_committed_value(project, "finish_date", finish)


async def after_change(work: Work) -> None:
    """The ``Work`` step that keeps schedules current."""
    if work.reschedule:
        await reschedule(work.session, work.reschedule)
