from __future__ import annotations

from dataclasses import replace

import pytest

from domain.governance.core import DependencySnapshot, ProjectSnapshot, TaskSnapshot
from governance_rules.dcma import RULES
from tests.domain.governance.core.factories import sound_project, with_task, workday
from tests.governance_rules.checks import findings, rule

DCMA_IDS = [r.id for r in RULES]


def test_fourteen_checks() -> None:
    assert len(DCMA_IDS) == 14
    assert all(i.startswith("dcma.") for i in DCMA_IDS)


@pytest.mark.parametrize("rule_id", DCMA_IDS)
def test_a_sound_schedule_passes(rule_id: str) -> None:
    assert findings(rule_id, sound_project()) == []


@pytest.mark.parametrize("rule_id", DCMA_IDS)
def test_an_empty_schedule_passes(rule_id: str) -> None:
    assert findings(rule_id, sound_project(tasks=(), dependencies=())) == []


def test_standard_thresholds_are_the_defaults() -> None:
    def default(rule_id: str, name: str) -> object:
        return next(p.default for p in rule(rule_id).parameters if p.name == name)

    assert default("dcma.missing_logic", "max_percent") == 5.0
    assert default("dcma.leads", "max_percent") == 0.0
    assert default("dcma.lags", "max_percent") == 5.0
    assert default("dcma.relationship_types", "min_fs_percent") == 90.0
    assert default("dcma.hard_constraints", "max_percent") == 5.0
    assert default("dcma.high_float", "float_days") == 44
    assert default("dcma.negative_float", "max_percent") == 0.0
    assert default("dcma.high_duration", "duration_days") == 44
    assert default("dcma.invalid_dates", "max_count") == 0
    assert default("dcma.resources", "max_percent") == 0.0
    assert default("dcma.missed_tasks", "max_percent") == 5.0
    assert default("dcma.cpli", "min_index") == 0.95
    assert default("dcma.bei", "min_index") == 0.95


def test_missing_logic() -> None:
    dangling = TaskSnapshot("TX", "Dangling", 3, assignment_count=1)
    project = replace(sound_project(), tasks=(*sound_project().tasks, dangling))
    [finding] = findings("dcma.missing_logic", project)
    assert "1 of 4 tasks" in finding.message and "Dangling" in finding.message
    assert findings("dcma.missing_logic", project, max_percent=30) == []


def test_completed_tasks_do_not_count_for_logic() -> None:
    done = TaskSnapshot("TX", "Done", 3, percent_complete=100)
    project = replace(sound_project(), tasks=(*sound_project().tasks, done))
    assert findings("dcma.missing_logic", project) == []


def _relink(lag: int = 0, type_: str = "FS") -> list[DependencySnapshot]:
    links = list(sound_project().dependencies)
    links[1] = replace(links[1], lag=lag, type=type_)
    return links


def test_leads() -> None:
    project = sound_project(dependencies=tuple(_relink(lag=-2)))
    [finding] = findings("dcma.leads", project)
    assert "Task 1 -> Task 2" in finding.message
    assert findings("dcma.lags", project) == []


def test_lags() -> None:
    project = sound_project(dependencies=tuple(_relink(lag=2)))
    [finding] = findings("dcma.lags", project)
    assert "1 of 4 relationships (25.0 %)" in finding.message
    assert findings("dcma.lags", project, max_percent=25) == []


def test_relationship_types() -> None:
    project = sound_project(dependencies=tuple(_relink(type_="SS")))
    [finding] = findings("dcma.relationship_types", project)
    assert "75.0 %" in finding.message
    assert findings("dcma.relationship_types", project, min_fs_percent=75) == []


@pytest.mark.parametrize(("constraint", "counted"), [("MSO", True), ("FNLT", True), ("SNET", False), (None, False)])
def test_hard_constraints(constraint: str | None, counted: bool) -> None:
    project = with_task(sound_project(), 2, constraint_type=constraint)
    assert bool(findings("dcma.hard_constraints", project)) is counted


def test_hard_constraint_types_are_a_parameter() -> None:
    project = with_task(sound_project(), 2, constraint_type="SNET")
    assert findings("dcma.hard_constraints", project, hard_types=["SNET"])


def test_high_float() -> None:
    project = with_task(sound_project(), 1, total_float=45)
    assert findings("dcma.high_float", project)
    assert findings("dcma.high_float", with_task(sound_project(), 1, total_float=44)) == []
    assert findings("dcma.high_float", project, float_days=60) == []


def test_negative_float() -> None:
    [finding] = findings("dcma.negative_float", with_task(sound_project(), 2, total_float=-1))
    assert "Task 2" in finding.message


def test_high_duration() -> None:
    project = with_task(sound_project(), 3, duration=45)
    assert findings("dcma.high_duration", project)
    assert findings("dcma.high_duration", project, duration_days=45) == []


def test_invalid_dates_need_a_status_date() -> None:
    late_actual = with_task(sound_project(), 1, actual_start=workday(5))
    assert findings("dcma.invalid_dates", late_actual) == []
    assert findings("dcma.invalid_dates", replace(late_actual, status_date=workday(2)))


def test_forecast_in_the_past_is_invalid() -> None:
    # Task 1 was planned to start on day 0; at day 3 it has no actual start.
    project = sound_project(status_date=workday(3))
    [finding] = findings("dcma.invalid_dates", project)
    assert "Task 1" in finding.message
    assert findings("dcma.invalid_dates", project, max_count=5) == []


def test_resources() -> None:
    project = with_task(sound_project(), 2, assignment_count=0)
    [finding] = findings("dcma.resources", project)
    assert "Task 2" in finding.message


def _progressed(done: bool) -> ProjectSnapshot:
    # Status at day 10: Task 1 (baseline finish day 4) is due.
    project = sound_project(status_date=workday(10))
    if done:
        return with_task(project, 1, actual_start=workday(0), actual_finish=workday(4), percent_complete=100)
    return with_task(project, 1, actual_start=workday(0), finish=workday(12), percent_complete=60)


def test_missed_tasks() -> None:
    project = _progressed(done=False)
    [finding] = findings("dcma.missed_tasks", project)
    assert "Task 1" in finding.message
    assert findings("dcma.missed_tasks", _progressed(done=True)) == []


def test_bei() -> None:
    [finding] = findings("dcma.bei", _progressed(done=False))
    assert "BEI 0.00" in finding.message
    assert findings("dcma.bei", _progressed(done=True)) == []
    assert findings("dcma.bei", _progressed(done=False), min_index=0) == []


def test_cpli_against_the_baseline_finish() -> None:
    project = sound_project(baseline_finish=workday(14))  # forecast finish is day 19
    [finding] = findings("dcma.cpli", project)
    assert "CPLI 0.75" in finding.message
    assert findings("dcma.cpli", project, min_index=0.7) == []


def test_cpli_from_critical_float_without_baseline() -> None:
    project = with_task(sound_project(baseline_finish=None), 2, total_float=-10)
    assert findings("dcma.cpli", project)


def test_critical_path_broken() -> None:
    [finding] = findings("dcma.critical_path_test", with_task(sound_project(), 2, critical=False))
    assert "broken" in finding.message


def test_no_critical_path() -> None:
    project = sound_project()
    project = replace(project, tasks=tuple(replace(t, critical=False) for t in project.tasks))
    [finding] = findings("dcma.critical_path_test", project)
    assert "no critical path" in finding.message


def test_critical_path_must_reach_the_finish() -> None:
    project = with_task(sound_project(), 4, critical=False)  # the finish milestone
    project = with_task(project, 3, finish=workday(15))  # Task 3 no longer ends the project
    [finding] = findings("dcma.critical_path_test", project)
    assert "finish date" in finding.message
