"""Resource load and over-allocation of a schedule (pure functions).

Days are integers from the schedule origin (day 0); a task starting on day
``s`` with duration ``d`` uses its demand on days ``s .. s + d - 1``.  Days
before the origin (work recorded before it) are left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

import numpy as np
import numpy.typing as npt

from domain.resources.core.model import LevelingProblem

FloatArray = npt.NDArray[np.float64]

# Units are floats (0.5 of a person); below this a difference is rounding noise.
TOLERANCE = 1e-9


@dataclass(frozen=True, slots=True)
class ResourceLoad:
    """Per resource (rows) and day (columns): units demanded and available."""

    demand: FloatArray
    capacity: FloatArray

    @property
    def over(self) -> npt.NDArray[np.bool_]:
        return self.demand > self.capacity + TOLERANCE

    def over_allocated_days(self, resource: int) -> tuple[int, ...]:
        return tuple(int(d) for d in np.flatnonzero(self.over[resource]))


def resource_load(problem: LevelingProblem, starts: Sequence[int], horizon: int | None = None) -> ResourceLoad:
    """Load over days ``0 .. horizon - 1`` (default: up to the last finish)."""
    tasks = problem.tasks
    if len(starts) != len(tasks):
        raise ValueError("one start per task is needed")
    if horizon is None:
        horizon = max([0] + [s + t.duration for s, t in zip(starts, tasks, strict=True)])
    n_res = len(problem.resources)
    demand = np.zeros((n_res, horizon), dtype=np.float64)
    for s, t in zip(starts, tasks, strict=True):
        lo, hi = max(0, s), min(horizon, s + t.duration)
        if hi <= lo:
            continue
        for r, units in t.demand.items():
            demand[r, lo:hi] += units
    capacity = np.array(
        [[res.capacity_on(day) for day in range(horizon)] for res in problem.resources],
        dtype=np.float64,
    ).reshape(n_res, horizon)
    return ResourceLoad(demand, capacity)


def tasks_on_over_allocated_days(
    problem: LevelingProblem, starts: Sequence[int], load: ResourceLoad
) -> tuple[bool, ...]:
    """Per task: does it use a resource on a day that resource is over-allocated?"""
    over = load.over
    flags: list[bool] = []
    for s, t in zip(starts, problem.tasks, strict=True):
        lo, hi = max(0, s), min(over.shape[1], s + t.duration)
        flags.append(hi > lo and any(units > 0 and bool(np.any(over[r, lo:hi])) for r, units in t.demand.items()))
    return tuple(flags)


class Period(StrEnum):
    WEEK = "week"
    MONTH = "month"


@dataclass(frozen=True, slots=True)
class PeriodLoad:
    resource: int
    # (ISO year, ISO week) for weeks, (year, month) for months.
    period: tuple[int, int]
    first_day: int
    last_day: int
    demand: float  # unit-days
    capacity: float  # unit-days
    over_allocated_days: int

    @property
    def over_allocated(self) -> bool:
        return self.over_allocated_days > 0 or self.demand > self.capacity + TOLERANCE


def _period_of(day: date, period: Period) -> tuple[int, int]:
    if period is Period.WEEK:
        iso = day.isocalendar()
        return (iso.year, iso.week)
    return (day.year, day.month)


def roll_up(load: ResourceLoad, dates: Sequence[date], period: Period) -> tuple[PeriodLoad, ...]:
    """Sum days into calendar weeks or months; ``dates[d]`` is the date of day ``d``.

    Only the days ``dates`` covers are rolled up, so a working-day calendar
    (weekends and holidays absent from the time line) rolls up correctly.
    """
    days = min(len(dates), load.demand.shape[1])
    over = load.over
    out: list[PeriodLoad] = []
    for r in range(load.demand.shape[0]):
        first = 0
        while first < days:
            key = _period_of(dates[first], period)
            last = first
            while last + 1 < days and _period_of(dates[last + 1], period) == key:
                last += 1
            span = slice(first, last + 1)
            out.append(
                PeriodLoad(
                    resource=r,
                    period=key,
                    first_day=first,
                    last_day=last,
                    demand=float(np.sum(load.demand[r, span])),
                    capacity=float(np.sum(load.capacity[r, span])),
                    over_allocated_days=int(np.count_nonzero(over[r, span])),
                )
            )
            first = last + 1
    return tuple(out)
