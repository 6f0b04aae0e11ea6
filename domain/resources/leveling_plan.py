"""Resource leveling: the scope, and the plan the allocation core solves.

``load_plan`` maps a portfolio (every project) or one project onto the allocation core's
``LevelingProblem``:

* **One time line**: the working days of the portfolio's default calendar, day 0 the earliest
  project start (or earlier recorded start). Dates of projects on other calendars are mapped
  onto it (their own working days are not modelled while leveling; see docs/leveling.md).
* **Tasks**: leaf tasks. Started or finished work (an actual start or finish, or progress) is
  fixed where it is scheduled; so, for project-wide leveling, is every task of the other
  projects (their assignments on shared resources are load the project must fit around).
  A task that can move is released at its unleveled CPM early start (which already honours the
  project start, the status date, constraints and the logic) and lasts its early span.
  Milestones move with their predecessors and carry no delay themselves.
* **Links** between leaf tasks (a link on a summary task stands for links on its leaves),
  with their types and lags; **resources** with their capacity, and a capacity profile (zero on
  days off) when a resource's calendar differs from the default; **projects** with their
  priority (higher = more important).

The core returns a start per task; a movable task's ``levelingDelay`` is the number of working
days of its own project's calendar from its unleveled early start to that start. The schedule
step then recomputes the stored dates with the delays, so ``Task.start``/``finish`` and
``Project.finishDate`` follow.

The solve runs outside any transaction (it takes up to the time limit); applying re-reads the
inputs inside the transaction and refuses with CONFLICT if anything changed meanwhile.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import select as select_columns
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from domain.base.authz import Role, Viewer
from domain.base.errors import DomainError, Validator
from domain.base.records import get_or_404
from domain.entities import Assignment, Calendar, Dependency, Portfolio, Project, Resource, Task
from domain.planning import wbs
from domain.planning.calendars import work_calendar
from domain.planning.core import WorkCalendar
from domain.planning.schedule.load import EPOCH_ORDINAL
from domain.resources.core import (
    LevelingOptions,
    LevelingProblem,
    LevelingResult,
    Link,
    LinkType,
    level,
)
from domain.resources.core import Project as CoreProject
from domain.resources.core import Resource as CoreResource
from domain.resources.core import Task as CoreTask
from domain.resources.leveling_time import RequestClock

MAX_TIME_LIMIT = 60.0
# Longest capacity profile built for a resource on its own calendar (days past it count as working).
MAX_PROFILE_DAYS = 20_000


@dataclass(frozen=True)
class Scope:
    """What is leveled: every project of a portfolio, or one project."""

    portfolio: Portfolio
    project: Project | None

    @property
    def portfolio_id(self) -> int:
        assert self.portfolio.id is not None
        return self.portfolio.id

    def covers(self, project_id: int) -> bool:
        return self.project is None or self.project.id == project_id


def check_input(portfolio_id: int | None, project_id: int | None, time_limit: float | None = None) -> None:
    v = Validator()
    if (portfolio_id is None) == (project_id is None):
        message = "give either portfolioId or projectId" + (", not both" if portfolio_id is not None else "")
        v.add("portfolioId" if portfolio_id is not None else "projectId", message)
    if time_limit is not None and not 0 < time_limit <= MAX_TIME_LIMIT:
        v.add("timeLimitSeconds", f"timeLimitSeconds must be more than 0 and at most {MAX_TIME_LIMIT:g}")
    v.raise_if_any()


async def scope_for(session: AsyncSession, viewer: Viewer, portfolio_id: int | None, project_id: int | None) -> Scope:
    """The scope, if the viewer may level it: PMO staff level a portfolio or any of its projects;
    a project's manager may level that project (other projects stay where they are)."""
    if project_id is not None:
        project = await get_or_404(session, Project, project_id, "projectId")
        viewer.require_project_edit(project.portfolio_id, project.manager_id, "level this project's resources")
        portfolio = await get_or_404(session, Portfolio, project.portfolio_id, "projectId")
        return Scope(portfolio, project)
    assert portfolio_id is not None
    portfolio = await get_or_404(session, Portfolio, portfolio_id, "portfolioId")
    viewer.require(portfolio_id, Role.PMO, "level a portfolio's resources")
    return Scope(portfolio, None)


@dataclass
class Plan:
    """A ``LevelingProblem`` and what its positions stand for."""

    problem: LevelingProblem
    line: WorkCalendar
    origin: date
    task_ids: list[int]
    project_of: list[int]
    movable: list[bool]  # in scope, not started, not a milestone: gets a delay
    early: list[date]  # stored (unleveled) early start
    start: list[date]  # stored start (delay included)
    delay: list[int]  # stored leveling delay
    task_calendar: list[int]  # calendar ID of the task's project
    calendars: dict[int, WorkCalendar]
    project_ids: list[int]  # core project index -> ID
    resource_ids: list[int]  # core resource index -> ID
    finish_dates: dict[int, date | None] = field(default_factory=dict)


_PLAN_TASK_COLUMNS = tuple(
    col(c)
    for c in (
        Task.id,
        Task.project_id,
        Task.parent_id,
        Task.duration,
        Task.milestone,
        Task.percent_complete,
        Task.actual_start,
        Task.actual_finish,
        Task.early_start,
        Task.early_finish,
        Task.start,
        Task.finish,
        Task.leveling_delay,
    )
)


def _day_array(days: Sequence[date]) -> npt.NDArray[np.datetime64]:
    """``np.array(days, "datetime64[D]")``, 50 times faster for thousands of dates."""
    ordinals = np.fromiter((d.toordinal() for d in days), np.int64, len(days))
    return (ordinals - EPOCH_ORDINAL).astype("datetime64[D]")


async def load_plan(session: AsyncSession, scope: Scope) -> Plan:
    """Read the scope's portfolio from the database and build the leveling problem (six statements)."""
    pid = scope.portfolio_id
    projects = list(
        (await session.execute(select(Project).where(Project.portfolio_id == pid).order_by(col(Project.id)))).scalars()
    )
    calendar_rows = list((await session.execute(select(Calendar).where(Calendar.portfolio_id == pid))).scalars())
    default = next(c for c in calendar_rows if c.is_default)
    calendars = {c.id: work_calendar(c) for c in calendar_rows if c.id is not None}
    assert default.id is not None
    line = calendars[default.id]
    project_ids = [p.id for p in projects if p.id is not None]
    conn = await session.connection()
    rows: list[Any] = list(
        await conn.execute(
            select_columns(*_PLAN_TASK_COLUMNS).where(col(Task.project_id).in_(project_ids)).order_by(col(Task.id))
        )
    )
    links: list[Any] = list(
        await conn.execute(
            select_columns(
                col(Dependency.predecessor_id), col(Dependency.successor_id), col(Dependency.type), col(Dependency.lag)
            )
            .join(Task, col(Task.id) == col(Dependency.successor_id))
            .where(col(Task.project_id).in_(project_ids))
            .order_by(col(Dependency.id))
        )
    )
    assignments: list[Any] = list(
        await conn.execute(
            select_columns(col(Assignment.task_id), col(Assignment.resource_id), col(Assignment.units))
            .join(Task, col(Task.id) == col(Assignment.task_id))
            .where(col(Task.project_id).in_(project_ids))
            .order_by(col(Assignment.id))
        )
    )
    resources = list(
        (
            await session.execute(select(Resource).where(Resource.portfolio_id == pid).order_by(col(Resource.id)))
        ).scalars()
    )
    parents = {r[2] for r in rows if r[2] is not None}
    leaves = [r for r in rows if r[0] not in parents and r[10] is not None]
    by_project = {p.id: p for p in projects}
    cal_of_project = {
        p.id: (p.calendar_id if p.calendar_id in calendars else default.id) for p in projects if p.id is not None
    }
    dates = [p.start_date for p in projects] + [r[10] for r in leaves] + [r[8] for r in leaves if r[8] is not None]
    origin = line.origin_day(min(dates)) if dates else line.origin_day(scope.portfolio.created_at.date())

    def idx(days: Sequence[date]) -> list[int]:
        if not days:
            return []
        return [int(i) for i in line.index_of(_day_array(days), origin).tolist()]

    def fidx(days: Sequence[date]) -> list[int]:
        if not days:
            return []
        return [int(i) for i in line.finish_index_of(_day_array(days), origin).tolist()]

    starts = idx([r[10] for r in leaves])
    finishes = fidx([r[11] for r in leaves])
    early = idx([r[8] or r[10] for r in leaves])
    early_finish = fidx([r[9] or r[11] for r in leaves])
    project_start = dict(zip(project_ids, idx([by_project[p].start_date for p in project_ids]), strict=True))
    position = {r[0]: k for k, r in enumerate(leaves)}
    project_index = {p: k for k, p in enumerate(project_ids)}
    resource_index = {r.id: k for k, r in enumerate(resources) if r.id is not None}
    demand: dict[int, dict[int, float]] = defaultdict(dict)
    for task_id, resource_id, units in assignments:
        if task_id in position and resource_id in resource_index:
            demand[position[task_id]][resource_index[resource_id]] = float(units)

    tasks: list[CoreTask] = []
    movable: list[bool] = []
    for k, r in enumerate(leaves):
        _tid, project_id, _parent, duration, milestone, percent, actual_start, actual_finish = r[:8]
        zero = duration == 0 or bool(milestone)
        started = actual_start is not None or actual_finish is not None or percent > 0
        fixed = started or not scope.covers(project_id)
        if fixed:
            span = 0 if zero else max(1, finishes[k] - starts[k])
            tasks.append(CoreTask(span, project_index[project_id], demand.get(k, {}), fixed_start=starts[k]))
        elif zero:
            tasks.append(CoreTask(0, project_index[project_id], {}, release=project_start[project_id]))
        else:
            span = max(1, early_finish[k] - early[k])
            tasks.append(CoreTask(span, project_index[project_id], demand.get(k, {}), release=early[k]))
        movable.append(not fixed and not zero)

    children: dict[int, list[int]] = defaultdict(list)
    for r in rows:
        if r[2] is not None:
            children[r[2]].append(r[0])
    core_links: list[Link] = []
    seen: set[tuple[int, int]] = set()
    for pred, succ, kind, lag in links:
        for a in wbs.leaves(children, pred) if pred in parents else [pred]:
            for b in wbs.leaves(children, succ) if succ in parents else [succ]:
                if a in position and b in position and a != b and (a, b) not in seen:
                    seen.add((a, b))
                    core_links.append(Link(position[a], position[b], LinkType(kind), int(lag)))

    horizon = max([0] + [t.fixed_start + t.duration for t in tasks if t.fixed_start is not None])
    horizon = max([horizon] + [(t.release or 0) for t in tasks]) + sum(
        t.duration for t in tasks if t.fixed_start is None
    )
    horizon = min(horizon + 1, MAX_PROFILE_DAYS)
    line_dates = (
        line.date_of(np.arange(horizon), origin)
        if any(r.calendar_id not in (None, default.id) and r.calendar_id in calendars for r in resources)
        else None
    )
    core_resources: list[CoreResource] = []
    for res in resources:
        cal = calendars.get(res.calendar_id) if res.calendar_id is not None and res.calendar_id != default.id else None
        if cal is None or line_dates is None:
            core_resources.append(CoreResource(res.capacity))
        else:
            works = np.is_busday(
                line_dates,
                weekmask=[d in cal.workdays for d in range(7)],
                holidays=np.array(cal.holidays, "datetime64[D]"),
            )
            core_resources.append(CoreResource(res.capacity, tuple(float(res.capacity) if w else 0.0 for w in works)))

    problem = LevelingProblem(
        tasks=tuple(tasks),
        links=tuple(core_links),
        resources=tuple(core_resources),
        projects=tuple(CoreProject(by_project[p].priority) for p in project_ids),
    )
    return Plan(
        problem=problem,
        line=line,
        origin=origin,
        task_ids=[r[0] for r in leaves],
        project_of=[r[1] for r in leaves],
        movable=movable,
        early=[r[8] or r[10] for r in leaves],
        start=[r[10] for r in leaves],
        delay=[int(r[12]) for r in leaves],
        task_calendar=[cal_of_project[r[1]] for r in leaves],
        calendars=calendars,
        project_ids=project_ids,
        resource_ids=[r.id for r in resources if r.id is not None],
        finish_dates={p.id: p.finish_date for p in projects if p.id is not None},
    )


async def solve(plan: Plan, clock: RequestClock, seed: int) -> LevelingResult:
    """Run the core in a worker thread, with what ``clock`` leaves of the request's limit."""
    limit = clock.search_limit(len(plan.problem.tasks))
    options = LevelingOptions(time_limit=limit, seed=seed, deterministic=clock.deterministic)
    try:
        return await asyncio.to_thread(level, plan.problem, options)
    except ValueError as exc:  # circular logic among the tasks to level
        raise DomainError.single("input", f"cannot level: {exc}") from None
    finally:
        clock.search_done()


def new_delays(plan: Plan, result: LevelingResult) -> dict[int, int]:
    """Per movable task: working days of its project's calendar from its early start to its leveled start."""
    out: dict[int, int] = {}
    by_calendar: dict[int, list[int]] = defaultdict(list)
    for k, ok in enumerate(plan.movable):
        if ok:
            by_calendar[plan.task_calendar[k]].append(k)
    for cid, ks in by_calendar.items():
        cal = plan.calendars[cid]
        leveled = plan.line.date_of(np.array([result.starts[k] for k in ks], np.int64), plan.origin)
        early = _day_array([plan.early[k] for k in ks])
        ref = min(plan.early[k] for k in ks)
        days = cal.index_of(leveled, ref) - cal.index_of(early, ref)
        for k, d in zip(ks, days.tolist(), strict=True):
            out[plan.task_ids[k]] = max(0, int(d))
    return out
