"""Integer arrays the schedulers work on, compiled once from a LevelingProblem.

Every link becomes a start-to-start arc ``S[dst] >= S[src] + delta``; unit
amounts are scaled to integers so capacity checks are exact.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from domain.resources.core.model import ImpossibleDemand, LevelingProblem, Link, LinkType
from domain.resources.core.search.kernels import backward_pass, forward_pass, inherit_minimum, topological_order

IntArray = npt.NDArray[np.int64]

# Fractional units (0.5 of a person) are kept to a thousandth of a unit.
FRACTIONAL_SCALE = 1000


def arc_delta(link: Link, pred_duration: int, succ_duration: int) -> int:
    if link.type is LinkType.FS:
        return pred_duration + link.lag
    if link.type is LinkType.SS:
        return link.lag
    if link.type is LinkType.FF:
        return pred_duration + link.lag - succ_duration
    return link.lag - succ_duration


@dataclass(frozen=True, slots=True)
class Compiled:
    n: int
    durations: IntArray
    demand: IntArray  # (n, R), capped at the resource's base capacity
    min_start: IntArray  # floor 0, release; the fixed start for fixed tasks
    fixed: npt.NDArray[np.bool_]
    # Arcs into non-fixed tasks only, CSR by destination.
    in_ptr: IntArray
    in_src: IntArray
    in_delta: IntArray
    # Same arcs, CSR by source.
    out_ptr: IntArray
    out_dst: IntArray
    out_delta: IntArray
    topo: IntArray  # non-fixed tasks in a precedence-feasible order
    base_capacity: IntArray  # (R,) capacity on days past the profile
    residual: IntArray  # (R, T0) capacity left by profiles and fixed tasks
    project: IntArray
    class_rank: IntArray  # per task, 0 = most important priority class
    # Placement rank: a task's class or the best class among its transitive
    # successors, so the predecessors of important work are not starved.
    key_rank: IntArray
    n_classes: int
    n_projects: int
    scale: int
    impossible: tuple[ImpossibleDemand, ...]

    @property
    def n_resources(self) -> int:
        return int(self.base_capacity.shape[0])


def _is_integral(value: float) -> bool:
    return abs(value - round(value)) < 1e-9


def _choose_scale(problem: LevelingProblem) -> int:
    values = [r.capacity for r in problem.resources]
    values += [c for r in problem.resources for c in r.profile]
    values += [q for t in problem.tasks for q in t.demand.values()]
    return 1 if all(_is_integral(v) for v in values) else FRACTIONAL_SCALE


def _csr(keys: list[int], a: list[int], b: list[int], n: int) -> tuple[IntArray, ...]:
    key = np.asarray(keys, dtype=np.int64)
    order = np.argsort(key, kind="stable")
    ptr = np.zeros(n + 1, dtype=np.int64)
    ptr[1:] = np.cumsum(np.bincount(key, minlength=n)) if key.size else 0
    return ptr, np.asarray(a, dtype=np.int64)[order], np.asarray(b, dtype=np.int64)[order]


def compile_problem(problem: LevelingProblem) -> Compiled:
    tasks = problem.tasks
    n = len(tasks)
    n_res = len(problem.resources)
    scale = _choose_scale(problem)
    durations = np.array([t.duration for t in tasks], dtype=np.int64)
    if np.any(durations < 0):
        raise ValueError("task durations must be >= 0")
    fixed = np.array([t.fixed_start is not None for t in tasks], dtype=bool)
    min_start = np.array(
        [t.fixed_start if t.fixed_start is not None else max(0, t.release or 0) for t in tasks],
        dtype=np.int64,
    )
    base = np.array([math.floor(r.capacity * scale + 1e-9) for r in problem.resources], dtype=np.int64)
    if np.any(base < 0):
        raise ValueError("resource capacities must be >= 0")

    demand = np.zeros((n, n_res), dtype=np.int64)
    impossible: list[ImpossibleDemand] = []
    for j, t in enumerate(tasks):
        for r, units in t.demand.items():
            if not 0 <= r < n_res:
                raise ValueError(f"task {j} demands unknown resource {r}")
            q = math.ceil(units * scale - 1e-9)
            if q < 0:
                raise ValueError(f"task {j} has a negative demand")
            if q > base[r]:
                impossible.append(ImpossibleDemand(j, r, float(units), float(problem.resources[r].capacity)))
                q = int(base[r])
            demand[j, r] = q

    src: list[int] = []
    dst: list[int] = []
    delta: list[int] = []
    for link in problem.links:
        if not (0 <= link.pred < n and 0 <= link.succ < n) or link.pred == link.succ:
            raise ValueError(f"invalid link {link}")
        if fixed[link.succ]:
            continue
        src.append(link.pred)
        dst.append(link.succ)
        delta.append(arc_delta(link, tasks[link.pred].duration, tasks[link.succ].duration))
    in_ptr, in_src, in_delta = _csr(dst, src, delta, n)
    out_ptr, out_dst, out_delta = _csr(src, dst, delta, n)

    n_projects = max([len(problem.projects)] + [t.project + 1 for t in tasks])
    priorities = [problem.projects[p].priority if p < len(problem.projects) else 0 for p in range(n_projects)]
    ranks = {prio: i for i, prio in enumerate(sorted(set(priorities), reverse=True))}
    project = np.array([t.project for t in tasks], dtype=np.int64)
    if np.any(project < 0):
        raise ValueError("project indices must be >= 0")
    class_rank = np.array([ranks[priorities[p]] for p in project.tolist()], dtype=np.int64)

    free = np.flatnonzero(~fixed).astype(np.int64)
    topo = topological_order(~fixed, in_ptr, in_src, out_ptr, out_dst)
    if len(topo) != len(free):
        raise ValueError("links form a cycle among tasks that are not fixed")

    fixed_end = [int(min_start[j] + durations[j]) for j in np.flatnonzero(fixed).tolist()]
    horizon0 = max([1] + [len(r.profile) for r in problem.resources] + fixed_end)
    residual = np.empty((n_res, horizon0), dtype=np.int64)
    for r, res in enumerate(problem.resources):
        residual[r, :] = base[r]
        for day, cap in enumerate(res.profile):
            residual[r, day] = max(0, math.floor(cap * scale + 1e-9))
    for j in np.flatnonzero(fixed).tolist():
        lo = max(0, int(min_start[j]))
        hi = int(min_start[j] + durations[j])
        if hi > lo:
            # Full demand, not capped: recorded work really used what it used.
            full = np.array(
                [math.ceil(tasks[j].demand.get(r, 0.0) * scale - 1e-9) for r in range(n_res)],
                dtype=np.int64,
            )
            residual[:, lo:hi] -= full[:, None]
    np.maximum(residual, 0, out=residual)

    return Compiled(
        n=n,
        durations=durations,
        demand=demand,
        min_start=min_start,
        fixed=fixed,
        in_ptr=in_ptr,
        in_src=in_src,
        in_delta=in_delta,
        out_ptr=out_ptr,
        out_dst=out_dst,
        out_delta=out_delta,
        topo=topo,
        base_capacity=base,
        residual=residual,
        project=project,
        class_rank=class_rank,
        key_rank=_inherited_rank(class_rank, topo, out_ptr, out_dst),
        n_classes=len(ranks),
        n_projects=n_projects,
        scale=scale,
        impossible=tuple(impossible),
    )


def _inherited_rank(rank: IntArray, topo: IntArray, out_ptr: IntArray, out_dst: IntArray) -> IntArray:
    out = rank.copy()
    inherit_minimum(out, topo, out_ptr, out_dst)
    return out


def predecessor_closure(c: Compiled, mask: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
    """``mask`` plus every non-fixed task some masked task transitively depends on."""
    closed = mask & ~c.fixed
    for j in c.topo[::-1].tolist():
        if closed[j]:
            src = c.in_src[c.in_ptr[j] : c.in_ptr[j + 1]]
            closed[src[~c.fixed[src]]] = True
    return closed


def freeze(c: Compiled, mask: npt.NDArray[np.bool_], starts: IntArray) -> Compiled:
    """``c`` with the masked tasks fixed at ``starts``; ``mask`` must be closed
    under predecessors (see predecessor_closure), so no arc into a frozen task
    can be broken by the tasks still free."""
    frozen = mask & ~c.fixed
    keep_arc = ~np.repeat(frozen, np.diff(c.in_ptr))
    dst = np.repeat(np.arange(c.n, dtype=np.int64), np.diff(c.in_ptr))[keep_arc]
    src, delta = c.in_src[keep_arc], c.in_delta[keep_arc]
    in_ptr, in_src, in_delta = _csr(dst.tolist(), src.tolist(), delta.tolist(), c.n)
    out_ptr, out_dst, out_delta = _csr(src.tolist(), dst.tolist(), delta.tolist(), c.n)
    min_start = c.min_start.copy()
    min_start[frozen] = starts[frozen]
    ends = starts[frozen] + c.durations[frozen]
    width = max(c.residual.shape[1], int(np.max(ends, initial=0)))
    residual = np.repeat(c.base_capacity[:, None], width, axis=1)
    residual[:, : c.residual.shape[1]] = c.residual
    for j in np.flatnonzero(frozen).tolist():
        lo, hi = int(starts[j]), int(starts[j] + c.durations[j])
        residual[:, lo:hi] -= c.demand[j][:, None]
    return replace(
        c,
        min_start=min_start,
        fixed=c.fixed | frozen,
        in_ptr=in_ptr,
        in_src=in_src,
        in_delta=in_delta,
        out_ptr=out_ptr,
        out_dst=out_dst,
        out_delta=out_delta,
        topo=c.topo[~frozen[c.topo]],
        residual=np.maximum(residual, 0),
    )


def early_starts(c: Compiled) -> IntArray:
    """Resource-unconstrained earliest starts (CPM forward pass)."""
    es = c.min_start.copy()
    forward_pass(es, c.topo, c.in_ptr, c.in_src, c.in_delta)
    return es


def late_starts(c: Compiled, es: IntArray, due: IntArray | None = None) -> IntArray:
    """CPM backward pass against the unconstrained finish, or each task's ``due`` finish."""
    horizon = int(np.max(es + c.durations)) if c.n else 0
    ls = (horizon if due is None else due) - c.durations
    ls[c.fixed] = c.min_start[c.fixed]
    backward_pass(ls, c.topo, c.out_ptr, c.out_dst, c.out_delta)
    return ls
