"""Hypothesis strategies: random portfolios with every link type, lags, releases,
fixed tasks, calendars (capacity profiles) and impossible demands."""

from __future__ import annotations

from hypothesis import strategies as st

from domain.resources.core import LevelingProblem, Link, LinkType, Project, Resource, Task

UNITS = (0.5, 1.0, 2.0, 3.0)


@st.composite
def problems(draw: st.DrawFn, max_tasks: int = 9, max_projects: int = 2) -> LevelingProblem:
    n_res = draw(st.integers(1, 3))
    resources = tuple(
        Resource(
            capacity=draw(st.sampled_from((1.0, 2.0, 2.5))),
            profile=tuple(draw(st.lists(st.sampled_from((0.0, 1.0, 3.0)), max_size=6))),
        )
        for _ in range(n_res)
    )
    n_projects = draw(st.integers(1, max_projects))
    projects = tuple(Project(priority=draw(st.integers(0, 2))) for _ in range(n_projects))
    n = draw(st.integers(1, max_tasks))
    tasks: list[Task] = []
    for _ in range(n):
        demand = draw(st.dictionaries(st.integers(0, n_res - 1), st.sampled_from(UNITS), max_size=n_res))
        fixed = draw(st.one_of(st.none(), st.integers(-2, 6))) if draw(st.booleans()) else None
        tasks.append(
            Task(
                duration=draw(st.integers(0, 4)),
                project=draw(st.integers(0, n_projects - 1)),
                demand=demand,
                release=draw(st.one_of(st.none(), st.integers(0, 6))),
                fixed_start=fixed if draw(st.integers(0, 4)) == 0 else None,
            )
        )
    # Links only from lower to higher index: the network is acyclic, as required.
    pairs = [(a, b) for a in range(n) for b in range(a + 1, n)]
    links = tuple(
        Link(a, b, draw(st.sampled_from(list(LinkType))), draw(st.integers(-3, 3)))
        for a, b in (draw(st.lists(st.sampled_from(pairs), max_size=2 * n, unique=True)) if pairs else [])
    )
    return LevelingProblem(tuple(tasks), links, resources, projects)
