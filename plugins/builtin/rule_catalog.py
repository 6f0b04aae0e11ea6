"""Declares the built-in rule catalog (``governance_rules``) and reports schedule KPIs."""

from __future__ import annotations

from collections.abc import Sequence

from domain.governance import Kpi, ProjectSnapshot, ReportSection, Rule, Severity, Violation
from governance_rules._util import working_days
from governance_rules.catalog import BUILTIN_RULES
from plugins.markers import hookimpl


@hookimpl(trylast=True)
def pmo_declare_rules() -> list[Rule]:
    return list(BUILTIN_RULES)


@hookimpl(trylast=True)
def pmo_report(project: ProjectSnapshot, violations: Sequence[Violation]) -> list[ReportSection]:
    work = [t for t in project.tasks if not t.is_summary]
    late = (
        working_days(project.baseline_finish, project.finish_date)
        if project.finish_date and project.baseline_finish
        else None
    )
    return [
        ReportSection(
            "Schedule",
            kpis=(
                Kpi("Tasks", len(work)),
                Kpi("Complete", sum(1 for t in work if t.complete)),
                Kpi("Critical", sum(1 for t in work if t.critical)),
                Kpi("Finish", project.finish_date.isoformat() if project.finish_date else None),
                Kpi(
                    "Days behind baseline",
                    late,
                    "working days",
                    None if late is None or late <= 0 else Severity.WARNING,
                ),
            ),
        )
    ]
