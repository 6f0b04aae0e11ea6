from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from domain.governance.core import (
    Change,
    ExpressionRuleDefinition,
    Finding,
    GateDecision,
    GateOutcome,
    GovernanceEvent,
    GovernancePort,
    PmoType,
    PortfolioRules,
    ProjectSnapshot,
    ReportSection,
    Rule,
    RuleContext,
    RuleOverride,
    Severity,
    Violation,
)
from plugins import Governance, hookimpl, load_governance
from tests.domain.governance.core.factories import deficient_project, sound_project

NONE = PortfolioRules()


def test_governance_implements_the_port(governance: Governance) -> None:
    port: GovernancePort = governance
    assert port.methodologies()


def test_catalog_lists_every_rule_with_its_source(governance: Governance) -> None:
    catalog = {d.id: d for d in governance.rule_catalog()}
    assert len(catalog) == 21
    lags = catalog["dcma.lags"]
    assert lags.source == "builtin.rule_catalog"
    assert lags.applies_to == "dependency"
    assert lags.parameters_json() == {
        "max_percent": {
            "type": "float",
            "default": 5.0,
            "description": lags.parameters[0].description,
            "minimum": 0,
            "maximum": 100,
        }
    }


def test_default_methodology(governance: Governance) -> None:
    [default] = governance.methodologies()
    assert default.phases == ("Initiation", "Planning", "Execution", "Closing", "Closed")
    planning = default.gate_into("Planning")
    assert planning is not None
    assert set(planning.requires) == {"project.manager", "project.objectives", "project.scope"}


def test_rules_in_force(governance: Governance) -> None:
    rules = PortfolioRules(
        overrides=(RuleOverride("dcma.lags", parameters={"max_percent": 8}),),
        expression_rules=(
            ExpressionRuleDefinition("custom.cap", "project", "project.budget < 1e6", Severity.WARNING, "Too big"),
        ),
    )
    in_force = {r.rule_id: r for r in governance.rules_in_force(PmoType.SUPPORTIVE, rules)}
    assert in_force["dcma.lags"].parameters["max_percent"] == 8.0
    assert in_force["dcma.lags"].severity is Severity.INFO
    assert in_force["custom.cap"].severity is Severity.WARNING


def test_check_override(governance: Governance) -> None:
    assert governance.check_override(RuleOverride("dcma.lags", parameters={"max_percent": 3})) == []
    [unknown] = governance.check_override(RuleOverride("nope"))
    assert unknown.code == "UNKNOWN_RULE" and unknown.field == ("ruleId",)
    [bad] = governance.check_override(RuleOverride("dcma.lags", parameters={"max_percent": -3}))
    assert bad.field == ("parameters", "max_percent")
    custom = ExpressionRuleDefinition("custom.x", "project", "true", Severity.INFO, "m")
    assert governance.check_override(RuleOverride("custom.x", enabled=False), [custom]) == []


def test_check_expression_rule(governance: Governance) -> None:
    ok = ExpressionRuleDefinition("custom.x", "project", "true", Severity.INFO, "m")
    assert governance.check_expression_rule(ok) == []
    taken = replace(ok, rule_id="dcma.lags")
    [problem] = governance.check_expression_rule(taken)
    assert problem.code == "DUPLICATE_RULE_ID" and "builtin.rule_catalog" in problem.message
    [invalid] = governance.check_expression_rule(replace(ok, expression="project.budget >"))
    assert invalid.code == "INVALID_EXPRESSION"


def test_a_custom_expression_rule_fires(governance: Governance) -> None:
    rules = PortfolioRules(
        expression_rules=(
            ExpressionRuleDefinition(
                "custom.budget_cap",
                "project",
                "project.budget <= 50000.0",
                Severity.BLOCKING,
                "Budgets above 50k need a program",
            ),
        )
    )
    project = sound_project(pmo_type=PmoType.SUPPORTIVE)
    [violation] = governance.validate(project, Change("project.updated", "P1"), rules)
    assert violation == Violation("custom.budget_cap", Severity.BLOCKING, "Budgets above 50k need a program", "P1")
    decision = governance.gate(project, "Initiation", "Planning", rules)
    assert decision.outcome is GateOutcome.DENY
    assert governance.assess(project, rules) == [violation]
    disabled = replace(rules, overrides=(RuleOverride("custom.budget_cap", enabled=False),))
    assert governance.validate(project, Change("project.updated", "P1"), disabled) == []


def test_an_expression_that_fails_at_run_time_is_a_violation(governance: Governance) -> None:
    rules = PortfolioRules(
        expression_rules=(
            ExpressionRuleDefinition(
                "custom.ratio", "project", "project.budget / (project.task_count - 5) > 1.0", Severity.WARNING, "m"
            ),
        )
    )
    [violation] = governance.validate(sound_project(), Change("task.created", "T9"), rules)
    assert violation.rule_id == "custom.ratio"
    assert violation.severity is Severity.WARNING
    assert "could not be checked" in violation.message


def _explode(ctx: RuleContext) -> Iterator[Finding]:
    raise ZeroDivisionError("bad math")


class RaisingRule:
    @hookimpl
    def pmo_declare_rules(self) -> list[Rule]:
        return [
            Rule(
                "test.explodes",
                "Always fails",
                "project",
                _explode,
                changes=("*",),
                default_severity=dict.fromkeys(PmoType, Severity.BLOCKING),
            )
        ]


def test_a_rule_that_raises_is_reported_with_its_id() -> None:
    governance = load_governance(load_entry_points=False, plugins=[("boom", RaisingRule())])
    [violation] = governance.validate(sound_project(), Change("task.updated", "T1"), NONE)
    assert violation.rule_id == "test.explodes"
    assert violation.severity is Severity.BLOCKING  # a rule that cannot run does not pass
    assert "ZeroDivisionError: bad math" in violation.message
    assert [v.rule_id for v in governance.assess(sound_project(), NONE)] == ["test.explodes"]


class RaisingHooks:
    @hookimpl
    def pmo_validate(self) -> list[Violation]:
        raise RuntimeError("validate broke")

    @hookimpl
    def pmo_gate(self) -> GateDecision:
        raise RuntimeError("gate broke")

    @hookimpl
    def pmo_report(self) -> list[ReportSection]:
        raise RuntimeError("report broke")

    @hookimpl
    def pmo_on_event(self) -> None:
        raise RuntimeError("event broke")


def test_raising_hooks_are_attributed_not_crashes(caplog: pytest.LogCaptureFixture) -> None:
    governance = load_governance(load_entry_points=False, plugins=[("flaky", RaisingHooks())])
    project = sound_project()
    [violation] = governance.validate(project, Change("task.updated", "T1"), NONE)
    assert violation.rule_id == "plugin:flaky" and violation.blocking
    decision = governance.gate(project, "Initiation", "Planning", NONE)
    assert decision.outcome is GateOutcome.DENY
    assert decision.reasons == ("Plugin flaky failed: RuntimeError: gate broke",)
    sections = governance.report(project, NONE)
    assert any(s.source == "flaky" and "report broke" in s.lines[0] for s in sections)
    governance.on_event(GovernanceEvent("task.updated", "T1", datetime.now(UTC)))
    assert "flaky failed in pmo_on_event" in caplog.text


@pytest.mark.parametrize(
    ("frm", "to", "reason"),
    [
        ("Planning", "Execution", "The project is in Initiation, not Planning"),
        ("Initiation", "Execution", "Execution cannot be entered from Initiation: Planning"),
        ("Initiation", "Initiation", "already in Initiation"),
        ("Initiation", "Launch", "Launch is not a phase of Default"),
    ],
)
def test_lifecycle_violations_are_denied(governance: Governance, frm: str, to: str, reason: str) -> None:
    decision = governance.gate(sound_project(), frm, to, NONE)
    assert decision.outcome is GateOutcome.DENY
    assert reason in decision.reasons[0]


def test_unknown_methodology_is_denied(governance: Governance) -> None:
    project = sound_project(methodology="Agile")
    decision = governance.gate(project, "Initiation", "Planning", NONE)
    assert decision.reasons == ("Unknown methodology 'Agile'",)


def test_moving_back_runs_no_gate_rules(governance: Governance) -> None:
    project = deficient_project(phase="Execution")
    assert governance.gate(project, "Execution", "Planning", NONE).allowed
    directive = replace(project, pmo_type=PmoType.DIRECTIVE)
    assert governance.gate(directive, "Execution", "Planning", NONE).outcome is (GateOutcome.REQUIRE_APPROVAL)


def test_report(governance: Governance) -> None:
    sections = governance.report(deficient_project(phase="Planning"), NONE)
    titles = {s.title: s for s in sections}
    assert set(titles) == {"Schedule", "Governance (controlling PMO)"}
    assert titles["Schedule"].source == "builtin.rule_catalog"
    governance_kpis = {k.name: k.value for k in titles["Governance (controlling PMO)"].kpis}
    assert governance_kpis["Blocking findings"] == 2


def test_a_sound_project_in_execution_has_no_findings(governance: Governance) -> None:
    project: ProjectSnapshot = sound_project(phase="Execution")
    assert governance.assess(project, NONE) == []
