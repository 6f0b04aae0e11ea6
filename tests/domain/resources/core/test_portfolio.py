"""Portfolio leveling: the search is steered by the sum of project finishes (docs/leveling.md)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from domain.resources.core import LevelingOptions, LevelingProblem, Link, Project, Resource, Task, level
from domain.resources.core.search.compiled import compile_problem
from domain.resources.core.search.decoder import Decoder
from domain.resources.core.search.objective import objective
from domain.resources.core.search.rules import portfolio_rule_keys

from .checks import assert_valid
from .strategies import problems

DETERMINISTIC = LevelingOptions(time_limit=0.05, deterministic=True)


def _chains(lengths: tuple[int, ...]) -> LevelingProblem:
    """One project per length: a chain of that many 1-day tasks, all on the one person."""
    tasks: list[Task] = []
    links: list[Link] = []
    for p, length in enumerate(lengths):
        first = len(tasks)
        tasks += [Task(duration=1, project=p, demand={0: 1.0}) for _ in range(length)]
        links += [Link(first + k, first + k + 1) for k in range(length - 1)]
    return LevelingProblem(tuple(tasks), tuple(links), (Resource(1.0),), tuple(Project() for _ in lengths))


def _rule_objective(problem: LevelingProblem) -> tuple[int, ...]:
    c = compile_problem(problem)
    return objective(c, Decoder(c).forward(portfolio_rule_keys(c)))


def test_projects_sharing_one_person_run_shortest_first() -> None:
    """Sum of finishes on one person is smallest when whole projects run shortest first
    (Smith's rule): 2 + 7 + 16 = 25, whatever order the projects were created in."""
    for lengths in ((9, 2, 5), (2, 5, 9), (5, 9, 2)):
        result = level(_chains(lengths), DETERMINISTIC)
        assert result.objective[0] == 25
        assert sorted(result.project_finish) == [2, 7, 16]
        assert result.project_finish[lengths.index(2)] == 2


def test_the_search_beats_the_one_pass_rule_where_interleaving_hurts() -> None:
    problem = _chains((6, 6, 6, 6))
    rule = _rule_objective(problem)
    result = level(problem, DETERMINISTIC)
    assert result.objective[0] == 6 + 12 + 18 + 24 < rule[0]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems(max_tasks=12, max_projects=4))
def test_never_worse_than_the_portfolio_rule(problem: LevelingProblem) -> None:
    result = level(problem, LevelingOptions(time_limit=0.05))
    assert_valid(problem, result)
    assert result.objective <= _rule_objective(problem)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems(max_tasks=12, max_projects=4))
def test_deterministic_portfolio_leveling_repeats(problem: LevelingProblem) -> None:
    assert level(problem, DETERMINISTIC) == level(problem, DETERMINISTIC)
