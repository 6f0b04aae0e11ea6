"""Improvement of a heuristic schedule with OR-tools CP-SAT (typed wrapper).

One solve per objective stage (each priority class, then the makespan), each
hinted with the best schedule so far and bounded by the stages before it.
In deterministic mode the limits are CP-SAT's deterministic time (one worker)
so a given budget and seed always give the same schedule; otherwise the wall clock.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from ortools.sat.python import cp_model

from domain.resources.core.search.budget import Stage
from domain.resources.core.search.compiled import Compiled, IntArray
from domain.resources.core.search.objective import objective, project_classes

# CP-SAT deterministic seconds per wall-clock second on one core of the reference
# machine; calibrated once, then fixed so deterministic results never depend on load.
DETERMINISTIC_PER_SECOND = 0.35
# In deterministic mode, only a guard against pathological solver stalls: about seven times the wall
# time the deterministic budget takes, so in normal runs it never decides.
WALL_GUARD_FACTOR = 20.0


@dataclass(frozen=True, slots=True)
class CpOutcome:
    starts: IntArray
    proven_optimal: bool
    bound: int


def _blocker_runs(levels: IntArray) -> list[tuple[int, int, int]]:
    """(start, length, amount) of maximal runs of equal positive ``levels``."""
    runs: list[tuple[int, int, int]] = []
    t, horizon = 0, int(levels.shape[0])
    while t < horizon:
        amount = int(levels[t])
        end = t + 1
        while end < horizon and int(levels[end]) == amount:
            end += 1
        if amount > 0:
            runs.append((t, end - t, amount))
        t = end
    return runs


class _Model:
    def __init__(self, c: Compiled, hint: IntArray, horizon: int, lower: IntArray) -> None:
        m = cp_model.CpModel()
        self.model: Any = m
        self.c = c
        self.starts: list[Any] = []
        for j in range(c.n):
            if c.fixed[j]:
                self.starts.append(int(c.min_start[j]))
            else:
                hi = max(int(lower[j]), horizon - int(c.durations[j]))
                self.starts.append(m.new_int_var(int(lower[j]), hi, f"s{j}"))
        for j in range(c.n):
            for k in range(int(c.in_ptr[j]), int(c.in_ptr[j + 1])):
                src = int(c.in_src[k])
                if not c.fixed[src]:
                    m.add(self.starts[j] >= self.starts[src] + int(c.in_delta[k]))
        self._resources(horizon)
        ends = [self.starts[j] + int(c.durations[j]) for j in range(c.n)]
        self.finish: list[Any] = []
        for p in range(c.n_projects):
            members = np.flatnonzero(c.project == p).tolist()
            fp = m.new_int_var(0, horizon, f"f{p}")
            for j in members:
                m.add(fp >= ends[j])
            self.finish.append(fp)
        self.makespan = m.new_int_var(0, horizon, "makespan")
        for j in range(c.n):
            m.add(self.makespan >= ends[j])
        self.hint(hint)

    def _resources(self, horizon: int) -> None:
        c, m = self.c, self.model
        for r in range(c.n_resources):
            width = max(horizon, c.residual.shape[1])
            levels = np.full(width, int(c.base_capacity[r]), dtype=np.int64)
            levels[: c.residual.shape[1]] = c.residual[r]
            levels = levels[:horizon]
            cap = int(max(int(c.base_capacity[r]), int(np.max(levels, initial=0))))
            intervals: list[Any] = []
            demands: list[int] = []
            for j in range(c.n):
                q, d = int(c.demand[j, r]), int(c.durations[j])
                if c.fixed[j] or q == 0 or d == 0:
                    continue
                intervals.append(m.new_fixed_size_interval_var(self.starts[j], d, f"i{j}_{r}"))
                demands.append(q)
            if not intervals:
                continue
            for start, length, amount in _blocker_runs(cap - levels):
                intervals.append(m.new_fixed_size_interval_var(start, length, f"b{r}_{start}"))
                demands.append(amount)
            m.add_cumulative(intervals, demands, cap)

    def hint(self, starts: IntArray) -> None:
        self.model.clear_hints()
        for j in range(self.c.n):
            if not self.c.fixed[j]:
                self.model.add_hint(self.starts[j], int(starts[j]))

    def solve(
        self, objective: Any, det_time: float | None, seconds: float, seed: int
    ) -> tuple[int, float, IntArray | None]:
        """Deterministic mode bounds the solve by ``det_time`` (``seconds`` is then only a
        guard against stalls); wall-clock mode (``det_time`` None) by ``seconds``."""
        self.model.minimize(objective)
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.random_seed = seed
        if det_time is not None:
            solver.parameters.max_deterministic_time = max(det_time, 0.01)
            solver.parameters.max_time_in_seconds = max(5.0, det_time * WALL_GUARD_FACTOR)
        else:
            solver.parameters.max_time_in_seconds = max(seconds, 0.001)
        status = solver.solve(self.model)
        used = float(solver.response_proto.deterministic_time)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return 0, used, None
        starts = np.array(
            [s if isinstance(s, int) else int(solver.value(s)) for s in self.starts],
            dtype=np.int64,
        )
        return (1 if status == cp_model.OPTIMAL else 0), used, starts


def improve(
    c: Compiled,
    hint: IntArray,
    lower: IntArray,
    makespan_bound: int,
    stage: Stage,
    seed: int,
    repair: Callable[[IntArray, int], IntArray],
) -> CpOutcome:
    """Lexicographic CP-SAT improvement of ``hint`` within ``stage``: in deterministic mode
    ``DETERMINISTIC_PER_SECOND`` deterministic seconds per second of the stage, otherwise the
    stage's wall-clock deadline (model building and repairs included).

    CP-SAT only cares about the stage it optimizes, so it leaves the later
    stages' work anywhere in the horizon; ``repair(starts, classes_done)``
    compacts each solution, keeping the classes already optimized in place,
    and the better of the two is kept.
    """
    single = c.n_projects == 1
    hint_finish = int(np.max(hint + c.durations, initial=0))
    # With one project the hint's makespan bounds every better schedule; with
    # several, a better high-priority finish may push low-priority work later.
    horizon = hint_finish if single else hint_finish + int(np.sum(c.durations[~c.fixed]))
    model = _Model(c, hint, horizon, lower)
    model.model.add(model.makespan >= makespan_bound)
    # A stage is the set of projects whose finishes it sums; None is the makespan.
    stages: list[list[int] | None] = [None]
    if not single:
        classes = project_classes(c)
        stages = [np.flatnonzero(classes == k).tolist() for k in range(c.n_classes)]
        stages.append(None)
    best, best_score = hint, objective(c, hint)
    all_optimal = True
    deterministic = stage.budget.deterministic
    remaining = stage.seconds_left() * DETERMINISTIC_PER_SECOND
    for i, members in enumerate(stages):
        if not deterministic and stage.done():
            all_optimal = False
            break
        expr = model.makespan if members is None else sum(model.finish[p] for p in members)
        share = remaining / (len(stages) - i)
        seconds = stage.seconds_left() / (len(stages) - i)
        optimal, used, starts = model.solve(expr, share if deterministic else None, seconds, seed)
        remaining -= min(used, share)
        if starts is None:
            optimal = 0
        else:
            classes_done = 0 if members is None else i + 1
            for cand in (starts, repair(starts, classes_done)):
                score = objective(c, cand)
                if score <= best_score:
                    best, best_score = cand, score
            # A proof covers the kept schedule only if it reaches the proven value.
            if _stage_value(c, members, best) > _stage_value(c, members, starts):
                optimal = 0
        all_optimal = all_optimal and bool(optimal)
        model.model.add(expr <= _stage_value(c, members, best))
        model.hint(best)
    return CpOutcome(best, all_optimal, makespan_bound)


def _stage_value(c: Compiled, members: list[int] | None, starts: IntArray) -> int:
    ends = starts + c.durations
    if members is None:
        return int(np.max(ends, initial=0))
    finish = np.zeros(c.n_projects, dtype=np.int64)
    np.maximum.at(finish, c.project, ends)
    return int(np.sum(finish[members]))
