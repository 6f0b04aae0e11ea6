"""Read-only snapshots of projects for governance, built from the database as it stands inside
the current transaction (after the change and the reschedule)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import select as select_columns
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, func, select

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
from domain.governance.enums import PmoType, Severity
from domain.governance.rules import ExpressionRuleDefinition, PortfolioRules, RuleOverride
from domain.governance.snapshots import (
    DependencySnapshot,
    ProjectSnapshot,
    ResourceOverAllocation,
    RiskSnapshot,
    TaskSnapshot,
)
from domain.ids import to_global_id


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


async def project_snapshots(
    session: AsyncSession,
    projects: Sequence[Project],
    over_allocations: Mapping[int, tuple[ResourceOverAllocation, ...]] | None = None,
    over_allocated_tasks: frozenset[int] = frozenset(),
) -> dict[int, ProjectSnapshot]:
    """Snapshots of several projects by project ID, in a fixed number of statements (batched
    by project, so ``Project.violations`` over a list of projects does not grow with it)."""
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
    planned: dict[int, dict[int | None, BaselineTask]] = defaultdict(dict)
    if baselines:
        for b in (
            await session.execute(select(BaselineTask).where(col(BaselineTask.baseline_id).in_(sorted(baselines))))
        ).scalars():
            planned[baselines[b.baseline_id]][b.task_id] = b
    manager_ids = sorted({p.manager_id for p in projects if p.manager_id is not None})
    managers: dict[int | None, str] = {}
    if manager_ids:
        managers = {
            u.id: u.name for u in (await session.execute(select(User).where(col(User.id).in_(manager_ids)))).scalars()
        }
    risks: dict[int, list[Risk]] = defaultdict(list)
    for r in (
        await session.execute(select(Risk).where(col(Risk.project_id).in_(pids)).order_by(col(Risk.id)))
    ).scalars():
        risks[r.project_id].append(r)
    dependencies: dict[int, list[Any]] = defaultdict(list)
    project_of_task = {t[0]: pid for pid, ts in tasks.items() for t in ts}
    for d in deps:
        dependencies[project_of_task[d[2]]].append(d)

    def task_snapshots(
        own: Sequence[Any], parents: set[int], plan: Mapping[int | None, BaselineTask]
    ) -> tuple[TaskSnapshot, ...]:
        # Unpacked by position: attribute access on rows costs more than the rest of the snapshot.
        out = []
        for (
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
        ) in own:
            b = plan.get(tid)
            out.append(
                TaskSnapshot(
                    to_global_id("Task", tid),
                    name,
                    duration,
                    milestone,
                    tid in parents,
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
                    b.start if b else None,
                    b.finish if b else None,
                    assignment_counts.get(tid, 0),
                    tid in over_allocated_tasks,
                    in_links.get(tid, 0),
                    out_links.get(tid, 0),
                )
            )
        return tuple(out)

    out: dict[int, ProjectSnapshot] = {}
    for project in projects:
        pid = project.id
        if pid is None or pid in out:
            continue
        portfolio = portfolios[project.portfolio_id]
        own = tasks.get(pid, [])
        parents = {t[2] for t in own if t[2] is not None}
        plan = planned.get(pid, {})
        out[pid] = ProjectSnapshot(
            id=to_global_id("Project", pid),
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
            manager=managers.get(project.manager_id) if project.manager_id else None,
            budget=project.budget,
            revenue=project.revenue,
            priority=project.priority,
            status_date=project.status_date,
            finish_date=project.finish_date,
            baseline_finish=max((b.finish for b in plan.values()), default=None),
            tasks=task_snapshots(own, parents, plan),
            dependencies=tuple(
                DependencySnapshot(
                    to_global_id("Dependency", did), to_global_id("Task", pred), to_global_id("Task", succ), kind, lag
                )
                for did, pred, succ, kind, lag in dependencies.get(pid, [])
            ),
            risks=tuple(
                RiskSnapshot(
                    id=to_global_id("Risk", r.id or 0),
                    title=r.title,
                    probability=r.probability,
                    impact=r.impact,
                    owner=r.owner,
                    mitigation=r.mitigation,
                    status=r.status,
                )
                for r in risks.get(pid, [])
            ),
            over_allocations=(over_allocations or {}).get(pid, ()),
        )
    return out
