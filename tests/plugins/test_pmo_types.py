"""The same deficient project under each PMO type."""

from __future__ import annotations

from dataclasses import replace

from domain.governance.core import (
    Change,
    GateOutcome,
    PmoType,
    PortfolioRules,
    RuleOverride,
    Severity,
)
from plugins import Governance
from tests.domain.governance.core.factories import deficient_project, sound_project

NONE = PortfolioRules()


def test_supportive_allows_with_warnings(governance: Governance) -> None:
    project = deficient_project(pmo_type=PmoType.SUPPORTIVE)
    decision = governance.gate(project, "Initiation", "Planning", NONE)
    assert decision.outcome is GateOutcome.ALLOW
    assert {v.rule_id for v in decision.violations} == {"project.manager", "project.objectives"}
    assert all(v.severity is Severity.WARNING for v in decision.violations)


def test_controlling_denies_with_the_violations(governance: Governance) -> None:
    project = deficient_project(pmo_type=PmoType.CONTROLLING)
    decision = governance.gate(project, "Initiation", "Planning", NONE)
    assert decision.outcome is GateOutcome.DENY
    assert {v.rule_id for v in decision.violations} == {"project.manager", "project.objectives"}
    assert any(r.startswith("project.manager: ") for r in decision.reasons)
    fixed = replace(project, manager="Ada", objectives="Ship it")
    assert governance.gate(fixed, "Initiation", "Planning", NONE).outcome is GateOutcome.ALLOW


def test_directive_denies_until_fixed_then_requires_approval(governance: Governance) -> None:
    project = deficient_project(pmo_type=PmoType.DIRECTIVE)
    denied = governance.gate(project, "Initiation", "Planning", NONE)
    assert denied.outcome is GateOutcome.DENY
    assert not any("approve" in r for r in denied.reasons)  # the denial is about the rules
    fixed = replace(project, manager="Ada", objectives="Ship it")
    decision = governance.gate(fixed, "Initiation", "Planning", NONE)
    assert decision.outcome is GateOutcome.REQUIRE_APPROVAL
    assert decision.reasons == ("The PMO must approve the move of ALPHA from Initiation to Planning",)


def test_overriding_severity_changes_the_outcome(governance: Governance) -> None:
    project = deficient_project(pmo_type=PmoType.CONTROLLING)
    relaxed = PortfolioRules(
        overrides=(
            RuleOverride("project.manager", severity=Severity.WARNING),
            RuleOverride("project.objectives", severity=Severity.INFO),
        )
    )
    decision = governance.gate(project, "Initiation", "Planning", relaxed)
    assert decision.outcome is GateOutcome.ALLOW
    assert len(decision.violations) == 2
    strict = PortfolioRules(overrides=(RuleOverride("project.manager", severity=Severity.BLOCKING),))
    supportive = deficient_project(pmo_type=PmoType.SUPPORTIVE)
    assert governance.gate(supportive, "Initiation", "Planning", strict).outcome is (GateOutcome.DENY)


def test_disabling_a_rule_changes_the_outcome(governance: Governance) -> None:
    project = deficient_project(pmo_type=PmoType.CONTROLLING)
    rules = PortfolioRules(
        overrides=(RuleOverride("project.manager", enabled=False), RuleOverride("project.objectives", enabled=False))
    )
    decision = governance.gate(project, "Initiation", "Planning", rules)
    assert decision.outcome is GateOutcome.ALLOW
    assert decision.violations == ()


def test_controlling_blocks_a_change_that_breaks_a_passed_gate(governance: Governance) -> None:
    before = sound_project(phase="Planning")
    after = replace(before, manager=None)
    change = Change("project.updated", "P1", before={"manager": "Ada"}, after={"manager": None})
    [violation] = governance.validate(after, change, NONE, previous=before)
    assert violation.rule_id == "project.manager" and violation.blocking
    supportive = replace(after, pmo_type=PmoType.SUPPORTIVE)
    [warning] = governance.validate(supportive, change, NONE)
    assert warning.severity is Severity.WARNING


def test_gate_rules_are_not_enforced_before_their_gate(governance: Governance) -> None:
    project = deficient_project()  # in Initiation: the Planning gate is still ahead
    change = Change("project.updated", "P1")
    assert governance.validate(project, change, NONE) == []


def test_a_change_is_not_blocked_for_what_was_broken_before(governance: Governance) -> None:
    before = deficient_project(phase="Planning")
    after = replace(before, description="new words")
    change = Change("project.updated", "P1")
    violations = governance.validate(after, change, NONE, previous=before)
    assert {v.rule_id for v in violations} == {"project.manager", "project.objectives"}
    assert all(v.severity is Severity.WARNING for v in violations)
    assert all("already so before" in v.message for v in violations)
    assert any(v.blocking for v in governance.validate(after, change, NONE))


def test_assessment_lists_the_standing_findings(governance: Governance) -> None:
    assert governance.assess(deficient_project(), NONE) == []
    findings = governance.assess(deficient_project(phase="Execution"), NONE)
    assert {v.rule_id for v in findings} == {"project.manager", "project.objectives"}


def test_the_execution_gate_runs_the_schedule_checks(governance: Governance) -> None:
    project = sound_project(phase="Planning", budget=None)
    project = replace(project, tasks=tuple(replace(t, critical=False) for t in project.tasks))
    decision = governance.gate(project, "Planning", "Execution", NONE)
    assert decision.outcome is GateOutcome.DENY
    assert {v.rule_id for v in decision.violations} == {"project.budget", "dcma.critical_path_test"}
    sound = sound_project(phase="Planning")
    assert governance.gate(sound, "Planning", "Execution", NONE).outcome is GateOutcome.ALLOW
