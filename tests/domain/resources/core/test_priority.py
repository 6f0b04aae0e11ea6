"""The objective across projects: lexicographic by priority class (docs/leveling.md)."""

from __future__ import annotations

import pytest

from domain.resources.core import LevelingOptions, LevelingProblem, Link, Project, Resource, Task, level

OPTIONS = LevelingOptions(time_limit=0.2)


def _two_projects(priority_a: int, priority_b: int) -> LevelingProblem:
    """Two chains of two 3-day tasks, every task needing the one full-time person."""
    tasks = tuple(Task(duration=3, project=p, demand={0: 1.0}) for p in (0, 0, 1, 1))
    links = (Link(0, 1), Link(2, 3))
    return LevelingProblem(tasks, links, (Resource(1.0),), (Project(priority_a), Project(priority_b)))


@pytest.mark.parametrize(("high", "low"), [(0, 1), (1, 0)])
def test_high_priority_project_is_not_delayed(high: int, low: int) -> None:
    priorities = [0, 0]
    priorities[high] = 5
    problem = _two_projects(*priorities)
    result = level(problem, OPTIONS)
    assert result.project_finish[high] == 6
    assert result.project_finish[low] == 12
    high_tasks = [j for j, t in enumerate(problem.tasks) if t.project == high]
    assert all(result.delay[j] == 0 for j in high_tasks)
    assert result.objective[:2] == (6, 12)


def test_equal_priorities_minimize_the_sum_of_finishes() -> None:
    """One project of 2 days, one of 8, sharing the person: the short one goes first."""
    tasks = (
        Task(duration=2, project=0, demand={0: 1.0}),
        Task(duration=8, project=1, demand={0: 1.0}),
    )
    problem = LevelingProblem(tasks, (), (Resource(1.0),), (Project(3), Project(3)))
    result = level(problem, OPTIONS)
    assert result.project_finish == (2, 10)
    assert result.objective[0] == 12


def test_low_priority_work_fills_gaps_without_delaying_high_priority() -> None:
    # High priority: 2 days on the person, then 4 days on a machine, then 2 days on the person.
    # Low priority: 3 days on the person fit in the machine gap and must not delay the high one.
    tasks = (
        Task(duration=2, project=0, demand={0: 1.0}),
        Task(duration=4, project=0, demand={1: 1.0}),
        Task(duration=2, project=0, demand={0: 1.0}),
        Task(duration=3, project=1, demand={0: 1.0}),
    )
    links = (Link(0, 1), Link(1, 2))
    problem = LevelingProblem(tasks, links, (Resource(1.0), Resource(1.0)), (Project(9), Project(1)))
    result = level(problem, OPTIONS)
    assert result.project_finish[0] == 8
    assert result.project_finish[1] <= 6
