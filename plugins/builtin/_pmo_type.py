"""What the three PMO-type plugins share: their default rule set and a report section."""

from __future__ import annotations

from collections.abc import Sequence

from domain.governance import Kpi, PmoType, ReportSection, RuleSetEntry, Severity, Violation
from governance_rules.rule_sets import load_default_rule_set


def default_rules(mine: PmoType, asked: PmoType) -> tuple[RuleSetEntry, ...] | None:
    return load_default_rule_set(mine) if asked is mine else None


def governance_section(pmo_type: PmoType, violations: Sequence[Violation]) -> ReportSection:
    def count(severity: Severity) -> int:
        return sum(1 for v in violations if v.severity is severity)

    blocking = count(Severity.BLOCKING)
    return ReportSection(
        f"Governance ({pmo_type.value.lower()} PMO)",
        kpis=(
            Kpi("Blocking findings", blocking, status=Severity.BLOCKING if blocking else None),
            Kpi("Warnings", count(Severity.WARNING)),
            Kpi("Notes", count(Severity.INFO)),
        ),
        lines=tuple(f"[{v.severity.value}] {v.rule_id}: {v.message}" for v in violations),
    )
