"""Resource leveling over the stored schedule (``levelResources``, ``clearLeveling``): solve the
plan (``leveling_plan``) outside any transaction, then preview or apply its delays inside one.

Applying re-reads the inputs inside the transaction and refuses with CONFLICT if anything
changed meanwhile; a preview runs the same transaction and rolls it back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import bindparam, update
from sqlalchemy import select as select_columns
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from domain.base.errors import DomainError, ErrorCode
from domain.base.ids import to_global_id
from domain.base.work import Work
from domain.base.write_log import ROWS
from domain.entities import Portfolio, Project, Task
from domain.planning import schedule
from domain.resources.core import (
    LevelingResult,
)
from domain.resources.leveling_plan import (
    Plan,
    Scope,
    check_input,
    load_plan,
    new_delays,
    scope_for,
)
from domain.resources.load import daily_load

_TASKS = Task.__table__  # type: ignore[attr-defined]
_SET_DELAY = (
    update(_TASKS)
    .where(_TASKS.c.id == bindparam("pk"))
    .values(leveling_delay=bindparam("delay"), version=_TASKS.c.version + 1)
    .execution_options(**{ROWS: "pk"})  # for the write log (domain/base/write_log.py)
)


@dataclass(frozen=True)
class TaskMove:
    task_id: int
    old_start: date
    new_start: date
    old_finish: date
    new_finish: date
    old_delay: int
    delay: int


@dataclass(frozen=True)
class ProjectFinish:
    project_id: int
    before: date | None
    after: date | None


@dataclass(frozen=True)
class OverAllocated:
    resource_id: int
    days: tuple[date, ...]


@dataclass(frozen=True)
class Impossible:
    task_id: int
    resource_id: int
    demand: float
    capacity: float


@dataclass
class LevelingReport:
    applied: bool
    tasks: list[TaskMove]
    projects: list[ProjectFinish]
    over_before: list[OverAllocated]
    over_after: list[OverAllocated]
    impossible: list[Impossible]
    proven_optimal: bool

    @property
    def finish_before(self) -> date | None:
        return max((p.before for p in self.projects if p.before is not None), default=None)

    @property
    def finish_after(self) -> date | None:
        return max((p.after for p in self.projects if p.after is not None), default=None)


class Previewed(Exception):
    """Raised inside the transaction of a preview to roll it back, carrying the report."""

    def __init__(self, report: LevelingReport) -> None:
        super().__init__("preview")
        self.report = report


async def _task_dates(session: AsyncSession, task_ids: list[int]) -> dict[int, tuple[date, date, int]]:
    conn = await session.connection()
    found: dict[int, tuple[date, date, int]] = {}
    row: Any
    for row in await conn.execute(
        select_columns(col(Task.id), col(Task.start), col(Task.finish), col(Task.leveling_delay)).where(
            col(Task.id).in_(task_ids)
        )
    ):
        tid, start, finish, delay = row
        found[int(tid)] = (start, finish, int(delay))
    return found


async def _finishes(session: AsyncSession, project_ids: list[int]) -> dict[int, date | None]:
    conn = await session.connection()
    rows = await conn.execute(
        select_columns(col(Project.id), col(Project.finish_date)).where(col(Project.id).in_(project_ids))
    )
    return {int(pid or 0): finish for pid, finish in rows}


async def _over_allocations(session: AsyncSession, portfolio_id: int, first: date, last: date) -> list[OverAllocated]:
    load = await daily_load(session, [portfolio_id], first, max(first, last))
    out = []
    for r, res in enumerate(load.resources):
        days = load.over_dates(r)
        if days and res.id is not None:
            out.append(OverAllocated(res.id, tuple(days)))
    return out


async def _write_delays(session: AsyncSession, delays: dict[int, int]) -> None:
    if delays:
        conn = await session.connection()
        await conn.execute(_SET_DELAY, [{"pk": tid, "delay": d} for tid, d in sorted(delays.items())])


def _scope_projects(plan: Plan, scope: Scope) -> list[int]:
    return [p for p in plan.project_ids if scope.covers(p)]


async def level_resources(
    work: Work, scope: Scope, plan: Plan, result: LevelingResult, *, apply: bool
) -> LevelingReport:
    """Store the leveled delays in the change's transaction (or, for a preview, compute what
    they would do and raise ``Previewed`` so the transaction rolls back)."""
    session = work.session
    current = await load_plan(session, scope)
    if current.problem != plan.problem or current.task_ids != plan.task_ids:
        raise DomainError.single(
            "input",
            "the schedule or the assignments changed while leveling; level again",
            ErrorCode.CONFLICT,
        )
    delays = new_delays(plan, result)
    in_scope = [tid for k, tid in enumerate(plan.task_ids) if plan.movable[k]]
    old_delay = dict(zip(plan.task_ids, plan.delay, strict=True))
    changed = {tid: d for tid, d in delays.items() if d != old_delay[tid]}
    projects = _scope_projects(plan, scope)
    before_dates = await _task_dates(session, in_scope)
    before_finish = await _finishes(session, projects)
    last_before = max([d[1] for d in before_dates.values()] + [plan.origin])
    over_before = await _over_allocations(session, scope.portfolio_id, plan.origin, last_before)
    await _write_delays(session, changed)
    await schedule.reschedule(session, projects)
    after_dates = await _task_dates(session, in_scope)
    after_finish = await _finishes(session, projects)
    last_after = max([d[1] for d in after_dates.values()] + [plan.origin])
    over_after = await _over_allocations(session, scope.portfolio_id, plan.origin, last_after)
    report = LevelingReport(
        applied=apply,
        tasks=[
            TaskMove(tid, b[0], a[0], b[1], a[1], b[2], a[2])
            for tid in in_scope
            for b, a in [(before_dates[tid], after_dates[tid])]
            if b != a
        ],
        projects=[ProjectFinish(p, before_finish.get(p), after_finish.get(p)) for p in projects],
        over_before=over_before,
        over_after=over_after,
        impossible=[
            Impossible(plan.task_ids[i.task], plan.resource_ids[i.resource], i.demand, i.capacity)
            for i in result.impossible
            if scope.covers(plan.project_of[i.task])
        ],
        proven_optimal=result.proven_optimal,
    )
    if not apply:
        raise Previewed(report)
    subject: Portfolio | Project = scope.project if scope.project is not None else scope.portfolio
    work.record(
        "resource.leveled",
        subject,
        scope.portfolio_id,
        before={"delays": {to_global_id("Task", t): old_delay[t] for t in sorted(changed)}},
        after=_summary(scope, report, {to_global_id("Task", t): d for t, d in sorted(changed.items())}),
    )
    # Rescheduled above already (the report reads the new dates): not again in the after-change step.
    work.touched_projects.update(projects)
    return report


def _summary(scope: Scope, report: LevelingReport, delays: dict[str, int]) -> dict[str, Any]:
    return {
        "scope": "project" if scope.project is not None else "portfolio",
        "delays": delays,
        "tasksMoved": len(report.tasks),
        "finishBefore": report.finish_before.isoformat() if report.finish_before else None,
        "finishAfter": report.finish_after.isoformat() if report.finish_after else None,
        "overallocatedDaysBefore": sum(len(o.days) for o in report.over_before),
        "overallocatedDaysAfter": sum(len(o.days) for o in report.over_after),
    }


async def clear_leveling(work: Work, portfolio_id: int | None, project_id: int | None) -> tuple[Scope, list[int]]:
    """Reset every leveling delay in the scope to 0; returns the scope and the tasks cleared."""
    check_input(portfolio_id, project_id)
    scope = await scope_for(work.session, work.viewer, portfolio_id, project_id)
    if scope.project is not None:
        projects = [scope.project.id or 0]
    else:
        projects = list(
            (await work.session.execute(select(Project.id).where(Project.portfolio_id == scope.portfolio_id))).scalars()
        )
    conn = await work.session.connection()
    cleared = {
        int(tid or 0): int(delay)
        for tid, delay in await conn.execute(
            select_columns(col(Task.id), col(Task.leveling_delay)).where(
                col(Task.project_id).in_(projects), col(Task.leveling_delay) != 0
            )
        )
    }
    await _write_delays(work.session, dict.fromkeys(cleared, 0))
    subject: Portfolio | Project = scope.project if scope.project is not None else scope.portfolio
    work.record(
        "resource.leveling_cleared",
        subject,
        scope.portfolio_id,
        before={"delays": {to_global_id("Task", t): d for t, d in sorted(cleared.items())}},
        after={"scope": "project" if scope.project is not None else "portfolio", "tasksCleared": len(cleared)},
    )
    work.reschedule.update(projects)
    work.touched_projects.update(projects)
    return scope, sorted(cleared)
