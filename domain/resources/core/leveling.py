"""Resource leveling: the entry point the API calls."""

from __future__ import annotations

from functools import partial

import numpy as np

from domain.resources.core.bounds import makespan_lower_bound
from domain.resources.core.compiled import (
    Compiled,
    IntArray,
    arc_delta,
    compile_problem,
    early_starts,
    freeze,
    predecessor_closure,
)
from domain.resources.core.cpsat import improve
from domain.resources.core.decoder import Decoder
from domain.resources.core.heuristic import construct
from domain.resources.core.model import LevelingOptions, LevelingProblem, LevelingResult
from domain.resources.core.objective import objective, project_finishes

# CP-SAT deterministic seconds per wall-clock second on one core of the
# reference machine; calibrated once, then fixed so results never depend on load.
DETERMINISTIC_PER_SECOND = 0.35
# Share of the budget left to CP-SAT; the rest goes to the genetic algorithm.
CP_SAT_SHARE = 0.3
# Units of SGS work (see kernels.decode) per second of one core, calibrated
# the same way (measured 4.7e8 to 5e8 on PSPLIB; kept below for headroom).
OPS_PER_SECOND = 400_000_000
# CP-SAT spends time loading and initializing a model that its deterministic
# clock does not count, about this much per constraint and solve (measured on
# models of 300 to 10,000 constraints); a solve that would spend over half its
# share so is not worth starting.
CP_SAT_SECONDS_PER_CONSTRAINT = 150e-6


def _cp_sat_affordable(c: Compiled, options: LevelingOptions) -> bool:
    free = ~c.fixed
    intervals = int(np.count_nonzero(c.demand[free][c.durations[free] > 0]))
    constraints = int(c.in_src.shape[0]) + intervals + 2 * c.n
    stages = 1 if c.n_projects <= 1 else c.n_classes + 1
    overhead = stages * constraints * CP_SAT_SECONDS_PER_CONSTRAINT
    return overhead <= 0.5 * options.time_limit * CP_SAT_SHARE


def _op_budget(options: LevelingOptions, use_cp_sat: bool) -> int:
    budget = options.time_limit * (1.0 - CP_SAT_SHARE if use_cp_sat else 1.0)
    return int(budget * OPS_PER_SECOND)


def _left_justified(c: Compiled, starts: IntArray) -> IntArray:
    """Decode the schedule's own start order; keep it only if no worse."""
    cand = Decoder(c).forward(starts.astype(np.float64))
    return cand if objective(c, cand) <= objective(c, starts) else starts


def _repair(c: Compiled, decoder: Decoder, starts: IntArray, classes_done: int) -> IntArray:
    """Compact a CP-SAT schedule: tasks of the ``classes_done`` best priority
    classes (and their predecessors) keep their starts, the rest is re-placed
    by the serial SGS in the solution's order and justified."""
    if classes_done:
        done = predecessor_closure(c, c.class_rank < classes_done)
        decoder = Decoder(freeze(c, done, starts))
    return decoder.justify(decoder.forward(starts.astype(np.float64)))


def level(problem: LevelingProblem, options: LevelingOptions | None = None) -> LevelingResult:
    """Level all tasks against the shared resources; see docs/leveling.md."""
    options = options or LevelingOptions()
    c = compile_problem(problem)
    early = early_starts(c)
    bound = makespan_lower_bound(c, early)
    use_cp_sat = options.use_cp_sat and _cp_sat_affordable(c, options)
    best = construct(c, _op_budget(options, use_cp_sat), options.seed)
    single = c.n_projects <= 1
    proven = single and int(np.max(best + c.durations, initial=0)) <= bound
    if use_cp_sat and not proven and np.any(~c.fixed):
        det_time = options.time_limit * CP_SAT_SHARE * DETERMINISTIC_PER_SECOND
        outcome = improve(c, best, early, bound, det_time, options.seed, partial(_repair, c, Decoder(c)))
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
    link = problem.links[i]
    delta = arc_delta(link, problem.tasks[pred].duration, problem.tasks[succ].duration)
    return int(starts[succ]) >= int(starts[pred]) + delta
