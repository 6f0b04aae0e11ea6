from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from domain.resources.core import LevelingOptions, LevelingProblem, level

from .checks import assert_valid
from .strategies import problems

FAST = LevelingOptions(time_limit=0.03)
# Large enough a budget that CP-SAT runs (its model costs fit the budget).
WITH_CP_SAT = LevelingOptions(time_limit=0.3)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_every_link_and_capacity_holds(problem: LevelingProblem) -> None:
    assert_valid(problem, level(problem, FAST))


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems(max_tasks=12))
def test_valid_after_cp_sat(problem: LevelingProblem) -> None:
    assert_valid(problem, level(problem, WITH_CP_SAT))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_heuristic_alone_is_valid(problem: LevelingProblem) -> None:
    assert_valid(problem, level(problem, LevelingOptions(time_limit=0.02, use_cp_sat=False)))


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems(max_tasks=12))
def test_same_seed_and_budget_give_the_same_result(problem: LevelingProblem) -> None:
    options = LevelingOptions(time_limit=0.3, seed=7, deterministic=True)
    assert level(problem, options) == level(problem, options)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_never_worse_than_the_unleveled_bound_says(problem: LevelingProblem) -> None:
    result = level(problem, FAST)
    assert result.makespan >= result.lower_bound or result.impossible or _has_fixed(problem)
    assert all(d >= 0 for d in result.delay)


def _has_fixed(problem: LevelingProblem) -> bool:
    return any(t.fixed_start is not None for t in problem.tasks)
