"""Resource leveling: the entry point the API calls."""

from __future__ import annotations

import numpy as np

from domain.allocation.bounds import makespan_lower_bound
from domain.allocation.compiled import Compiled, IntArray, compile_problem, early_starts
from domain.allocation.cpsat import improve
from domain.allocation.decoder import Decoder
from domain.allocation.heuristic import construct
from domain.allocation.model import LevelingOptions, LevelingProblem, LevelingResult
from domain.allocation.objective import objective, project_finishes

# CP-SAT deterministic seconds per wall-clock second on one core of the
# reference machine; calibrated once, then fixed so results never depend on load.
DETERMINISTIC_PER_SECOND = 0.35
# Share of the budget left to CP-SAT; the rest goes to the genetic algorithm.
CP_SAT_SHARE = 0.3
# Wall seconds of one SGS pass, including the algorithm's Python overhead,
# as a function of the task count; calibrated like DETERMINISTIC_PER_SECOND.
DECODE_SECONDS_FIXED = 2e-6
DECODE_SECONDS_PER_TASK = 0.14e-6


def _decodes(c: Compiled, options: LevelingOptions) -> int:
    budget = options.time_limit * (1.0 - CP_SAT_SHARE if options.use_cp_sat else 1.0)
    per_decode = DECODE_SECONDS_FIXED + DECODE_SECONDS_PER_TASK * c.n
    return max(50, int(budget / per_decode))


def _left_justified(c: Compiled, starts: IntArray) -> IntArray:
    """Decode the schedule's own start order; keep it only if no worse."""
    cand = Decoder(c).forward(starts.astype(np.float64))
    return cand if objective(c, cand) <= objective(c, starts) else starts


def level(problem: LevelingProblem, options: LevelingOptions | None = None) -> LevelingResult:
    """Level all tasks against the shared resources; see docs/leveling.md."""
    options = options or LevelingOptions()
    c = compile_problem(problem)
    early = early_starts(c)
    bound = makespan_lower_bound(c, early)
    best = construct(c, _decodes(c, options), options.seed)
    single = c.n_projects <= 1
    proven = single and int(np.max(best + c.durations, initial=0)) <= bound
    if options.use_cp_sat and not proven and np.any(~c.fixed):
        det_time = options.time_limit * CP_SAT_SHARE * DETERMINISTIC_PER_SECOND
        outcome = improve(c, best, early, bound, det_time, options.seed)
        best, proven = outcome.starts, outcome.proven_optimal
    best = _left_justified(c, best)
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
    from domain.allocation.compiled import arc_delta

    link = problem.links[i]
    delta = arc_delta(link, problem.tasks[pred].duration, problem.tasks[succ].duration)
    return int(starts[succ]) >= int(starts[pred]) + delta
