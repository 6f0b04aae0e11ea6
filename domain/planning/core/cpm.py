"""Critical Path Method over a :class:`Network`: early/late dates, floats, critical path."""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType
from typing import Literal

import numpy as np
import numpy.typing as npt

from domain.planning.core import kernels as k
from domain.planning.core.codes import ConstraintType, LinkType
from domain.planning.core.cycles import cycle_among
from domain.planning.core.errors import CycleError
from domain.planning.core.network import IntArray, Network

Int32Array = npt.NDArray[np.int32]

Engine = Literal["numba", "python"]


@dataclass(frozen=True, slots=True)
class Schedule:
    """Result of :func:`compute_schedule`; per-task int64 arrays on the working-day line.

    ``ef``/``lf`` are exclusive ends (a task occupies days ``es .. ef - 1``).

    Attributes:
        es, ef: early start and finish.
        ls, lf: late start and finish.
        total_float: ``ls - es``; negative when a constraint or cap cannot be met.
        free_float: smallest slack over the task's binding outgoing links, else
            (its late-finish cap, or the project finish) minus ``ef``.
        critical: ``total_float <= 0``, for tasks without an actual finish.
        finish: project finish, the largest ``ef`` (0 for an empty network).
        order: a topological order of the tasks.
    """

    es: IntArray
    ef: IntArray
    ls: IntArray
    lf: IntArray
    total_float: IntArray
    free_float: IntArray
    critical: npt.NDArray[np.bool_]
    finish: int
    order: IntArray


def compute_schedule(network: Network, *, engine: Engine = "numba") -> Schedule:
    """Run the forward and backward CPM passes over ``network``.

    ``engine="numba"`` runs the compiled kernels (fastest from a handful of tasks up);
    ``"python"`` interprets the very same kernels, for platforms without numba and as
    a cross-check. Raises :class:`CycleError` naming one cycle if the links loop.
    """
    n = network.task_count
    table, code = _task_table(network)
    passes = k if engine == "python" else _compiled()

    offsets = np.zeros(n + 1, np.int64)
    links = np.empty((network.link_count, k.LINK_COLUMNS), np.int32)
    passes.build_links(network.pred, network.succ, code, network.lag, offsets, links, table)
    order = np.empty(n, np.int64)
    ordered_offsets = np.empty(n + 1, np.int64)
    ordered_links = np.empty_like(links)
    count, finish = passes.forward_pass(offsets, links, table, order, ordered_offsets, ordered_links)
    if count < n:
        placed = np.zeros(n, np.bool_)
        placed[order[:count]] = True
        raise CycleError(cycle_among(np.flatnonzero(~placed), network.pred, network.succ))
    finish = int(finish)
    passes.backward_pass(order, ordered_offsets, ordered_links, table, finish)

    es, ef, ls, lf, total_float, free_float = (np.empty(n, np.int64) for _ in range(6))
    passes.unpack(table, es, ef, ls, lf, total_float, free_float)
    critical = total_float <= 0
    if network.actual_finish is not None:
        critical &= network.actual_finish < 0
    return Schedule(
        es=es,
        ef=ef,
        ls=ls,
        lf=lf,
        total_float=total_float,
        free_float=free_float,
        critical=critical,
        finish=finish,
        order=order,
    )


def critical_path(schedule: Schedule) -> list[int]:
    """Indices of the critical tasks in schedule order (by ES, then EF, then index)."""
    tasks = np.flatnonzero(schedule.critical)
    ranked = np.lexsort((tasks, schedule.ef[tasks], schedule.es[tasks]))
    return [int(t) for t in tasks[ranked]]


def warm_up() -> None:
    """Load (or, on a machine's first run, compile) the numba kernels ahead of requests."""
    tiny = Network(
        durations=np.array([1, 0], np.int64),
        pred=np.array([0], np.int64),
        succ=np.array([1], np.int64),
        link_type=np.array([0], np.int64),
        lag=np.array([0], np.int64),
    )
    compute_schedule(tiny, engine="numba")


def _compiled() -> ModuleType:
    # Imported on first use so that importing the package does not pay numba's import.
    from domain.planning.core import compiled

    return compiled


def _task_table(network: Network) -> tuple[Int32Array, IntArray]:
    """The kernels' task table and per-link codes, from the network's optional arrays.

    Everything that does not depend on the links is folded here, vectorised, into a
    start floor, a finish floor and a ceiling per task, so the kernels stay small.
    """
    _check_horizon(network)
    n = network.task_count
    d = network.durations
    table = np.empty((n, k.TASK_COLUMNS), np.int32)
    table[:, k.DUR] = d
    table[:, k.LS] = -k.FAR
    table[:, k.LF] = -k.FAR
    table[:, k.OWN] = -1 if network.lf_cap is None else network.lf_cap
    kind = np.zeros(n, np.int64)
    start_floor = np.zeros(n, np.int64)
    finish_floor = np.zeros(n, np.int64)
    ceiling = np.full(n, k.FAR, np.int64)

    if network.release is not None:
        np.maximum(start_floor, network.release, out=start_floor)
    status = network.status_day
    if status is not None:
        np.maximum(start_floor, status, out=start_floor)
    if network.constraint_type is not None and network.constraint_day is not None:
        ctype, cday = network.constraint_type, network.constraint_day
        starts_at = (ctype == ConstraintType.SNET) | (ctype == ConstraintType.MSO)
        ends_at = (ctype == ConstraintType.FNET) | (ctype == ConstraintType.MFO)
        np.maximum(start_floor, np.where(starts_at, cday, 0), out=start_floor)
        np.maximum(start_floor, np.where(ends_at, cday - d, 0), out=start_floor)
        finish_floor = np.where(ends_at, cday, 0)
        start_ceiling = (ctype == ConstraintType.SNLT) | (ctype == ConstraintType.MSO)
        finish_ceiling = (ctype == ConstraintType.FNLT) | (ctype == ConstraintType.MFO)
        ceiling = np.where(start_ceiling | finish_ceiling, cday, k.FAR)
        kind[start_ceiling] = k.START_CEILING

    code = network.link_type
    actual_start, actual_finish = network.actual_start, network.actual_finish
    if actual_start is not None or actual_finish is not None:
        missing = np.full(n, -1, np.int64)
        actual_start = missing if actual_start is None else actual_start
        actual_finish = missing if actual_finish is None else actual_finish
        finished = actual_finish >= 0
        started = (actual_start >= 0) & ~finished
        # A started task resumes at the status day and runs its remaining duration.
        resume = actual_start.copy()
        if status is not None:
            np.maximum(resume, status, out=resume)
        left = d - (resume - actual_start)
        if network.remaining is not None:
            left = np.where(network.remaining >= 0, network.remaining, left)
        finish_floor = np.where(started, np.maximum(finish_floor, resume + np.maximum(left, 0)), 0)
        start_floor = np.where(started, actual_start, start_floor)
        start_floor = np.where(finished, np.where(actual_start >= 0, actual_start, actual_finish - d), start_floor)
        finish_floor = np.where(finished, actual_finish, finish_floor)
        kind[started] |= k.STARTED
        kind[finished] |= k.FINISHED
        # Links into finished tasks, and start links into started ones, bind nothing.
        into_finished = finished[network.succ]
        into_started = started[network.succ] & (code <= LinkType.SS)
        code = np.where(into_finished | into_started, code + k.SKIP, code)

    table[:, k.KIND] = kind
    table[:, k.ES] = start_floor
    table[:, k.EF] = finish_floor
    table[:, k.CEIL] = ceiling
    return table, code


def _check_horizon(network: Network) -> None:
    """Refuse time lines the int32 tables cannot hold (about a million years of days).

    Every date is a day given in the input plus at most all durations and all lags.
    """
    reach = int(network.durations.sum())
    if network.link_count:
        reach += int(np.abs(network.lag).sum())
    for days in (
        network.release,
        network.constraint_day,
        network.status_day,
        network.actual_start,
        network.actual_finish,
        network.remaining,
        network.lf_cap,
    ):
        if days is not None and np.size(days):
            reach += int(np.abs(days).max())
    if reach >= k.HORIZON:
        raise ValueError(f"time line too long: days and lags must stay below {k.HORIZON}")
