"""The ``Work`` step that runs governance on every change before it commits.

Validation rules see each touched project as it would be committed. A BLOCKING violation
refuses the change (the transaction rolls back and the payload carries the violations);
WARNING and INFO findings let it commit and come back with the payload.
"""

from __future__ import annotations

from sqlmodel import col, select

from domain.entities import Project
from domain.errors import ErrorCode, FieldProblem, Refused
from domain.governance.enums import Severity
from domain.governance.outcomes import Violation
from domain.governance.port import GovernancePort
from domain.governance.snapshots import Change
from domain.services.snapshots import portfolio_rules, project_snapshot
from domain.services.work import AfterChange, Work


def change_of(work: Work) -> Change:
    """The change as rules see it: the first event the work recorded (its main subject)."""
    if not work.events:
        return Change(kind="unknown")
    event = work.events[0]
    data = event.data or {}
    return Change(
        kind=event.kind, subject_id=event.subject_id, before=data.get("before") or {}, after=data.get("after") or {}
    )


def refusal(violations: list[Violation]) -> Refused:
    blocking = [v for v in violations if v.severity == Severity.BLOCKING]
    problems = [
        FieldProblem(("governance", v.rule_id), f"{v.rule_id}: {v.message}", ErrorCode.GOVERNANCE) for v in blocking
    ]
    return Refused(problems, violations)


def make_governance_step(governance: GovernancePort) -> AfterChange:
    async def step(work: Work) -> None:
        if not work.touched_projects:
            return
        change = change_of(work)
        projects = (
            await work.session.execute(select(Project).where(col(Project.id).in_(sorted(work.touched_projects))))
        ).scalars()
        found: list[Violation] = []
        for project in projects:
            snapshot = await project_snapshot(work.session, project)
            rules = await portfolio_rules(work.session, project.portfolio_id)
            found.extend(governance.validate(snapshot, change, rules))
        if any(v.severity == Severity.BLOCKING for v in found):
            raise refusal(found)
        work.findings.extend(found)

    return step
