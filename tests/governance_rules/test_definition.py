from __future__ import annotations

from decimal import Decimal

import pytest

from tests.domain.governance.core.factories import sound_project, with_task
from tests.governance_rules.checks import findings


@pytest.mark.parametrize("rule_id", ["project.manager", "project.objectives", "project.scope", "project.budget"])
def test_a_defined_project_passes(rule_id: str) -> None:
    assert findings(rule_id, sound_project()) == []


@pytest.mark.parametrize("manager", [None, "", "   "])
def test_manager(manager: str | None) -> None:
    [finding] = findings("project.manager", sound_project(manager=manager))
    assert finding.subject_id == "P1"
    assert "manager" in finding.message


def test_objectives_and_scope() -> None:
    assert findings("project.objectives", sound_project(objectives=" "))
    assert findings("project.scope", sound_project(scope=""))
    assert findings("project.scope", sound_project(scope="short"), min_length=10)


@pytest.mark.parametrize(("budget", "bad"), [(None, True), (Decimal(0), True), (Decimal("0.01"), False)])
def test_budget(budget: Decimal | None, bad: bool) -> None:
    assert bool(findings("project.budget", sound_project(budget=budget))) is bad


def test_budget_minimum() -> None:
    assert findings("project.budget", sound_project(budget=Decimal("500.00")), minimum=1000)


def test_work_complete() -> None:
    [finding] = findings("project.work_complete", sound_project())
    assert "5 tasks are not complete" in finding.message
    project = sound_project()
    for i in range(len(project.tasks)):
        project = with_task(project, i, percent_complete=100)
    assert findings("project.work_complete", project) == []
