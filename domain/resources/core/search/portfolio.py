"""Project-order search for portfolios: the sum of project finishes is mostly decided by the
order in which projects get the shared resources, so the search first looks for that order.

A schedule is encoded by one *offset* per project: task ``j`` of project ``p`` gets the key
``lft[j] + offset[p]``, where ``lft`` is the task's latest finish against its own project's CPM
finish (``rules.project_late_starts``). Equal offsets interleave the projects by urgency (the
one-pass portfolio rule is ``offset = 0.5 * CPM finish``); offsets far apart run projects one
after the other; everything between lets a later project fill the gaps of an earlier one.
The serial SGS decodes the keys (classes still go first: ``Decoder.rank_offset``).

The search starts from the best of a few seeds (the portfolio rule with several weights, and
projects in order of CPM finish, work content and work per day, at several spacings) and does
a first-improvement local search on the offsets: swap two projects, move one just before
another, or shift one by a random amount; a move is kept when the objective is no worse
(sideways moves let it cross plateaus). This is the decomposition that pays at thousands of
tasks: a few dozen numbers to search instead of a key per task, each tried with one SGS pass.
"""

from __future__ import annotations

import numpy as np

from domain.resources.core.search.budget import Stage
from domain.resources.core.search.compiled import Compiled, IntArray, early_starts
from domain.resources.core.search.decoder import Decoder, FloatArray
from domain.resources.core.search.kernels import score_into
from domain.resources.core.search.objective import project_classes
from domain.resources.core.search.rules import PROJECT_FINISH_WEIGHT, portfolio_rule_keys, project_late_starts

RULE_WEIGHTS = (PROJECT_FINISH_WEIGHT, 1.0, 2.0)
# Spacing between consecutive projects in an order, as a share of the mean CPM span.
SPACINGS = (0.125, 0.25, 0.5)
SWAP, INSERT = 0.3, 0.6  # cumulative move probabilities; the rest are shifts
# Work units charged per step for its Python overhead (about 50 µs), so that a deterministic
# budget on a small portfolio is not spent in millions of tiny steps.
STEP_OPS = 20_000


def is_portfolio(c: Compiled) -> bool:
    """True when some priority class holds two or more projects with work to place."""
    free = ~c.fixed & (c.durations > 0)
    if not np.any(free):
        return False
    pairs = np.unique(np.stack([c.class_rank[free], c.project[free]]), axis=1)
    return bool(np.any(np.bincount(pairs[0]) >= 2))


def _seeds(c: Compiled, es: IntArray, due: IntArray) -> list[FloatArray]:
    finish = np.zeros(c.n_projects)
    np.maximum.at(finish, c.project, (es + c.durations).astype(np.float64))
    start = np.full(c.n_projects, np.inf)
    np.minimum.at(start, c.project, es.astype(np.float64))
    span = np.maximum(finish - np.where(np.isfinite(start), start, 0.0), 1.0)
    work = np.zeros(c.n_projects)
    np.add.at(work, c.project, (c.demand.sum(axis=1) * c.durations).astype(np.float64))
    seeds = [w * finish for w in RULE_WEIGHTS]
    for value in (finish, work, work / span):
        position = np.empty(c.n_projects)
        position[np.argsort(value, kind="stable")] = np.arange(c.n_projects)
        seeds += [s * float(np.mean(span)) * position for s in SPACINGS]
    return seeds


def search_project_order(c: Compiled, decoder: Decoder, stage: Stage, seed: int) -> tuple[IntArray, ...]:
    """Schedules from the project-order search, best last (seeds for the genetic algorithm)."""
    es = early_starts(c)
    ls, due = project_late_starts(c, es)
    lft = (ls + c.durations).astype(np.float64)

    classes, finish = project_classes(c), np.zeros(c.n_projects, dtype=np.int64)
    out = np.zeros(c.n_classes + 2, dtype=np.int64)

    def decode(offset: FloatArray) -> tuple[tuple[int, ...], IntArray]:
        starts = decoder.forward(lft + offset[c.project])
        score_into(starts, c.durations, c.fixed, c.project, classes, finish, out)  # objective(), compiled
        return tuple(int(v) for v in out), starts

    # The one-pass portfolio rule itself is kept among the results: the search never ends worse.
    rule = decoder.forward(portfolio_rule_keys(c))
    seeds = _seeds(c, es, due)
    tried: list[tuple[tuple[tuple[int, ...], IntArray], int]] = []
    for k, offset in enumerate(seeds):
        if tried and stage.done():
            break
        tried.append((decode(offset), k))
    (best_score, best), k = min(tried, key=lambda t: (t[0][0], t[1]))
    offset = seeds[k]
    kept = [rule, best]
    rng = np.random.default_rng(seed)
    projects = np.unique(c.project[~c.fixed])
    scale = float(np.std(offset)) + 1.0
    while not stage.done():
        p, q = rng.choice(projects, 2)
        move = offset.copy()
        kind = rng.random()
        if kind < SWAP:
            move[p], move[q] = move[q], move[p]
        elif kind < INSERT:
            move[p] = move[q] - 0.1 * scale * rng.random()
        else:
            move[p] += 0.2 * scale * rng.normal()
        score, starts = decode(move)
        decoder.ops[0] += STEP_OPS
        if score <= best_score:
            if score < best_score:
                kept.append(starts)
            offset, best_score, best = move, score, starts
    kept[-1] = best
    return (rule, *kept[-4:]) if len(kept) > 5 else tuple(kept)
