"""Read-only snapshots of projects for governance, built from the database as it stands inside
the current transaction (after the change and the reschedule)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select as select_columns
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, func, select

from domain.base.ids import to_global_id
from domain.entities import (
    Assignment,
    Baseline,
    BaselineTask,
    CustomRule,
    Dependency,
    Portfolio,
    Project,
    Risk,
    RuleConfig,
    Task,
    User,
)
from domain.governance.core.enums import PmoType, Severity
from domain.governance.core.rules import ExpressionRuleDefinition, PortfolioRules, RuleOverride
from domain.governance.core.snapshots import (
    DependencySnapshot,
    ProjectSnapshot,
    ResourceOverAllocation,
    RiskSnapshot,
    TaskSnapshot,
)


async def portfolios_rules(session: AsyncSession, portfolio_ids: Iterable[int]) -> dict[int, PortfolioRules]:
    """The stored governance configuration of each portfolio, in two statements."""
    ids = sorted(set(portfolio_ids))
    overrides: dict[int, list[RuleOverride]] = defaultdict(list)
    custom: dict[int, list[ExpressionRuleDefinition]] = defaultdict(list)
    if ids:
        for r in (
            await session.execute(
                select(RuleConfig).where(col(RuleConfig.portfolio_id).in_(ids)).order_by(col(RuleConfig.id))
            )
        ).scalars():
            overrides[r.portfolio_id].append(
                RuleOverride(r.rule_id, r.enabled, Severity(r.severity) if r.severity else None, dict(r.parameters))
            )
        for c in (
            await session.execute(
                select(CustomRule).where(col(CustomRule.portfolio_id).in_(ids)).order_by(col(CustomRule.id))
            )
        ).scalars():
            custom[c.portfolio_id].append(
                ExpressionRuleDefinition(
                    c.rule_id, c.applies_to, c.expression, Severity(c.severity), c.message, c.enabled
                )
            )
    return {pid: PortfolioRules(overrides=tuple(overrides[pid]), expression_rules=tuple(custom[pid])) for pid in ids}


async def portfolio_rules(session: AsyncSession, portfolio_id: int) -> PortfolioRules:
    return (await portfolios_rules(session, [portfolio_id]))[portfolio_id]


_TASK_COLUMNS = tuple(
    col(c)
    for c in (
        Task.id,
        Task.project_id,
        Task.parent_id,
        Task.name,
        Task.duration,
        Task.milestone,
        Task.early_start,
        Task.early_finish,
        Task.late_start,
        Task.late_finish,
        Task.start,
        Task.finish,
        Task.total_float,
        Task.free_float,
        Task.critical,
        Task.constraint_type,
        Task.constraint_date,
        Task.percent_complete,
        Task.actual_start,
        Task.actual_finish,
    )
)
_DEPENDENCY_COLUMNS = tuple(
    col(c) for c in (Dependency.id, Dependency.predecessor_id, Dependency.successor_id, Dependency.type, Dependency.lag)
)


Planned = tuple[date, date]
"""A task's start and finish in the project's active baseline."""


@dataclass
class SnapshotParts:
    """A project's snapshot with what it was assembled from, so that a change can be patched
    into it (``domain/governance/snapshots/patch.py``) instead of rebuilding it whole."""

    snapshot: ProjectSnapshot
    tasks: dict[int, TaskSnapshot]  # by task ID, in ID order
    parent_of: dict[int, int | None]
    plan: Mapping[int | None, Planned]
    assignment_counts: Mapping[int, int]
    in_links: Mapping[int, int]
    out_links: Mapping[int, int]
    over_tasks: frozenset[int]  # the project's tasks flagged over-allocated


def task_snapshot(
    row: Sequence[Any],
    is_summary: bool,
    planned: Planned | None,
    assignments: int,
    over_allocated: bool,
    predecessors: int,
    successors: int,
) -> TaskSnapshot:
    """One task from its row (``_TASK_COLUMNS``); the one place both full builds and patches
    make them, so a patched snapshot cannot differ from a fresh one in how a task is read."""
    # Unpacked by position: attribute access on rows costs more than the rest of the snapshot.
    (
        tid,
        _project,
        _parent,
        name,
        duration,
        milestone,
        es,
        ef,
        ls,
        lf,
        start,
        finish,
        total_float,
        free_float,
        critical,
        constraint_type,
        constraint_date,
        percent,
        actual_start,
        actual_finish,
    ) = row
    return TaskSnapshot(
        to_global_id("Task", tid),
        name,
        duration,
        milestone,
        is_summary,
        es,
        ef,
        ls,
        lf,
        start,
        finish,
        total_float,
        free_float,
        critical,
        constraint_type,
        constraint_date,
        percent,
        actual_start,
        actual_finish,
        planned[0] if planned else None,
        planned[1] if planned else None,
        assignments,
        over_allocated,
        predecessors,
        successors,
    )


def dependency_snapshot(row: Sequence[Any]) -> DependencySnapshot:
    did, pred, succ, kind, lag = row
    return DependencySnapshot(
        to_global_id("Dependency", did), to_global_id("Task", pred), to_global_id("Task", succ), kind, lag
    )


def risk_snapshot(r: Risk) -> RiskSnapshot:
    return RiskSnapshot(
        id=to_global_id("Risk", r.id or 0),
        title=r.title,
        probability=r.probability,
        impact=r.impact,
        owner=r.owner,
        mitigation=r.mitigation,
        status=r.status,
    )


async def task_rows(session: AsyncSession, task_ids: Sequence[int]) -> list[Any]:
    """The snapshot columns of some tasks, in ID order."""
    conn = await session.connection()
    return list(
        await conn.execute(select_columns(*_TASK_COLUMNS).where(col(Task.id).in_(task_ids)).order_by(col(Task.id)))
    )


async def project_risks(session: AsyncSession, pids: Sequence[int]) -> dict[int, list[Risk]]:
    risks: dict[int, list[Risk]] = defaultdict(list)
    for r in (
        await session.execute(select(Risk).where(col(Risk.project_id).in_(pids)).order_by(col(Risk.id)))
    ).scalars():
        risks[r.project_id].append(r)
    return risks


async def project_managers(session: AsyncSession, projects: Sequence[Project]) -> dict[int | None, str]:
    manager_ids = sorted({p.manager_id for p in projects if p.manager_id is not None})
    if not manager_ids:
        return {}
    return {u.id: u.name for u in (await session.execute(select(User).where(col(User.id).in_(manager_ids)))).scalars()}


def project_snapshot(
    project: Project,
    portfolio: Portfolio,
    manager: str | None,
    plan: Mapping[int | None, Planned],
    tasks: tuple[TaskSnapshot, ...],
    dependencies: tuple[DependencySnapshot, ...],
    risks: tuple[RiskSnapshot, ...],
    over_allocations: tuple[ResourceOverAllocation, ...],
) -> ProjectSnapshot:
    return ProjectSnapshot(
        id=to_global_id("Project", project.id or 0),
        key=project.key,
        name=project.name,
        phase=project.phase,
        pmo_type=PmoType(portfolio.pmo_type),
        methodology=portfolio.methodology,
        start_date=project.start_date,
        portfolio_id=to_global_id("Portfolio", project.portfolio_id),
        program_id=to_global_id("Program", project.program_id) if project.program_id else None,
        description=project.description,
        objectives=project.objectives,
        scope=project.scope,
        manager=manager,
        budget=project.budget,
        revenue=project.revenue,
        currency=portfolio.currency,
        priority=project.priority,
        status_date=project.status_date,
        finish_date=project.finish_date,
        baseline_finish=max((finish for _, finish in plan.values()), default=None),
        tasks=tasks,
        dependencies=dependencies,
        risks=risks,
        over_allocations=over_allocations,
    )


async def project_snapshots(
    session: AsyncSession,
    projects: Sequence[Project],
    over_allocations: Mapping[int, tuple[ResourceOverAllocation, ...]] | None = None,
    over_allocated_tasks: frozenset[int] = frozenset(),
) -> dict[int, ProjectSnapshot]:
    """Snapshots of several projects by project ID, in a fixed number of statements (batched
    by project, so ``Project.violations`` over a list of projects does not grow with it)."""
    parts = await project_parts(session, projects, over_allocations, over_allocated_tasks)
    return {pid: p.snapshot for pid, p in parts.items()}


async def project_parts(
    session: AsyncSession,
    projects: Sequence[Project],
    over_allocations: Mapping[int, tuple[ResourceOverAllocation, ...]] | None = None,
    over_allocated_tasks: frozenset[int] = frozenset(),
) -> dict[int, SnapshotParts]:
    """``project_snapshots`` with the parts each snapshot was built from."""
    pids = sorted({p.id for p in projects if p.id is not None})
    if not pids:
        return {}
    portfolios = {
        p.id: p
        for p in (
            await session.execute(
                select(Portfolio).where(col(Portfolio.id).in_(sorted({p.portfolio_id for p in projects})))
            )
        ).scalars()
    }
    task_ids = select(Task.id).where(col(Task.project_id).in_(pids))
    # Plain rows, not ORM objects: a snapshot is taken on every change, and building thousands
    # of tracked objects would cost more than the rules that read them.
    tasks: dict[int, list[Any]] = defaultdict(list)
    # Through the connection: the ORM's result machinery is pure overhead for plain columns.
    conn = await session.connection()
    for t in await conn.execute(
        select_columns(*_TASK_COLUMNS).where(col(Task.project_id).in_(pids)).order_by(col(Task.id))
    ):
        tasks[int(t[1])].append(t)  # type: ignore[arg-type]  # column 1 is project_id
    deps = list(
        await conn.execute(
            select_columns(*_DEPENDENCY_COLUMNS)
            .where(col(Dependency.successor_id).in_(task_ids))
            .order_by(col(Dependency.id))
        )
    )
    out_links = Counter(
        (
            await session.execute(select(Dependency.predecessor_id).where(col(Dependency.predecessor_id).in_(task_ids)))
        ).scalars()
    )
    in_links = Counter(d[2] for d in deps)
    assignment_counts: dict[int, int] = {
        task_id: int(count)
        for task_id, count in (
            await session.execute(
                select(Assignment.task_id, func.count())
                .where(col(Assignment.task_id).in_(task_ids))
                .group_by(col(Assignment.task_id))
            )
        ).all()
    }
    baselines = {
        b.id: b.project_id
        for b in (
            await session.execute(select(Baseline).where(col(Baseline.project_id).in_(pids), col(Baseline.active)))
        ).scalars()
    }
    planned: dict[int, dict[int | None, Planned]] = defaultdict(dict)
    if baselines:
        for b in (
            await session.execute(select(BaselineTask).where(col(BaselineTask.baseline_id).in_(sorted(baselines))))
        ).scalars():
            planned[baselines[b.baseline_id]][b.task_id] = (b.start, b.finish)
    managers = await project_managers(session, projects)
    risks = await project_risks(session, pids)
    dependencies: dict[int, list[Any]] = defaultdict(list)
    project_of_task = {t[0]: pid for pid, ts in tasks.items() for t in ts}
    for d in deps:
        dependencies[project_of_task[d[2]]].append(d)

    out: dict[int, SnapshotParts] = {}
    for project in projects:
        pid = project.id
        if pid is None or pid in out:
            continue
        own = tasks.get(pid, [])
        parent_of = {t[0]: t[2] for t in own}
        parents = {p for p in parent_of.values() if p is not None}
        plan = planned.get(pid, {})
        own_tasks = {
            t[0]: task_snapshot(
                t,
                t[0] in parents,
                plan.get(t[0]),
                assignment_counts.get(t[0], 0),
                t[0] in over_allocated_tasks,
                in_links.get(t[0], 0),
                out_links.get(t[0], 0),
            )
            for t in own
        }
        out[pid] = SnapshotParts(
            snapshot=project_snapshot(
                project,
                portfolios[project.portfolio_id],
                managers.get(project.manager_id) if project.manager_id else None,
                plan,
                tuple(own_tasks.values()),
                tuple(dependency_snapshot(d) for d in dependencies.get(pid, [])),
                tuple(risk_snapshot(r) for r in risks.get(pid, [])),
                (over_allocations or {}).get(pid, ()),
            ),
            tasks=own_tasks,
            parent_of=parent_of,
            plan=plan,
            assignment_counts={tid: assignment_counts[tid] for tid in parent_of if tid in assignment_counts},
            in_links={tid: in_links[tid] for tid in parent_of if tid in in_links},
            out_links={tid: out_links[tid] for tid in parent_of if tid in out_links},
            over_tasks=frozenset(tid for tid in parent_of if tid in over_allocated_tasks),
        )
    return out
