"""Hand-made cases: impossible demands, fixed tasks, calendars, errors, determinism."""

from __future__ import annotations

import pytest

from domain.resources.core import (
    ImpossibleDemand,
    LevelingOptions,
    LevelingProblem,
    Link,
    LinkType,
    Resource,
    Task,
    level,
)

from .checks import assert_valid

OPTIONS = LevelingOptions(time_limit=0.1)


def test_impossible_demand_is_reported_and_leveled_as_the_whole_resource() -> None:
    tasks = (Task(duration=2, demand={0: 3.0}), Task(duration=2, demand={0: 1.0}))
    problem = LevelingProblem(tasks, (), (Resource(2.0),))
    result = level(problem, OPTIONS)
    assert result.impossible == (ImpossibleDemand(task=0, resource=0, demand=3.0, capacity=2.0),)
    # Capped at 2 units, the impossible task still excludes the other one.
    assert sorted(result.starts) == [0, 2]
    assert_valid(problem, result)


def test_fixed_tasks_stay_and_consume_capacity() -> None:
    tasks = (
        Task(duration=3, demand={0: 1.0}, fixed_start=1),
        Task(duration=2, demand={0: 1.0}),
    )
    problem = LevelingProblem(tasks, (), (Resource(1.0),))
    result = level(problem, OPTIONS)
    assert result.starts[0] == 1
    assert result.starts[1] == 4
    assert result.early_start[1] == 0
    assert result.delay == (0, 4)


def test_link_into_a_fixed_task_is_overridden_not_enforced() -> None:
    tasks = (Task(duration=3), Task(duration=2, fixed_start=0))
    problem = LevelingProblem(tasks, (Link(0, 1),), ())
    result = level(problem, OPTIONS)
    assert result.starts == (0, 0)
    assert result.overridden_links == (0,)


def test_holidays_in_the_capacity_profile_are_skipped() -> None:
    tasks = (Task(duration=2, demand={0: 1.0}),)
    problem = LevelingProblem(tasks, (), (Resource(1.0, profile=(1.0, 0.0, 1.0)),))
    result = level(problem, OPTIONS)
    assert result.starts == (2,)


@pytest.mark.parametrize(
    ("link_type", "lag", "expected"),
    [(LinkType.FS, -1, 3), (LinkType.SS, 2, 2), (LinkType.FF, 0, 1), (LinkType.SF, 5, 2)],
)
def test_link_types_with_lags(link_type: LinkType, lag: int, expected: int) -> None:
    tasks = (Task(duration=4), Task(duration=3, release=1))
    problem = LevelingProblem(tasks, (Link(0, 1, link_type, lag),), ())
    result = level(problem, OPTIONS)
    assert result.starts[1] == expected


def test_fractional_units_are_exact() -> None:
    tasks = tuple(Task(duration=1, demand={0: 0.5}) for _ in range(4))
    problem = LevelingProblem(tasks, (), (Resource(1.5),))
    result = level(problem, OPTIONS)
    assert sorted(result.starts) == [0, 0, 0, 1]


def test_cycles_are_rejected() -> None:
    tasks = (Task(duration=1), Task(duration=1))
    problem = LevelingProblem(tasks, (Link(0, 1), Link(1, 0, LinkType.SS, -5)), ())
    with pytest.raises(ValueError, match="cycle"):
        level(problem, OPTIONS)


def test_links_must_name_existing_tasks() -> None:
    problem = LevelingProblem((Task(duration=1),), (Link(0, 3),), ())
    with pytest.raises(ValueError, match="invalid link"):
        level(problem, OPTIONS)


def test_empty_problem() -> None:
    result = level(LevelingProblem(()), OPTIONS)
    assert result.starts == ()
    assert result.makespan == 0
