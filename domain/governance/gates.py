"""Phase transitions through gates, and the PMO's decisions on gate requests.

``transition_phase`` asks governance to decide the gate into the next phase: ALLOW moves the
phase, DENY refuses the change with the reasons, REQUIRE_APPROVAL stores a pending
``GateRequest`` that a PMO or admin of the portfolio decides with ``decide_gate``. Approving
checks the gate's blocking rules again on the project as it is then.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import select

from domain.base.authz import Role
from domain.base.errors import DomainError, ErrorCode, FieldProblem, Refused
from domain.base.records import describe, get_or_404
from domain.base.work import Work
from domain.entities import GateRequest, Portfolio, Project
from domain.entities.base import utcnow
from domain.governance.core.enums import GateOutcome
from domain.governance.core.outcomes import GateDecision
from domain.governance.core.port import GovernancePort
from domain.governance.snapshots.build import portfolio_rules
from domain.governance.snapshots.governed import governed_snapshots

PENDING = "PENDING"
APPROVED = "APPROVED"
REJECTED = "REJECTED"


@dataclass(frozen=True)
class GateResult:
    """What a transition or a decision left behind."""

    project: Project
    gate_request: GateRequest | None = None


async def _decide(work: Work, governance: GovernancePort, project: Project, to_phase: str) -> GateDecision:
    assert project.id is not None
    rules = await portfolio_rules(work.session, project.portfolio_id)
    snapshots = await governed_snapshots(work.session, governance, [project], {project.portfolio_id: rules})
    return governance.gate(snapshots[project.id], project.phase, to_phase, rules)


def _denied(decision: GateDecision, field: str) -> Refused:
    reasons = decision.reasons or ("the gate was denied",)
    problems = [FieldProblem((field,), reason, ErrorCode.GOVERNANCE) for reason in reasons]
    return Refused(problems, decision.violations)


def _move(work: Work, project: Project, to_phase: str) -> None:
    before = describe(project)
    project.phase = to_phase
    project.version += 1
    work.record("project.phase_changed", project, project.portfolio_id, before=before)


async def _pending(work: Work, project_id: int) -> GateRequest | None:
    found: GateRequest | None = await work.session.scalar(
        select(GateRequest).where(GateRequest.project_id == project_id, GateRequest.status == PENDING)
    )
    return found


async def transition_phase(work: Work, governance: GovernancePort, project_id: int, to_phase: str) -> GateResult:
    """Ask to move a project into ``to_phase`` (the project's manager, or PMO staff)."""
    project = await get_or_404(work.session, Project, project_id, "projectId", for_update=True)
    work.viewer.require_project_edit(project.portfolio_id, project.manager_id, "move this project to another phase")
    portfolio = await get_or_404(work.session, Portfolio, project.portfolio_id, "projectId")
    phases = work.lifecycle(portfolio.methodology) or ()
    to_phase = to_phase.strip()
    if to_phase not in phases:
        known = ", ".join(phases) or "none installed"
        raise DomainError.single(
            "toPhase", f"{to_phase!r} is not a phase of the methodology {portfolio.methodology} ({known})"
        )
    pending = await _pending(work, project_id)
    if pending is not None:
        raise DomainError.single(
            "projectId",
            f"the move from {pending.from_phase} to {pending.to_phase} is waiting for the PMO's decision; "
            "it must be decided first",
            ErrorCode.CONFLICT,
        )
    decision = await _decide(work, governance, project, to_phase)
    if decision.outcome is GateOutcome.DENY:
        raise _denied(decision, "toPhase")
    work.findings.extend(decision.violations)
    if decision.outcome is GateOutcome.ALLOW:
        _move(work, project, to_phase)
        await work.session.flush()
        return GateResult(project)
    request = GateRequest(
        project_id=project_id,
        from_phase=project.phase,
        to_phase=to_phase,
        reasons=list(decision.reasons),
        requested_by=work.viewer.name,
    )
    work.session.add(request)
    await work.session.flush()
    work.record("gate_request.created", request, project.portfolio_id)
    return GateResult(project, request)


async def decide_gate(
    work: Work, governance: GovernancePort, gate_request_id: int, approve: bool, comment: str | None
) -> GateResult:
    """Approve (the gate's rules are checked again, then the phase moves) or reject a
    pending gate request. Only PMO staff and admins of the portfolio decide."""
    request = await get_or_404(work.session, GateRequest, gate_request_id, "gateRequestId", for_update=True)
    project = await get_or_404(work.session, Project, request.project_id, "gateRequestId", for_update=True)
    work.viewer.require(project.portfolio_id, Role.PMO, "decide a phase gate")
    if request.status != PENDING:
        by = f" by {request.decided_by}" if request.decided_by else ""
        raise DomainError.single(
            "gateRequestId", f"this gate request was already {request.status.lower()}{by}", ErrorCode.CONFLICT
        )
    comment = (comment or "").strip() or None
    before = describe(request)
    if approve:
        if project.phase != request.from_phase:
            raise DomainError.single(
                "gateRequestId",
                f"the project is now in {project.phase}, not {request.from_phase}; reject this request",
                ErrorCode.CONFLICT,
            )
        decision = await _decide(work, governance, project, request.to_phase)
        if decision.outcome is GateOutcome.DENY:
            raise _denied(decision, "gateRequestId")
        work.findings.extend(decision.violations)
        request.status = APPROVED
    else:
        request.status = REJECTED
        request.reasons = [*request.reasons, f"Rejected by {work.viewer.name}" + (f": {comment}" if comment else "")]
    request.decided_by = work.viewer.name
    request.decided_at = utcnow()
    request.comment = comment
    request.version += 1
    await work.session.flush()
    work.record(f"gate_request.{request.status.lower()}", request, project.portfolio_id, before=before)
    if approve:
        _move(work, project, request.to_phase)
        await work.session.flush()
    return GateResult(project, request)
