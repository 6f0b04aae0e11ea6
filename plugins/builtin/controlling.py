"""The controlling PMO: compliance. Its default rule set makes definition, risk and key
schedule rules BLOCKING at the gates the methodology puts them on and for the changes they
govern; the engine refuses a change or denies a gate with a BLOCKING violation."""

from __future__ import annotations

from collections.abc import Sequence

from domain.governance import PmoType, ProjectSnapshot, ReportSection, RuleSetEntry, Violation
from plugins.builtin._pmo_type import default_rules, governance_section
from plugins.markers import hookimpl

PMO_TYPE = PmoType.CONTROLLING


@hookimpl(trylast=True)
def pmo_default_rules(pmo_type: PmoType) -> tuple[RuleSetEntry, ...] | None:
    return default_rules(PMO_TYPE, pmo_type)


@hookimpl(trylast=True)
def pmo_report(project: ProjectSnapshot, violations: Sequence[Violation]) -> list[ReportSection] | None:
    if project.pmo_type is not PMO_TYPE:
        return None
    return [governance_section(PMO_TYPE, violations)]
