"""The core's input: one project's baseline, progress history and actual costs, as arrays.

Time is measured as in the scheduling core: ``tau(d)`` is the number of the calendar's working
days from the project's origin (its first baseline start) through date ``d`` inclusive, so
``tau`` at the end of the first working day is 1; nothing is planned before the origin. A task
with baseline start index ``s`` and ``span`` working days plans its budget evenly over
``[s, s + span)``: at time ``tau`` its planned value is ``budget x clip(tau - s, 0, span) /
span``, rounded half to even to a minor unit. A task planned on no working day (one starting
and finishing on a Saturday) counts as planned on the working day at ``s``: spans are at least
1. A project's PV is the sum of its tasks' rounded PVs, so task and project figures add up.

Earned value at date ``d`` is each task's credit (see :func:`methods.credit`) at its latest
progress entry dated on or before ``d``; actual cost the sum of entries dated on or before ``d``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from domain.monitoring.core.methods import EvMethod
from domain.monitoring.core.minor import IntArray, fits
from domain.planning.core.calendar import WorkCalendar

DateArray = npt.NDArray[np.datetime64]
NONE = -1
_EPOCH_DATE = dt.date(1970, 1, 1)


def as_date(value: np.datetime64 | npt.NDArray[np.datetime64]) -> dt.date:
    """A single numpy day as a ``datetime.date``."""
    return _EPOCH_DATE + dt.timedelta(days=int(np.asarray(value, "datetime64[D]").astype(np.int64)))


def _ints(values: npt.ArrayLike) -> IntArray:
    return np.ascontiguousarray(values, dtype=np.int64)


def _days(values: npt.ArrayLike) -> DateArray:
    return np.ascontiguousarray(values, dtype="datetime64[D]")


@dataclass(frozen=True)
class ProjectData:
    """One project's earned-value inputs, as arrays (amounts in whole minor units).

    Per task (``n`` of them): ``budget`` its baseline planned cost (its share of BAC), ``start``
    its baseline start as a working-day index from ``origin`` (``NONE``: not in the baseline,
    so no budget), ``span`` its baseline working days (at least 1 is used), ``actual_start``
    its actual start date (NaT if none; only the 50/50 method reads it). Progress history: entries ``progress_task``,
    ``progress_date``, ``progress_bp`` (percent complete in hundredths of a percent) in the
    order they were recorded; a later entry on the same date wins. Actuals: ``cost_task``,
    ``cost_date``, ``cost_amount``.
    """

    calendar: WorkCalendar
    origin: dt.date
    decimals: int
    method: EvMethod
    budget: IntArray
    start: IntArray
    span: IntArray
    actual_start: DateArray
    progress_task: IntArray
    progress_date: DateArray
    progress_bp: IntArray
    cost_task: IntArray
    cost_date: DateArray
    cost_amount: IntArray
    _bac: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for name in ("budget", "start", "span", "progress_task", "progress_bp", "cost_task", "cost_amount"):
            object.__setattr__(self, name, _ints(getattr(self, name)))
        for name in ("actual_start", "progress_date", "cost_date"):
            object.__setattr__(self, name, _days(getattr(self, name)))
        object.__setattr__(self, "origin", self.calendar.origin_day(self.origin))
        object.__setattr__(self, "span", np.where(self.start != NONE, np.maximum(self.span, 1), 0))
        n = len(self.budget)
        if not (len(self.start) == len(self.span) == len(self.actual_start) == n):
            raise ValueError("budget, start, span and actual_start need one value per task")
        if not len(self.progress_task) == len(self.progress_date) == len(self.progress_bp):
            raise ValueError("progress arrays differ in length")
        if not len(self.cost_task) == len(self.cost_date) == len(self.cost_amount):
            raise ValueError("cost arrays differ in length")
        for name in ("progress_task", "cost_task"):
            tasks = getattr(self, name)
            if len(tasks) and (tasks.min() < 0 or tasks.max() >= n):
                raise ValueError(f"{name} names a task that does not exist")
        if np.any(self.span < 0) or np.any(self.start < NONE):
            raise ValueError("spans must be >= 0 and starts >= 0 (or NONE)")
        if np.any((self.start == NONE) & (self.budget != 0)):
            raise ValueError("a task outside the baseline has no budget")
        if np.any(self.budget < 0):
            raise ValueError("budgets must not be negative")
        if np.isnat(self.progress_date).any() or np.isnat(self.cost_date).any():
            raise ValueError("progress and cost entries need a date")
        exact = fits(int(self.budget.max(initial=0)), n)
        object.__setattr__(self, "_bac", int(self.budget.sum()) if exact else sum(self.budget.tolist()))

    @property
    def task_count(self) -> int:
        return len(self.budget)

    @property
    def bac(self) -> int:
        """Budget at completion: the sum of the baseline's task budgets (minor units)."""
        return self._bac
