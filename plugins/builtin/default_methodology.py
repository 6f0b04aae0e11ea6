"""The default methodology: Initiation -> Planning -> Execution -> Closing -> Closed."""

from __future__ import annotations

from domain.governance import GateSpec, Methodology
from governance_rules.dcma import RULES as DCMA_RULES
from plugins.markers import hookimpl

NAME = "Default"

DEFAULT_METHODOLOGY = Methodology(
    name=NAME,
    description="A classic phase-gate lifecycle: initiate, plan, execute, close.",
    phases=("Initiation", "Planning", "Execution", "Closing", "Closed"),
    gates=(
        GateSpec(
            "Planning",
            "Initiation approved: a project manager is named, objectives and scope stated.",
            ("project.manager", "project.objectives", "project.scope"),
        ),
        GateSpec(
            "Execution",
            "Plan baselined: budget set, high risks owned and mitigated, no resource "
            "over-allocated, and the schedule passes the DCMA 14-point assessment.",
            (
                "project.budget",
                "risk.high_risk_owned",
                "resource.overallocation",
                *(rule.id for rule in DCMA_RULES),
            ),
        ),
        GateSpec("Closing", "Work delivered: every task is complete.", ("project.work_complete",)),
        GateSpec("Closed", "Closure accepted: lessons learned and hand-over done."),
    ),
)


@hookimpl(trylast=True)
def pmo_register_methodologies() -> list[Methodology]:
    return [DEFAULT_METHODOLOGY]
