"""Read-only snapshots of projects for governance, built from the database as it stands inside
the current transaction (after the change and the reschedule)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence

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


async def project_snapshot(
    session: AsyncSession,
    project: Project,
    over_allocations: tuple[ResourceOverAllocation, ...] = (),
    over_allocated_tasks: frozenset[int] = frozenset(),
) -> ProjectSnapshot:
    assert project.id is not None
    found = await project_snapshots(session, [project], {project.id: over_allocations}, over_allocated_tasks)
    return found[project.id]


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
    tasks: dict[int, list[Task]] = defaultdict(list)
    for t in (
        await session.execute(select(Task).where(col(Task.project_id).in_(pids)).order_by(col(Task.id)))
    ).scalars():
        tasks[t.project_id].append(t)
    deps = list(
        (
            await session.execute(
                select(Dependency).where(col(Dependency.successor_id).in_(task_ids)).order_by(col(Dependency.id))
            )
        ).scalars()
    )
    out_links = Counter(
        (
            await session.execute(select(Dependency.predecessor_id).where(col(Dependency.predecessor_id).in_(task_ids)))
        ).scalars()
    )
    in_links = Counter(d.successor_id for d in deps)
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
    dependencies: dict[int, list[Dependency]] = defaultdict(list)
    project_of_task = {t.id: pid for pid, ts in tasks.items() for t in ts}
    for d in deps:
        dependencies[project_of_task[d.successor_id]].append(d)

    def task_snapshot(t: Task, parents: set[int], plan: Mapping[int | None, BaselineTask]) -> TaskSnapshot:
        b = plan.get(t.id)
        return TaskSnapshot(
            id=to_global_id("Task", t.id or 0),
            name=t.name,
            duration=t.duration,
            milestone=t.milestone,
            is_summary=t.id in parents,
            early_start=t.early_start,
            early_finish=t.early_finish,
            late_start=t.late_start,
            late_finish=t.late_finish,
            start=t.start,
            finish=t.finish,
            total_float=t.total_float,
            free_float=t.free_float,
            critical=t.critical,
            constraint_type=t.constraint_type,
            constraint_date=t.constraint_date,
            percent_complete=t.percent_complete,
            actual_start=t.actual_start,
            actual_finish=t.actual_finish,
            baseline_start=b.start if b else None,
            baseline_finish=b.finish if b else None,
            assignment_count=assignment_counts.get(t.id or 0, 0),
            over_allocated=t.id in over_allocated_tasks,
            predecessor_count=in_links.get(t.id or 0, 0),
            successor_count=out_links.get(t.id or 0, 0),
        )

    out: dict[int, ProjectSnapshot] = {}
    for project in projects:
        pid = project.id
        if pid is None or pid in out:
            continue
        portfolio = portfolios[project.portfolio_id]
        own = tasks.get(pid, [])
        parents = {t.parent_id for t in own if t.parent_id is not None}
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
            tasks=tuple(task_snapshot(t, parents, plan) for t in own),
            dependencies=tuple(
                DependencySnapshot(
                    id=to_global_id("Dependency", d.id or 0),
                    predecessor_id=to_global_id("Task", d.predecessor_id),
                    successor_id=to_global_id("Task", d.successor_id),
                    type=d.type,
                    lag=d.lag,
                )
                for d in dependencies.get(pid, [])
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
