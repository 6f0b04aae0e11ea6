"""The directive PMO: direct control. Rules as strict as controlling (a few more block),
and every phase transition needs the PMO's approval: when no rule blocks, the gate asks for
approval and the service creates a pending gate request for a PMO/admin to decide."""

from __future__ import annotations

from collections.abc import Sequence

from domain.governance import (
    GateDecision,
    PmoType,
    ProjectSnapshot,
    ReportSection,
    RuleSetEntry,
    Violation,
)
from plugins.builtin._pmo_type import default_rules, governance_section
from plugins.markers import hookimpl

PMO_TYPE = PmoType.DIRECTIVE


@hookimpl(trylast=True)
def pmo_default_rules(pmo_type: PmoType) -> tuple[RuleSetEntry, ...] | None:
    return default_rules(PMO_TYPE, pmo_type)


@hookimpl(trylast=True)
def pmo_report(project: ProjectSnapshot, violations: Sequence[Violation]) -> list[ReportSection] | None:
    if project.pmo_type is not PMO_TYPE:
        return None
    return [governance_section(PMO_TYPE, violations)]


@hookimpl(trylast=True)
def pmo_gate(project: ProjectSnapshot, from_phase: str, to_phase: str) -> GateDecision | None:
    if project.pmo_type is not PMO_TYPE:
        return None
    return GateDecision.require_approval(
        f"The PMO must approve the move of {project.key} from {from_phase} to {to_phase}"
    )
