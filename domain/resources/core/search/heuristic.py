"""Constructive leveling: priority rules, then a genetic algorithm over priority keys.

A schedule is encoded by one key per task: the serial SGS takes, among the
tasks whose predecessors are placed, the one with the smallest key.  Every
decoded schedule is double-justified and its start days become its keys
(Lamarckian), as in Debels et al. (2006) and Valls et al. (2005). For portfolios
(several projects in a priority class) the justification keeps each project's
finish and the population is seeded by the project-order search (portfolio.py).
"""

from __future__ import annotations

import numpy as np

from domain.resources.core.search.budget import OPS_PER_SECOND, Stage
from domain.resources.core.search.compiled import Compiled, IntArray
from domain.resources.core.search.decoder import Decoder
from domain.resources.core.search.kernels import evolve
from domain.resources.core.search.objective import objective, project_classes
from domain.resources.core.search.rules import priority_rules

# The population grows with the budget (diversity pays off only when there
# are enough children to exploit it), within these bounds.
MIN_POPULATION = 24
MAX_POPULATION = 500
CHILDREN_PER_MEMBER = 80
MUTATION_RATE = 0.1


def _evolve(
    c: Compiled, decoder: Decoder, starts: IntArray, scores: IntArray, stage: Stage, seed: int, target: int | None
) -> None:
    """Run the compiled GA in slices until the stage is done (one slice in deterministic mode),
    or, in wall-clock mode, until the best makespan reaches ``target`` (a proven optimum)."""
    classes = project_classes(c)
    work = decoder.residual.copy()
    levels = np.repeat(c.base_capacity[:, None], decoder.backward_width, axis=1)
    residual0 = np.ascontiguousarray(c.residual)
    step = 0
    while not stage.done():
        result = evolve(
            starts,
            scores,
            stage.slice_limit(),
            seed + 7919 * step,
            MUTATION_RATE,
            float(np.mean(c.durations)) + 1.0,
            c.durations,
            decoder.demand,
            decoder.use_ptr,
            decoder.use_res,
            c.min_start,
            c.fixed,
            decoder.rank_offset,
            c.in_ptr,
            c.in_src,
            c.in_delta,
            c.out_ptr,
            c.out_dst,
            decoder.b_in_ptr,
            decoder.b_in_src,
            decoder.b_in_delta,
            decoder.b_out_ptr,
            decoder.b_out_dst,
            decoder.residual,
            residual0,
            c.base_capacity,
            c.project,
            classes,
            c.n_projects,
            decoder.per_project,
            work,
            levels,
            decoder.ops,
        )
        if result < 0:
            raise RuntimeError("schedule horizon bound exceeded")
        step += 1
        if target is not None and int(np.min(scores[:, -2])) <= target:
            break


def construct(
    c: Compiled,
    decoder: Decoder,
    stage: Stage,
    seed: int,
    seeds: tuple[IntArray, ...] = (),
    target: int | None = None,
) -> IntArray:
    """Best schedule found within ``stage`` (deterministic for a seed in deterministic mode),
    starting from the priority rules, noisy LFT keys and the schedules in ``seeds``; stops
    early once the makespan reaches ``target``."""
    if not np.any(~c.fixed):
        return c.min_start.copy()
    rng = np.random.default_rng(seed)
    # The seeds as they are (so the result is never worse than any of them) and justified.
    members = list(seeds) + [decoder.justify(s, decoder.per_project) for s in seeds]
    if seeds:
        # Noise around the best seed: the makespan rules only dilute a portfolio's population.
        centre = seeds[-1].astype(np.float64)
    else:
        rules = priority_rules(c)
        members += [decoder.justify(decoder.forward(keys), decoder.per_project) for keys in rules.values()]
        centre = rules["LFT"]
    spread = float(np.std(centre)) + 1.0
    per_child = max(1, int(decoder.ops[0]) // len(members))
    size = int(stage.seconds_left() * OPS_PER_SECOND) // (per_child * CHILDREN_PER_MEMBER)
    size = min(MAX_POPULATION, MIN_POPULATION + 10 * c.n, max(MIN_POPULATION, size))
    while len(members) < size and not stage.done():
        noisy = centre + rng.normal(0.0, 0.3 * spread, size=c.n)
        members.append(decoder.justify(decoder.forward(noisy), decoder.per_project))
    starts = np.ascontiguousarray(np.stack(members))
    scores = np.array([objective(c, s) for s in members], dtype=np.int64)
    _evolve(c, decoder, starts, scores, stage, seed, target)
    best = min(range(len(members)), key=lambda i: tuple(scores[i].tolist()))
    return np.asarray(starts[best], dtype=np.int64)
