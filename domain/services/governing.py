"""The ``Work`` step that runs governance on every change before it commits.

Validation rules see each touched project as it would be committed. A BLOCKING violation
refuses the change (the transaction rolls back and the payload carries the violations);
WARNING and INFO findings let it commit and come back with the payload.

A change is refused for what it breaks, not for what was broken before: when a BLOCKING
violation turns up, the project's state before the change (the committed state, read on a
separate read session) is passed to ``validate`` as ``previous``, so a violation that was
already there is reported as a WARNING. The common case (nothing blocking) loads one
snapshot per touched project and no more.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from domain.entities import Portfolio, Project
from domain.errors import ErrorCode, FieldProblem, Refused
from domain.governance.enums import PmoType, Severity
from domain.governance.outcomes import Violation
from domain.governance.port import GovernancePort
from domain.governance.rules import PortfolioRules
from domain.governance.snapshots import Change, ProjectSnapshot
from domain.services.governed_snapshots import governed_snapshots
from domain.services.snapshots import portfolios_rules
from domain.services.work import AfterChange, Work

Reader = Callable[[], AsyncSession]


def change_of(work: Work) -> Change:
    """The change as rules see it: the first event the work recorded (its main subject)."""
    if not work.events:
        return Change(kind="unknown")
    event = work.events[0]
    data = event.data or {}
    return Change(
        kind=event.kind, subject_id=event.subject_id, before=data.get("before") or {}, after=data.get("after") or {}
    )


def refusal(violations: Iterable[Violation]) -> Refused:
    found = list(violations)
    problems = [
        FieldProblem(("governance", v.rule_id), f"{v.rule_id}: {v.message}", ErrorCode.GOVERNANCE)
        for v in found
        if v.severity == Severity.BLOCKING
    ]
    return Refused(problems, found)


async def _committed(
    reader: Reader, governance: GovernancePort, project_ids: list[int], rules: dict[int, PortfolioRules]
) -> dict[int, ProjectSnapshot]:
    """The projects as last committed: the state before this change."""
    async with reader() as session:
        rows = list((await session.execute(select(Project).where(col(Project.id).in_(project_ids)))).scalars())
        return await governed_snapshots(session, governance, rows, rules)


def make_governance_step(governance: GovernancePort, reader: Reader | None = None) -> AfterChange:
    """``reader`` opens a session outside the change's transaction; without one, violations
    that were already there before the change are not told apart (they block too)."""

    async def step(work: Work) -> None:
        if not work.touched_projects:
            return
        change = change_of(work)
        projects = list(
            (
                await work.session.execute(select(Project).where(col(Project.id).in_(sorted(work.touched_projects))))
            ).scalars()
        )
        rules = await portfolios_rules(work.session, {p.portfolio_id for p in projects})
        portfolios = {
            row.id: row
            for row in (
                await work.session.execute(
                    select(Portfolio).where(col(Portfolio.id).in_({p.portfolio_id for p in projects}))
                )
            ).scalars()
        }
        projects = [
            p
            for p in projects
            if governance.validates(
                PmoType(portfolios[p.portfolio_id].pmo_type),
                portfolios[p.portfolio_id].methodology,
                p.phase,
                change.kind,
                rules[p.portfolio_id],
            )
        ]
        if not projects:
            return
        snapshots = await governed_snapshots(work.session, governance, projects, rules)
        found: dict[int, list[Violation]] = {}
        for project in projects:
            assert project.id is not None
            found[project.id] = governance.validate(snapshots[project.id], change, rules[project.portfolio_id])
        blocked = [p for p in projects if any(v.blocking for v in found[p.id or 0])]
        if blocked and reader is not None:
            before = await _committed(reader, governance, [p.id or 0 for p in blocked], rules)
            for project in blocked:
                assert project.id is not None
                if project.id in before:
                    found[project.id] = governance.validate(
                        snapshots[project.id], change, rules[project.portfolio_id], previous=before[project.id]
                    )
        violations = [v for vs in found.values() for v in vs]
        if any(v.blocking for v in violations):
            raise refusal(violations)
        work.findings.extend(violations)

    return step
