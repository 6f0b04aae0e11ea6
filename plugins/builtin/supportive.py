"""The supportive PMO: advisory. Its default rule set only warns and informs, so nothing is
blocked and gates pass; findings come back with the change for the team to act on."""

from __future__ import annotations

from collections.abc import Sequence

from domain.governance import PmoType, ProjectSnapshot, ReportSection, RuleSetEntry, Violation
from plugins.builtin._pmo_type import default_rules, governance_section
from plugins.markers import hookimpl

PMO_TYPE = PmoType.SUPPORTIVE


@hookimpl(trylast=True)
def pmo_default_rules(pmo_type: PmoType) -> tuple[RuleSetEntry, ...] | None:
    return default_rules(PMO_TYPE, pmo_type)


@hookimpl(trylast=True)
def pmo_report(project: ProjectSnapshot, violations: Sequence[Violation]) -> list[ReportSection] | None:
    if project.pmo_type is not PMO_TYPE:
        return None
    return [governance_section(PMO_TYPE, violations)]
