"""Constructive leveling: priority rules, then a genetic algorithm over priority keys.

A schedule is encoded by one key per task: the serial SGS takes, among the
tasks whose predecessors are placed, the one with the smallest key.  Every
decoded schedule is double-justified and its start days become its keys
(Lamarckian), as in Debels et al. (2006) and Valls et al. (2005).
"""

from __future__ import annotations

import numpy as np

from domain.resources.core.compiled import Compiled, IntArray, early_starts, late_starts
from domain.resources.core.decoder import Decoder, FloatArray
from domain.resources.core.kernels import evolve
from domain.resources.core.objective import objective, project_classes

# The population grows with the budget (diversity pays off only when there
# are enough children to exploit it), within these bounds.
MIN_POPULATION = 24
MAX_POPULATION = 500
CHILDREN_PER_MEMBER = 80
MUTATION_RATE = 0.1


def _successor_counts(c: Compiled) -> IntArray:
    """Number of transitive successors (MTS rule), via bitsets in reverse topological order."""
    reach = [0] * c.n
    for j in c.topo[::-1].tolist():
        acc = 0
        for s in c.out_dst[c.out_ptr[j] : c.out_ptr[j + 1]].tolist():
            acc |= reach[s] | (1 << s)
        reach[j] = acc
    return np.array([r.bit_count() for r in reach], dtype=np.int64)


def priority_rules(c: Compiled) -> dict[str, FloatArray]:
    """Keys of the classic rules (smaller first), ties broken by the LFT."""
    es = early_starts(c)
    ls = late_starts(c, es)
    lft = (ls + c.durations).astype(np.float64)
    tie = lft / (1.0 + float(np.max(np.abs(lft), initial=0.0)))
    mts = _successor_counts(c).astype(np.float64)
    grpw = c.durations.astype(np.float64)
    for j in range(c.n):
        grpw[j] += float(np.sum(c.durations[c.out_dst[c.out_ptr[j] : c.out_ptr[j + 1]]]))
    return {
        "LFT": lft + ls / (1.0 + float(np.max(np.abs(ls), initial=0.0))),
        "LST": ls.astype(np.float64) + tie,
        "MTS": -mts + tie,
        "GRPW": -grpw + tie,
    }


def _evaluate(c: Compiled, decoder: Decoder, keys: FloatArray) -> IntArray:
    return decoder.justify(decoder.forward(keys))


def _evolve(c: Compiled, decoder: Decoder, starts: IntArray, scores: IntArray, op_budget: int, seed: int) -> None:
    classes = project_classes(c)
    result = evolve(
        starts,
        scores,
        op_budget,
        seed,
        MUTATION_RATE,
        float(np.mean(c.durations)) + 1.0,
        c.durations,
        decoder.demand,
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
        np.ascontiguousarray(c.residual),
        c.base_capacity,
        decoder.backward_width,
        c.project,
        classes,
        c.n_projects,
    )
    if result < 0:
        raise RuntimeError("schedule horizon bound exceeded")


def construct(c: Compiled, op_budget: int, seed: int) -> IntArray:
    """Best schedule found with ``op_budget`` units of SGS work (deterministic for a seed)."""
    if not np.any(~c.fixed):
        return c.min_start.copy()
    decoder = Decoder(c)
    rng = np.random.default_rng(seed)
    rules = priority_rules(c)
    members = [_evaluate(c, decoder, keys) for keys in rules.values()]
    lft = rules["LFT"]
    spread = float(np.std(lft)) + 1.0
    per_child = max(1, int(decoder.ops[0]) // len(members))
    size = op_budget // (per_child * CHILDREN_PER_MEMBER)
    size = min(MAX_POPULATION, MIN_POPULATION + 10 * c.n, max(MIN_POPULATION, size))
    while len(members) < size:
        members.append(_evaluate(c, decoder, lft + rng.normal(0.0, 0.3 * spread, size=c.n)))
    starts = np.ascontiguousarray(np.stack(members))
    scores = np.array([objective(c, s) for s in members], dtype=np.int64)
    left = op_budget - int(decoder.ops[0])
    if left > 0:
        _evolve(c, decoder, starts, scores, left, seed)
    best = min(range(len(members)), key=lambda i: tuple(scores[i].tolist()))
    return np.asarray(starts[best], dtype=np.int64)
