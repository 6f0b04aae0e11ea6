"""Independent checks of a leveling result, written from the model's definitions."""

from __future__ import annotations

from domain.resources.core import LevelingProblem, LevelingResult, Link, LinkType

TOL = 1e-9


def link_holds(problem: LevelingProblem, link: Link, starts: tuple[int, ...]) -> bool:
    sp, ss = starts[link.pred], starts[link.succ]
    dp, ds = problem.tasks[link.pred].duration, problem.tasks[link.succ].duration
    if link.type is LinkType.FS:
        return ss >= sp + dp + link.lag
    if link.type is LinkType.SS:
        return ss >= sp + link.lag
    if link.type is LinkType.FF:
        return ss + ds >= sp + dp + link.lag
    return ss + ds >= sp + link.lag


def assert_valid(problem: LevelingProblem, result: LevelingResult) -> None:
    tasks, starts = problem.tasks, result.starts
    assert len(starts) == len(tasks)
    for j, t in enumerate(tasks):
        if t.fixed_start is not None:
            assert starts[j] == t.fixed_start, f"fixed task {j} moved"
        else:
            assert starts[j] >= max(0, t.release or 0), f"task {j} before its release"
        assert result.delay[j] == starts[j] - result.early_start[j]
    for i, link in enumerate(problem.links):
        holds = link_holds(problem, link, starts)
        if tasks[link.succ].fixed_start is None:
            assert holds, f"link {link} violated"
        else:
            assert holds == (i not in result.overridden_links)

    expected_impossible = {
        (j, r) for j, t in enumerate(tasks) for r, q in t.demand.items() if q > problem.resources[r].capacity + TOL
    }
    assert {(d.task, d.resource) for d in result.impossible} == expected_impossible

    horizon = max([1] + [s + t.duration for s, t in zip(starts, tasks, strict=True)])
    for r, res in enumerate(problem.resources):
        for day in range(horizon):
            fixed_load = moved_load = 0.0
            for s, t in zip(starts, tasks, strict=True):
                if s <= day < s + t.duration:
                    q = t.demand.get(r, 0.0)
                    if t.fixed_start is not None:
                        fixed_load += q
                    else:
                        # Impossible demands are leveled as using the whole resource.
                        moved_load += min(q, res.capacity)
            room = max(0.0, res.capacity_on(day) - fixed_load)
            assert moved_load <= room + TOL, f"resource {r} over capacity on day {day}"

    ends = [s + t.duration for s, t in zip(starts, tasks, strict=True)]
    assert result.makespan == max(ends, default=0)
    for p, finish in enumerate(result.project_finish):
        assert finish == max([0] + [e for e, t in zip(ends, tasks, strict=True) if t.project == p])
