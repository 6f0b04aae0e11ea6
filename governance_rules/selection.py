"""Which configured rules run for a change, a phase gate, or an assessment.

A rule tied to gates (by the methodology's ``GateSpec.requires`` or the rule set's ``gates``)
is checked when a project asks to enter one of those phases, and is a standing requirement
once the project has passed the earliest of them: from then on it is part of the project's
assessment, and changes it governs are validated against it. A rule tied to no gate is
standing from the start. ``*`` in ``gates`` means every gate, and ties the rule to none in
particular.
"""

from __future__ import annotations

from collections.abc import Iterable
from fnmatch import fnmatchcase

from domain.governance.core import ConfiguredRule, Methodology

EVERY = "*"


def gate_phases(rule: ConfiguredRule, methodology: Methodology | None) -> set[str]:
    phases = {p for p in rule.gates if p != EVERY}
    if methodology is not None:
        phases.update(g.to_phase for g in methodology.gates if rule.rule_id in g.requires)
    return phases


def in_force(rule: ConfiguredRule, phase: str, methodology: Methodology | None) -> bool:
    """Whether an enabled rule is a standing requirement for a project in ``phase``."""
    if not rule.enabled:
        return False
    phases = gate_phases(rule, methodology)
    if not phases:
        return True
    if methodology is None or (here := methodology.position(phase)) is None:
        # Without a known lifecycle position we cannot tell which gates were passed;
        # checking is the safe side.
        return True
    return any((methodology.position(p) or 0) <= here for p in phases)


def for_assessment(
    rules: Iterable[ConfiguredRule], phase: str, methodology: Methodology | None
) -> list[ConfiguredRule]:
    return [r for r in rules if in_force(r, phase, methodology)]


def for_change(
    rules: Iterable[ConfiguredRule],
    change_kind: str,
    phase: str,
    methodology: Methodology | None,
) -> list[ConfiguredRule]:
    return [
        r
        for r in rules
        if in_force(r, phase, methodology) and any(fnmatchcase(change_kind, pattern) for pattern in r.changes)
    ]


def for_gate(rules: Iterable[ConfiguredRule], to_phase: str, methodology: Methodology | None) -> list[ConfiguredRule]:
    return [r for r in rules if r.enabled and (EVERY in r.gates or to_phase in gate_phases(r, methodology))]
