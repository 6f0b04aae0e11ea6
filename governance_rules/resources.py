"""Resource rules."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from domain.governance.core import Finding, ParameterSpec, Rule, RuleContext
from governance_rules._util import COMPLIANCE


def no_overallocation(ctx: RuleContext) -> Iterator[Finding]:
    project = ctx.project
    # Rules have no clock: "now" is the status date, or the start before any progress.
    first = project.status_date or project.start_date
    last = first + timedelta(days=ctx.integer("horizon_days"))
    for over in project.over_allocations:
        days = sorted(d for d in over.days if first <= d < last)
        if days:
            yield Finding(
                f"Resource {over.resource_name} is over-allocated on {len(days)} days between "
                f"{days[0].isoformat()} and {days[-1].isoformat()}",
                over.resource_id,
            )


RULES: tuple[Rule, ...] = (
    Rule(
        id="resource.overallocation",
        description="No resource working on the project is over-allocated within a horizon.",
        applies_to="resource",
        check=no_overallocation,
        parameters=(
            ParameterSpec(
                "horizon_days",
                "int",
                90,
                "Calendar days from the status date (or start) that are checked.",
                1,
            ),
        ),
        default_severity=COMPLIANCE,
        changes=("assignment.*", "task.*", "resource.*"),
    ),
)
