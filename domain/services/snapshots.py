"""Read-only snapshots of projects for governance, built from the database as it stands inside
the current transaction (after the change and the reschedule)."""

from __future__ import annotations

from collections import Counter

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


async def portfolio_rules(session: AsyncSession, portfolio_id: int) -> PortfolioRules:
    overrides = (await session.execute(select(RuleConfig).where(RuleConfig.portfolio_id == portfolio_id))).scalars()
    custom = (await session.execute(select(CustomRule).where(CustomRule.portfolio_id == portfolio_id))).scalars()
    return PortfolioRules(
        overrides=tuple(
            RuleOverride(r.rule_id, r.enabled, Severity(r.severity) if r.severity else None, dict(r.parameters))
            for r in overrides
        ),
        expression_rules=tuple(
            ExpressionRuleDefinition(r.rule_id, r.applies_to, r.expression, Severity(r.severity), r.message, r.enabled)
            for r in custom
        ),
    )


async def project_snapshot(
    session: AsyncSession,
    project: Project,
    over_allocations: tuple[ResourceOverAllocation, ...] = (),
    over_allocated_tasks: frozenset[int] = frozenset(),
) -> ProjectSnapshot:
    assert project.id is not None
    portfolio = await session.get(Portfolio, project.portfolio_id)
    assert portfolio is not None
    tasks = list(
        (await session.execute(select(Task).where(Task.project_id == project.id).order_by(col(Task.id)))).scalars()
    )
    ids = [t.id for t in tasks]
    deps = list(
        (
            await session.execute(
                select(Dependency).where(col(Dependency.successor_id).in_(ids)).order_by(col(Dependency.id))
            )
        ).scalars()
    )
    out_links = Counter(
        (
            await session.execute(select(Dependency.predecessor_id).where(col(Dependency.predecessor_id).in_(ids)))
        ).scalars()
    )
    in_links = Counter(d.successor_id for d in deps)
    assignment_counts = dict(
        (
            await session.execute(
                select(Assignment.task_id, func.count())
                .where(col(Assignment.task_id).in_(ids))
                .group_by(col(Assignment.task_id))
            )
        ).all()
    )
    parents = {t.parent_id for t in tasks if t.parent_id is not None}
    baseline = await session.scalar(select(Baseline).where(Baseline.project_id == project.id, col(Baseline.active)))
    planned: dict[int | None, BaselineTask] = {}
    if baseline is not None:
        planned = {
            b.task_id: b
            for b in (
                await session.execute(select(BaselineTask).where(BaselineTask.baseline_id == baseline.id))
            ).scalars()
        }
    manager = await session.get(User, project.manager_id) if project.manager_id else None
    risks = (await session.execute(select(Risk).where(Risk.project_id == project.id).order_by(col(Risk.id)))).scalars()

    def task_snapshot(t: Task) -> TaskSnapshot:
        b = planned.get(t.id)
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
            assignment_count=int(assignment_counts.get(t.id or 0, 0)),
            over_allocated=t.id in over_allocated_tasks,
            predecessor_count=in_links.get(t.id or 0, 0),
            successor_count=out_links.get(t.id or 0, 0),
        )

    return ProjectSnapshot(
        id=to_global_id("Project", project.id),
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
        manager=manager.name if manager else None,
        budget=project.budget,
        revenue=project.revenue,
        priority=project.priority,
        status_date=project.status_date,
        finish_date=project.finish_date,
        baseline_finish=max((b.finish for b in planned.values()), default=None),
        tasks=tuple(task_snapshot(t) for t in tasks),
        dependencies=tuple(
            DependencySnapshot(
                id=to_global_id("Dependency", d.id or 0),
                predecessor_id=to_global_id("Task", d.predecessor_id),
                successor_id=to_global_id("Task", d.successor_id),
                type=d.type,
                lag=d.lag,
            )
            for d in deps
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
            for r in risks
        ),
        over_allocations=over_allocations,
    )
