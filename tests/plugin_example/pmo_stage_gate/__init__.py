"""The Stage-Gate methodology (Cooper) as a pmo-engine plugin.

The module itself is the plugin: the engine registers it under its entry-point name and
calls the functions marked with ``hookimpl``.
"""

from __future__ import annotations

from collections.abc import Iterator

from domain.governance import (
    Finding,
    GateSpec,
    Methodology,
    ParameterSpec,
    PmoType,
    Rule,
    RuleContext,
    RuleSetEntry,
    Severity,
)
from plugins import hookimpl

STAGE_GATE = Methodology(
    name="Stage-Gate",
    description="Cooper's Stage-Gate: each stage ends with a go/kill gate.",
    phases=("Discovery", "Scoping", "Business Case", "Development", "Testing", "Launch", "Review"),
    gates=(
        GateSpec("Scoping", "Idea screen: someone owns the idea.", ("project.manager",)),
        GateSpec(
            "Business Case", "Second screen: objectives and scope stated.", ("project.objectives", "project.scope")
        ),
        GateSpec(
            "Development",
            "Go to development: the business case holds.",
            ("project.budget", "stage_gate.business_case", "risk.high_risk_owned"),
        ),
        GateSpec("Testing", "Go to testing."),
        GateSpec("Launch", "Go to launch: the work is done.", ("project.work_complete",)),
        GateSpec("Review", "Post-launch review."),
    ),
)


def business_case(ctx: RuleContext) -> Iterator[Finding]:
    project = ctx.project
    # Rules are installed for every portfolio; this one only means something in Stage-Gate.
    if project.methodology != STAGE_GATE.name:
        return
    ratio = ctx.number("min_return_ratio")
    needed = float(project.budget or 0) * ratio  # amounts are exact Decimals; the ratio a float
    if float(project.revenue or 0) < needed:
        yield Finding(
            f"Expected revenue {project.revenue or 0.0:g} does not cover {ratio:g} x the budget ({needed:g})",
            project.id,
        )


BUSINESS_CASE = Rule(
    id="stage_gate.business_case",
    description="Expected revenue covers the budget times a minimum return ratio.",
    applies_to="project",
    check=business_case,
    parameters=(
        ParameterSpec("min_return_ratio", "float", 1.0, "Revenue must be at least budget times this.", minimum=0),
    ),
    default_severity={
        PmoType.SUPPORTIVE: Severity.WARNING,
        PmoType.CONTROLLING: Severity.BLOCKING,
        PmoType.DIRECTIVE: Severity.BLOCKING,
    },
    changes=("project.*",),
)


@hookimpl
def pmo_register_methodologies() -> list[Methodology]:
    return [STAGE_GATE]


@hookimpl
def pmo_declare_rules() -> list[Rule]:
    return [BUSINESS_CASE]


@hookimpl
def pmo_default_rules(pmo_type: PmoType) -> list[RuleSetEntry] | None:
    # Directive PMOs of this organisation want a 20 % margin.
    if pmo_type is PmoType.DIRECTIVE:
        return [RuleSetEntry("stage_gate.business_case", parameters={"min_return_ratio": 1.2})]
    return None
