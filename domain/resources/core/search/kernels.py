"""Compiled (numba) inner loop: decode priority keys into a serial-SGS schedule.

Kept free of Python objects so it compiles in nopython mode; the typed
wrapper lives in ``decoder.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

import numba
import numpy as np

_F = TypeVar("_F", bound=Callable[..., Any])


def _njit(fn: _F) -> _F:
    # Cached to disk: compiling costs seconds, loading the cache a fraction.
    return cast(_F, numba.njit(cache=True, nogil=True)(fn))


@_njit
def _heap_push(hk: Any, hj: Any, size: int, key: float, j: int) -> int:
    i = size
    hk[i] = key
    hj[i] = j
    while i > 0:
        parent = (i - 1) // 2
        if hk[parent] < hk[i] or (hk[parent] == hk[i] and hj[parent] < hj[i]):
            break
        hk[parent], hk[i] = hk[i], hk[parent]
        hj[parent], hj[i] = hj[i], hj[parent]
        i = parent
    return size + 1


@_njit
def _heap_pop(hk: Any, hj: Any, size: int) -> int:
    top = hj[0]
    size -= 1
    hk[0] = hk[size]
    hj[0] = hj[size]
    i = 0
    while True:
        left = 2 * i + 1
        if left >= size:
            break
        best = left
        right = left + 1
        if right < size and (hk[right] < hk[left] or (hk[right] == hk[left] and hj[right] < hj[left])):
            best = right
        if hk[i] < hk[best] or (hk[i] == hk[best] and hj[i] < hj[best]):
            break
        hk[best], hk[i] = hk[i], hk[best]
        hj[best], hj[i] = hj[i], hj[best]
        i = best
    return int(top)


@_njit
def decode(
    keys: Any,
    dur: Any,
    demand: Any,
    min_start: Any,
    fixed: Any,
    in_ptr: Any,
    in_src: Any,
    in_delta: Any,
    out_ptr: Any,
    out_dst: Any,
    use_ptr: Any,
    use_res: Any,
    residual: Any,
    starts: Any,
    ops: Any,
) -> int:
    """Serial SGS over the eligible task with the smallest key; returns the
    largest finish, or -1 if ``residual`` (modified in place) was too short.

    ``use_res[use_ptr[j]:use_ptr[j + 1]]`` lists the resources task ``j`` demands (the
    only ones checked). ``ops[0]`` grows by the work done (resource-day checks and
    bookings, arcs), counted per resource of the problem whether the task uses it or
    not, so deterministic budgets keep their meaning; they never depend on the clock."""
    n = dur.shape[0]
    work = 0
    n_res = demand.shape[1]
    width = residual.shape[1]
    missing = np.zeros(n, dtype=np.int64)
    hk = np.empty(n, dtype=np.float64)
    hj = np.empty(n, dtype=np.int64)
    size = 0
    for j in range(n):
        starts[j] = min_start[j]
    for j in range(n):
        if fixed[j]:
            continue
        for a in range(in_ptr[j], in_ptr[j + 1]):
            if not fixed[in_src[a]]:
                missing[j] += 1
        if missing[j] == 0:
            size = _heap_push(hk, hj, size, keys[j], j)
    finish = 0
    for j in range(n):
        if fixed[j] and starts[j] + dur[j] > finish:
            finish = starts[j] + dur[j]
    while size > 0:
        j = _heap_pop(hk, hj, size)
        size -= 1
        t = min_start[j]
        work += 1 + in_ptr[j + 1] - in_ptr[j] + out_ptr[j + 1] - out_ptr[j]
        for a in range(in_ptr[j], in_ptr[j + 1]):
            cand = starts[in_src[a]] + in_delta[a]
            if cand > t:
                t = cand
        d = dur[j]
        if d > 0:
            ok = False
            while not ok:
                if t + d > width:
                    return -1
                ok = True
                for u in range(t + d - 1, t - 1, -1):
                    work += n_res
                    for k in range(use_ptr[j], use_ptr[j + 1]):
                        r = use_res[k]
                        if residual[r, u] < demand[j, r]:
                            ok = False
                            break
                    if not ok:
                        t = u + 1
                        break
            work += d * n_res
            for k in range(use_ptr[j], use_ptr[j + 1]):
                r = use_res[k]
                for u in range(t, t + d):
                    residual[r, u] -= demand[j, r]
        starts[j] = t
        if t + d > finish:
            finish = t + d
        for a in range(out_ptr[j], out_ptr[j + 1]):
            s = out_dst[a]
            if fixed[s]:
                continue
            missing[s] -= 1
            if missing[s] == 0:
                size = _heap_push(hk, hj, size, keys[s], s)
    ops[0] += work
    return finish


@_njit
def score_into(
    starts: Any,
    dur: Any,
    fixed: Any,
    project: Any,
    project_class: Any,
    finish: Any,
    out: Any,
) -> None:
    """The objective of objective.py: class sums of project finishes, makespan, tidiness."""
    n_classes = out.shape[0] - 2
    finish[:] = 0
    makespan = 0
    tidy = 0
    for j in range(dur.shape[0]):
        end = starts[j] + dur[j]
        if end > finish[project[j]]:
            finish[project[j]] = end
        if end > makespan:
            makespan = end
        if not fixed[j]:
            tidy += starts[j]
    out[:] = 0
    for p in range(finish.shape[0]):
        out[project_class[p]] += finish[p]
    out[n_classes] = makespan
    out[n_classes + 1] = tidy


@_njit
def _lex_le(a: Any, b: Any) -> bool:
    for i in range(a.shape[0]):
        if a[i] != b[i]:
            return bool(a[i] < b[i])
    return True


@_njit
def _mirror_levels(residual0: Any, base: Any, horizon: int, levels: Any) -> None:
    """Mirror days ``0 .. horizon-1``; later mirrored days (before the origin) hold
    ``base`` already, so the cost follows the schedule length, not the array's."""
    width0 = residual0.shape[1]
    for r in range(levels.shape[0]):
        for t in range(min(horizon, levels.shape[1])):
            day = horizon - 1 - t
            levels[r, t] = residual0[r, day] if 0 <= day < width0 else base[r]


@_njit
def _restore(target: Any, source: Any, end: int) -> None:
    """Undo a decode's bookings: it only touched days before its last finish."""
    end = min(end, target.shape[1])
    for r in range(target.shape[0]):
        for t in range(end):
            target[r, t] = source[r, t]


@_njit
def _fill(target: Any, base: Any, end: int) -> None:
    end = min(end, target.shape[1])
    for r in range(target.shape[0]):
        for t in range(end):
            target[r, t] = base[r]


@_njit
def evolve(
    pop_starts: Any,
    pop_score: Any,
    op_budget: int,
    seed: int,
    mutation_rate: float,
    spread: float,
    dur: Any,
    demand: Any,
    use_ptr: Any,
    use_res: Any,
    min_start: Any,
    fixed: Any,
    rank_offset: Any,
    f_in_ptr: Any,
    f_in_src: Any,
    f_in_delta: Any,
    f_out_ptr: Any,
    f_out_dst: Any,
    b_in_ptr: Any,
    b_in_src: Any,
    b_in_delta: Any,
    b_out_ptr: Any,
    b_out_dst: Any,
    residual_fwd: Any,
    residual0: Any,
    base: Any,
    project: Any,
    project_class: Any,
    n_projects: int,
    per_project: bool,
    work: Any,
    levels: Any,
    ops: Any,
) -> int:
    """Steady-state genetic algorithm over start-time keys, in place on the population.

    Each child takes its mother's keys inside a random window of her schedule
    and its father's elsewhere, is mutated, decoded and double-justified; it
    replaces the worst member unless it is worse or a duplicate.  Returns the
    number of children that entered the population; the search stops once
    ``ops[0]`` (shared with the caller, see ``decode``) reaches ``op_budget``.

    ``work`` (a copy of ``residual_fwd``) and ``levels`` (filled with ``base``) are
    scratch time lines, left as they came; the caller keeps them between calls.
    With ``per_project`` the right-justification keeps each project's finish (every
    task is due by its own project's finish, not the makespan), which suits the
    sum of project finishes better than squeezing everything against the end.
    """
    np.random.seed(seed)
    size, n = pop_starts.shape
    keys = np.empty(n, dtype=np.float64)
    first = np.empty(n, dtype=np.int64)
    mirror = np.empty(n, dtype=np.int64)
    child = np.empty(n, dtype=np.int64)
    b_min = np.zeros(n, dtype=np.int64)
    finish = np.zeros(n_projects, dtype=np.int64)
    score = np.empty(pop_score.shape[1], dtype=np.int64)
    accepted = 0
    n_res = demand.shape[1]
    while ops[0] < op_budget:
        a, b = np.random.randint(size), np.random.randint(size)
        mother = a if _lex_le(pop_score[a], pop_score[b]) else b
        a, b = np.random.randint(size), np.random.randint(size)
        father = a if _lex_le(pop_score[a], pop_score[b]) else b
        horizon = 1
        for j in range(n):
            if pop_starts[mother, j] + dur[j] > horizon:
                horizon = pop_starts[mother, j] + dur[j]
        lo, hi = np.random.randint(horizon + 1), np.random.randint(horizon + 1)
        if lo > hi:
            lo, hi = hi, lo
        for j in range(n):
            s = pop_starts[mother, j]
            keys[j] = float(s if lo <= s < hi else pop_starts[father, j])
            if np.random.random() < mutation_rate:
                keys[j] += np.random.normal() * spread
            keys[j] += np.random.random() * 0.5 + rank_offset[j]
        end = decode(
            keys,
            dur,
            demand,
            min_start,
            fixed,
            f_in_ptr,
            f_in_src,
            f_in_delta,
            f_out_ptr,
            f_out_dst,
            use_ptr,
            use_res,
            work,
            first,
            ops,
        )
        if end < 0:
            return -1
        _restore(work, residual_fwd, end)
        # Restoring and mirroring the time line, the keys, and two scans of the population.
        ops[0] += 3 * n_res * (end + 1) + 8 * n + 2 * size + 50
        # Right-justify against the schedule's own end, then left-justify.
        _mirror_levels(residual0, base, end, levels)
        if per_project:
            finish[:] = 0
            for j in range(n):
                if first[j] + dur[j] > finish[project[j]]:
                    finish[project[j]] = first[j] + dur[j]
        for j in range(n):
            if fixed[j]:
                b_min[j] = end - min_start[j] - dur[j]
            else:
                b_min[j] = end - finish[project[j]] if per_project else 0
            keys[j] = -float(first[j] + dur[j])
        back_end = decode(
            keys,
            dur,
            demand,
            b_min,
            fixed,
            b_in_ptr,
            b_in_src,
            b_in_delta,
            b_out_ptr,
            b_out_dst,
            use_ptr,
            use_res,
            levels,
            mirror,
            ops,
        )
        if back_end < 0:
            return -1
        _fill(levels, base, max(back_end, end))
        for j in range(n):
            keys[j] = float(end - mirror[j] - dur[j]) + rank_offset[j]
        child_end = decode(
            keys,
            dur,
            demand,
            min_start,
            fixed,
            f_in_ptr,
            f_in_src,
            f_in_delta,
            f_out_ptr,
            f_out_dst,
            use_ptr,
            use_res,
            work,
            child,
            ops,
        )
        if child_end < 0:
            return -1
        _restore(work, residual_fwd, child_end)
        score_into(child, dur, fixed, project, project_class, finish, score)
        worst = 0
        for i in range(1, size):
            if not _lex_le(pop_score[i], pop_score[worst]):
                worst = i
        if not _lex_le(score, pop_score[worst]):
            continue
        duplicate = False
        for i in range(size):
            same = True
            for k in range(score.shape[0]):
                if pop_score[i, k] != score[k]:
                    same = False
                    break
            if same:
                for j in range(n):
                    if pop_starts[i, j] != child[j]:
                        same = False
                        break
            if same:
                duplicate = True
                break
        if duplicate:
            continue
        pop_starts[worst, :] = child
        pop_score[worst, :] = score
        accepted += 1
    return accepted


@_njit
def forward_pass(es: Any, order: Any, in_ptr: Any, in_src: Any, in_delta: Any) -> None:
    """CPM forward pass in place: ``es[j] >= es[src] + delta`` over ``order`` (topological)."""
    for j in order:
        for a in range(in_ptr[j], in_ptr[j + 1]):
            cand = es[in_src[a]] + in_delta[a]
            if cand > es[j]:
                es[j] = cand


@_njit
def backward_pass(ls: Any, order: Any, out_ptr: Any, out_dst: Any, out_delta: Any) -> None:
    """CPM backward pass in place: ``ls[j] <= ls[dst] - delta`` over ``order`` reversed."""
    for k in range(order.shape[0] - 1, -1, -1):
        j = order[k]
        for a in range(out_ptr[j], out_ptr[j + 1]):
            cand = ls[out_dst[a]] - out_delta[a]
            if cand < ls[j]:
                ls[j] = cand


@_njit
def topological_order(member: Any, in_ptr: Any, in_src: Any, out_ptr: Any, out_dst: Any) -> Any:
    """Kahn's order of the ``member`` tasks (arcs from non-members ignored), smallest index
    first among those ready; shorter than the members when they hold a cycle."""
    n = member.shape[0]
    missing = np.zeros(n, dtype=np.int64)
    hk = np.empty(n, dtype=np.float64)
    hj = np.empty(n, dtype=np.int64)
    size = 0
    for j in range(n):
        if member[j]:
            for a in range(in_ptr[j], in_ptr[j + 1]):
                if member[in_src[a]]:
                    missing[j] += 1
            if missing[j] == 0:
                size = _heap_push(hk, hj, size, float(j), j)
    out = np.empty(n, dtype=np.int64)
    count = 0
    while size > 0:
        j = _heap_pop(hk, hj, size)
        size -= 1
        out[count] = j
        count += 1
        for a in range(out_ptr[j], out_ptr[j + 1]):
            s = out_dst[a]
            if member[s]:
                missing[s] -= 1
                if missing[s] == 0:
                    size = _heap_push(hk, hj, size, float(s), s)
    return out[:count]


@_njit
def inherit_minimum(values: Any, order: Any, out_ptr: Any, out_dst: Any) -> None:
    """In place, over ``order`` reversed: each task takes the minimum over its successors too."""
    for k in range(order.shape[0] - 1, -1, -1):
        j = order[k]
        for a in range(out_ptr[j], out_ptr[j + 1]):
            if values[out_dst[a]] < values[j]:
                values[j] = values[out_dst[a]]
