"""Plain-object inputs (dates and ``Decimal`` amounts) turned into a project's arrays.

This is the exact edge of the core: each ``Decimal`` becomes whole minor units here (half to
even if it has more places than the currency, which the API never lets through), and each
date a working-day index of the project's calendar.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

import numpy as np

from domain.monitoring.core.data import NONE, DateArray, ProjectData
from domain.monitoring.core.methods import FULL, EvMethod
from domain.monitoring.core.minor import to_minor
from domain.planning.core.calendar import WorkCalendar

# Without a baseline start to count from, the time line starts here (only AC can be non-zero).
_NO_BASELINE_ORIGIN = dt.date(2000, 1, 3)


@dataclass(frozen=True)
class TaskInput:
    """One task: its baseline (``start``/``finish`` inclusive dates and ``budget``; ``None``
    dates when the task is not in the baseline), its progress history as ``(status date,
    percent complete)`` in recording order, its actual costs as ``(date, amount)``, and its
    actual start (read by the 50/50 method only)."""

    budget: Decimal = Decimal(0)
    start: dt.date | None = None
    finish: dt.date | None = None
    progress: Sequence[tuple[dt.date, float]] = ()
    actuals: Sequence[tuple[dt.date, Decimal]] = ()
    actual_start: dt.date | None = None


_ORDINAL_1970 = dt.date(1970, 1, 1).toordinal()


def day_array(days: Sequence[dt.date | None]) -> DateArray:
    """Dates as ``datetime64[D]`` (``None`` as NaT), through ordinals: much faster than numpy's
    conversion of date objects."""
    missing = [d is None for d in days]
    ordinals = np.array([0 if d is None else d.toordinal() - _ORDINAL_1970 for d in days], np.int64)
    out: DateArray = ordinals.astype("datetime64[D]")
    if any(missing):
        out[np.array(missing)] = np.datetime64("NaT")
    return out


def basis_points(percent: float) -> int:
    """Percent complete in whole hundredths of a percent, clipped to 0 .. 100 %."""
    return min(max(round(percent * 100), 0), FULL)


def project_data(
    tasks: Sequence[TaskInput],
    *,
    calendar: WorkCalendar | None = None,
    method: EvMethod = EvMethod.PERCENT_COMPLETE,
    decimals: int = 2,
) -> ProjectData:
    """The arrays of a project; its origin is its earliest baseline start."""
    cal = calendar or WorkCalendar()
    planned = [t.start is not None and t.finish is not None for t in tasks]
    starts = [t.start for t, p in zip(tasks, planned, strict=True) if p and t.start is not None]
    origin = cal.origin_day(min(starts)) if starts else _NO_BASELINE_ORIGIN
    start = np.full(len(tasks), NONE, np.int64)
    span = np.zeros(len(tasks), np.int64)
    rows = [i for i, p in enumerate(planned) if p]
    if rows:
        first = cal.index_of(day_array([tasks[i].start for i in rows]), origin)
        end = cal.finish_index_of(day_array([tasks[i].finish for i in rows]), origin)
        # A start on a non-working day before the origin rolls forward to it.
        start[rows] = np.maximum(first, 0)
        span[rows] = end - start[rows]  # at least 1 is used (ProjectData)
    progress = [(i, day, basis_points(pct)) for i, t in enumerate(tasks) for day, pct in t.progress]
    costs = [(i, day, to_minor(amount, decimals)) for i, t in enumerate(tasks) for day, amount in t.actuals]
    return ProjectData(
        calendar=cal,
        origin=origin,
        decimals=decimals,
        method=method,
        budget=np.array([to_minor(t.budget, decimals) if p else 0 for t, p in zip(tasks, planned, strict=True)]),
        start=start,
        span=span,
        actual_start=day_array([t.actual_start for t in tasks]),
        progress_task=np.array([p[0] for p in progress], np.int64),
        progress_date=day_array([p[1] for p in progress]),
        progress_bp=np.array([p[2] for p in progress], np.int64),
        cost_task=np.array([c[0] for c in costs], np.int64),
        cost_date=day_array([c[1] for c in costs]),
        cost_amount=np.array([c[2] for c in costs], np.int64),
    )
