"""Resource leveling: the entry point the API calls."""

from __future__ import annotations

from functools import partial

import numpy as np

from domain.resources.core.model import LevelingOptions, LevelingProblem, LevelingResult, Link, Project, Resource, Task
from domain.resources.core.search.bounds import makespan_lower_bound
from domain.resources.core.search.budget import Budget
from domain.resources.core.search.compiled import (
    Compiled,
    IntArray,
    arc_delta,
    compile_problem,
    early_starts,
    freeze,
    predecessor_closure,
)
from domain.resources.core.search.cpsat import improve
from domain.resources.core.search.decoder import Decoder
from domain.resources.core.search.heuristic import construct
from domain.resources.core.search.objective import objective, project_finishes
from domain.resources.core.search.portfolio import is_portfolio, search_project_order

# Share of the budget left to CP-SAT; the rest goes to the heuristics.
CP_SAT_SHARE = 0.3
# Share of the heuristics' budget the project-order search takes on portfolios; the
# genetic algorithm, seeded with its schedules, refines them with the rest.
PROJECT_SEARCH_SHARE = 0.6
# CP-SAT spends time loading and initializing a model that its deterministic
# clock does not count, about this much per constraint and solve (measured on
# models of 300 to 10,000 constraints); a solve that would spend over half its
# share so is not worth starting.
CP_SAT_SECONDS_PER_CONSTRAINT = 150e-6


def _cp_sat_affordable(c: Compiled, seconds: float) -> bool:
    free = ~c.fixed
    intervals = int(np.count_nonzero(c.demand[free][c.durations[free] > 0]))
    constraints = int(c.in_src.shape[0]) + intervals + 2 * c.n
    stages = 1 if c.n_projects <= 1 else c.n_classes + 1
    overhead = stages * constraints * CP_SAT_SECONDS_PER_CONSTRAINT
    return overhead <= 0.5 * seconds * CP_SAT_SHARE


def _left_justified(c: Compiled, decoder: Decoder, starts: IntArray) -> IntArray:
    """Decode the schedule's own start order; keep it only if no worse."""
    cand = decoder.forward(starts.astype(np.float64))
    return cand if objective(c, cand) <= objective(c, starts) else starts


def _repair(c: Compiled, decoder: Decoder, starts: IntArray, classes_done: int) -> IntArray:
    """Compact a CP-SAT schedule: tasks of the ``classes_done`` best priority
    classes (and their predecessors) keep their starts, the rest is re-placed
    by the serial SGS in the solution's order and justified."""
    if classes_done:
        done = predecessor_closure(c, c.class_rank < classes_done)
        decoder = Decoder(freeze(c, done, starts), decoder.per_project)
    return decoder.justify(decoder.forward(starts.astype(np.float64)), decoder.per_project)


def level(problem: LevelingProblem, options: LevelingOptions | None = None) -> LevelingResult:
    """Level all tasks against the shared resources; see docs/leveling.md."""
    options = options or LevelingOptions()
    budget = Budget(options.time_limit, options.deterministic)
    c = compile_problem(problem)
    early = early_starts(c)
    bound = makespan_lower_bound(c, early)
    single = c.n_projects <= 1
    decoder = Decoder(c, per_project=is_portfolio(c))
    decoder.ops = budget.ops
    cp_seconds = options.time_limit if options.deterministic else budget.seconds_left()
    use_cp_sat = options.use_cp_sat and _cp_sat_affordable(c, cp_seconds)
    heuristic_share = 1.0 - CP_SAT_SHARE if use_cp_sat else 1.0
    seeds: tuple[IntArray, ...] = ()
    if decoder.per_project:
        seeds = search_project_order(c, decoder, budget.stage(heuristic_share * PROJECT_SEARCH_SHARE), options.seed)
        # What is left of the heuristics' share, as a fraction of what is left now.
        heuristic_share = heuristic_share * (1 - PROJECT_SEARCH_SHARE) / (1 - heuristic_share * PROJECT_SEARCH_SHARE)
    target = bound if single else None
    best = construct(c, decoder, budget.stage(heuristic_share), options.seed, seeds, target)
    proven = single and int(np.max(best + c.durations, initial=0)) <= bound
    if use_cp_sat and not proven and np.any(~c.fixed):
        outcome = improve(c, best, early, bound, budget.stage(1.0), options.seed, partial(_repair, c, decoder))
        best, proven = outcome.starts, outcome.proven_optimal
    best = _left_justified(c, decoder, best)
    return _result(problem, c, best, early, bound, proven)


def _result(
    problem: LevelingProblem,
    c: Compiled,
    starts: IntArray,
    early: IntArray,
    bound: int,
    proven: bool,
) -> LevelingResult:
    overridden = tuple(
        i
        for i, link in enumerate(problem.links)
        if c.fixed[link.succ] and not _holds(problem, link.pred, link.succ, i, starts)
    )
    return LevelingResult(
        starts=tuple(int(s) for s in starts),
        makespan=int(np.max(starts + c.durations, initial=0)),
        project_finish=tuple(int(f) for f in project_finishes(c, starts)),
        early_start=tuple(int(s) for s in early),
        delay=tuple(int(s) for s in starts - early),
        impossible=c.impossible,
        overridden_links=overridden,
        objective=objective(c, starts),
        lower_bound=bound,
        proven_optimal=proven,
    )


def _holds(problem: LevelingProblem, pred: int, succ: int, i: int, starts: IntArray) -> bool:
    link = problem.links[i]
    delta = arc_delta(link, problem.tasks[pred].duration, problem.tasks[succ].duration)
    return int(starts[succ]) >= int(starts[pred]) + delta


def warm_up() -> None:
    """Load (or, after an install, compile) the numba kernels now, not inside the first
    request's time limit: levels a tiny portfolio and a tiny single project."""
    tasks = (Task(2, 0, {0: 1.0}), Task(1, 0, {0: 1.0}), Task(2, 1, {0: 1.0}))
    problem = LevelingProblem(tasks, (Link(0, 1),), (Resource(1.0),), (Project(), Project()))
    options = LevelingOptions(time_limit=0.001, deterministic=True, use_cp_sat=False)
    level(problem, options)
    level(LevelingProblem(tasks[:2], (Link(0, 1),), (Resource(1.0),)), options)
