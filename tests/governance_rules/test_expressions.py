from __future__ import annotations

import pytest

from domain.governance.core import ExpressionRuleDefinition, RuleContext, Severity
from governance_rules.expressions import (
    MAX_LENGTH,
    ExpressionError,
    check_definition,
    evaluate,
    expression_rule,
    project_view,
)
from tests.domain.governance.core.factories import sound_project, with_task


def _define(expression: str, applies_to: str = "project", rule_id: str = "custom.rule") -> ExpressionRuleDefinition:
    return ExpressionRuleDefinition(rule_id, applies_to, expression, Severity.WARNING, "Nope")


def test_view_figures() -> None:
    view = project_view(sound_project(status_date=None))
    assert view["budget"] == 100_000.0 and view["has_budget"]
    assert view["phase"] == "Initiation"
    assert view["pmo_type"] == "CONTROLLING"
    assert view["task_count"] == 5 and view["milestone_count"] == 2
    assert view["critical_task_count"] == 5
    assert view["finish_date"] == "2025-01-31"
    assert view["duration_days"] == 20
    assert view["days_late"] == 0
    assert view["max_risk_score"] == pytest.approx(2.4)
    assert view["status_date"] == ""
    assert view["tasks"][1]["name"] == "Task 1"


def test_absent_values_have_flags() -> None:
    view = project_view(sound_project(budget=None, manager=None))
    assert view["budget"] == 0.0 and not view["has_budget"]
    assert view["manager"] == "" and not view["has_manager"]


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("project.budget <= 150000.0", True),
        ("project.budget > 150000.0", False),
        ("project.finish_date <= '2025-02-28'", True),
        ("project.tasks.all(t, t.total_float >= 0)", True),
        ("project.risks.exists(r, r.score >= 2.0 && r.owner == '')", False),
        ("project.critical_task_count < project.task_count", False),
        ("project.phase in ['Initiation', 'Planning']", True),
    ],
)
def test_evaluate(expression: str, expected: bool) -> None:
    assert evaluate(expression, {"project": project_view(sound_project())}) is expected


def test_project_rule_fires() -> None:
    rule = expression_rule(_define("project.budget <= 50000.0"))
    [finding] = rule.check(RuleContext(sound_project(), {}))
    assert finding.message == "Nope"
    assert finding.subject_id == "P1"


def test_task_rule_fires_per_task() -> None:
    rule = expression_rule(_define("task.duration <= 5", applies_to="task"))
    [finding] = rule.check(RuleContext(sound_project(), {}))
    assert finding.subject_id == "T2"
    assert finding.message == "Nope (Task 2)"


def test_risk_and_dependency_rules() -> None:
    risk_rule = expression_rule(_define("risk.probability < 0.5", applies_to="risk"))
    assert [f.subject_id for f in risk_rule.check(RuleContext(sound_project(), {}))] == ["R1"]
    dep_rule = expression_rule(_define("dependency.type == 'FS'", applies_to="dependency"))
    assert list(dep_rule.check(RuleContext(sound_project(), {}))) == []


def test_expression_rule_defaults() -> None:
    rule = expression_rule(_define("true"))
    assert rule.changes == ("*",) and rule.gates == ("*",)
    assert set(rule.default_severity.values()) == {Severity.WARNING}


def test_run_time_failure_raises_expression_error() -> None:
    rule = expression_rule(_define("1 / (project.task_count - 5) == 1"))
    with pytest.raises(ExpressionError, match="divide by zero"):
        list(rule.check(RuleContext(sound_project(), {})))


def test_float_may_be_negative_in_a_task_rule() -> None:
    rule = expression_rule(_define("task.total_float >= 0", applies_to="task"))
    project = with_task(sound_project(), 2, total_float=-3)
    assert [f.subject_id for f in rule.check(RuleContext(project, {}))] == ["T2"]


def test_a_valid_definition_has_no_problems() -> None:
    assert check_definition(_define("project.budget > 0.0")) == []
    assert check_definition(_define("task.critical || task.total_float > 2", "task")) == []


@pytest.mark.parametrize(
    ("definition", "field", "text"),
    [
        (_define("project.budget >"), "expression", "invalid expression"),
        (_define("__import__('os').system('true')"), "expression", "undeclared reference"),
        (_define("project.budjet > 1.0"), "expression", "budjet"),
        (_define("undefined > 1"), "expression", "undeclared reference"),
        (_define("project.budget"), "expression", "not a boolean"),
        (_define("task.duration < 3"), "expression", "task"),  # no task in a project rule
        (_define(""), "expression", "empty"),
        (_define("true || " * MAX_LENGTH + "true"), "expression", "longer than"),
        (_define("true", applies_to="portfolio"), "appliesTo", "one of"),
        (_define("true", rule_id="Bad Id"), "ruleId", "dotted lower-case"),
        (ExpressionRuleDefinition("custom.x", "project", "true", Severity.INFO, " "), "message", "empty"),
    ],
)
def test_invalid_definitions_are_refused(definition: ExpressionRuleDefinition, field: str, text: str) -> None:
    problems = check_definition(definition)
    assert problems, definition
    assert any(p.field == (field,) and text in p.message for p in problems), problems
