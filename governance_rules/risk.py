"""Risk rules."""

from __future__ import annotations

from collections.abc import Iterator

from domain.governance.core import Finding, ParameterSpec, Rule, RuleContext
from governance_rules._util import COMPLIANCE


def high_risks_owned(ctx: RuleContext) -> Iterator[Finding]:
    threshold = ctx.number("min_score")
    closed = {s.upper() for s in ctx.strings("closed_statuses")}
    for risk in ctx.project.risks:
        if risk.status.upper() in closed or risk.score < threshold:
            continue
        missing = [
            what
            for what, value in (("owner", risk.owner), ("mitigation", risk.mitigation))
            if not (value or "").strip()
        ]
        if missing:
            yield Finding(
                f"Risk {risk.title!r} scores {risk.score:.2f} (probability x impact, at or "
                f"above {threshold:g}) and has no {' and no '.join(missing)}",
                risk.id,
            )


RULES: tuple[Rule, ...] = (
    Rule(
        id="risk.high_risk_owned",
        description="Every open risk whose probability x impact reaches a threshold has an owner and a mitigation.",
        applies_to="risk",
        check=high_risks_owned,
        parameters=(
            ParameterSpec(
                "min_score",
                "float",
                2.0,
                "Probability (0..1) x impact (1..5) at or above which a risk is high.",
                0,
                5,
            ),
            ParameterSpec("closed_statuses", "str_list", ("CLOSED",), "Risk statuses that are not open."),
        ),
        default_severity=COMPLIANCE,
        changes=("risk.*",),
    ),
)
