"""A slow, obviously-correct earned-value model to check the core against.

Dates are walked one by one, shares are exact ``Fraction``s rounded with ``decimal``'s
ROUND_HALF_EVEN, and nothing is vectorised or cumulated.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction

from domain.monitoring.core import EvMethod, TaskInput, basis_points

ONE_DAY = dt.timedelta(days=1)


def half_even(value: Fraction) -> int:
    """``value`` rounded to a whole number, ties to even, by ``decimal``."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return int(exact.to_integral_value(rounding=ROUND_HALF_EVEN))


class Reference:
    def __init__(
        self,
        tasks: list[TaskInput],
        workdays: frozenset[int],
        holidays: frozenset[dt.date],
        method: EvMethod,
        decimals: int = 2,
    ) -> None:
        self.tasks, self.workdays, self.holidays, self.method, self.scale = (
            tasks,
            workdays,
            holidays,
            method,
            10**decimals,
        )
        starts = [t.start for t in tasks if t.start is not None and t.finish is not None]
        origin = min(starts) if starts else dt.date(2000, 1, 3)
        while not self.working(origin):
            origin += ONE_DAY
        self.origin = origin
        self._tau: dict[dt.date, int] = {}

    def working(self, day: dt.date) -> bool:
        return day.weekday() in self.workdays and day not in self.holidays

    def tau(self, day: dt.date) -> int:
        """Working days from the origin through ``day`` (0 before it)."""
        if day not in self._tau:
            self._tau[day] = self._count_through(day)
        return self._tau[day]

    def _count_through(self, day: dt.date) -> int:
        count, cursor = 0, self.origin
        while cursor <= day:
            count += self.working(cursor)
            cursor += ONE_DAY
        return count

    def planned(self, task: TaskInput) -> bool:
        return task.start is not None and task.finish is not None

    def budget(self, task: TaskInput) -> int:
        return int(task.budget * self.scale) if self.planned(task) else 0

    def task_pv(self, task: TaskInput, day: dt.date) -> int:
        if not self.planned(task) or day < self.origin:
            return 0
        assert task.start is not None and task.finish is not None
        first = self.tau(task.start - ONE_DAY)  # working days before the start: its start index
        span = max(self.tau(task.finish) - first, 1)  # planned on no working day: on its first
        now = self.tau(day)
        done = min(max(now - first, 0), span)
        return half_even(Fraction(self.budget(task) * done, span))

    def task_ev(self, task: TaskInput, day: dt.date) -> int:
        # The latest-dated entry on or before the day; of entries on one date, the last recorded.
        entries = [(when, k, basis_points(p)) for k, (when, p) in enumerate(task.progress) if when <= day]
        bp = max(entries)[2] if entries else 0
        full = self.budget(task)
        if self.method is EvMethod.PERCENT_COMPLETE:
            return half_even(Fraction(full * bp, 10_000))
        if bp >= 10_000:
            return full
        if self.method is EvMethod.ZERO_HUNDRED:
            return 0
        started = bp > 0 or (task.actual_start is not None and task.actual_start <= day)
        return half_even(Fraction(full, 2)) if started else 0

    def task_ac(self, task: TaskInput, day: dt.date) -> int:
        return sum(int(amount * self.scale) for when, amount in task.actuals if when <= day)

    def totals(self, day: dt.date) -> tuple[int, int, int, int]:
        return (
            sum(self.budget(t) for t in self.tasks),
            sum(self.task_pv(t, day) for t in self.tasks),
            sum(self.task_ev(t, day) for t in self.tasks),
            sum(self.task_ac(t, day) for t in self.tasks),
        )

    def planned_duration(self) -> int:
        ends = [
            max(self.tau(t.finish), self.tau(t.start - ONE_DAY) + 1)
            for t in self.tasks
            if t.start is not None and t.finish is not None
        ]
        return max(ends) if ends else 0

    def earned_schedule(self, ev: int) -> Fraction:
        """Walk the plan day by day to the first day whose PV reaches ``ev``; interpolate."""
        curve = []
        for tau in range(self.planned_duration() + 1):
            day = self.day_with_tau(tau)
            curve.append(sum(self.task_pv(t, day) for t in self.tasks))
        if ev <= curve[0]:
            return Fraction(0)
        for c in range(1, len(curve)):
            if curve[c] >= ev:
                return (c - 1) + Fraction(ev - curve[c - 1], curve[c] - curve[c - 1])
        return Fraction(len(curve) - 1)

    def day_with_tau(self, tau: int) -> dt.date:
        """A date whose end has exactly ``tau`` working days done (the day before the origin for 0)."""
        day = self.origin - ONE_DAY
        done = 0
        while done < tau:
            day += ONE_DAY
            done += self.working(day)
        return day
