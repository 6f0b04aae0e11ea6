"""Working-day calendars: dates <-> working-day indices, and how CPM dates are shown.

Index 0 is the first working day on or after the origin date; index ``k`` is the
``k``-th working day after it (negative indices count back). A task with early start
``es`` and exclusive early finish ``ef`` starts on ``date(es)`` and, when its duration
is at least one day, finishes on ``date(ef - 1)``. A milestone at ``t > 0`` is shown on
``date(t - 1)`` (the end of the day before), one at ``t = 0`` on ``date(0)``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import cast

import numpy as np
import numpy.typing as npt

DateArray = npt.NDArray[np.datetime64]
IntArray = npt.NDArray[np.int64]
DateLike = dt.date | np.datetime64 | str


@dataclass(frozen=True)
class WorkCalendar:
    """Working weekdays (0 = Monday .. 6 = Sunday) and holiday dates.

    The default is Monday to Friday without holidays. Conversions are vectorised over
    numpy ``datetime64[D]`` arrays (scalars are accepted too) using ``numpy.busday_*``.
    """

    workdays: frozenset[int] = frozenset({0, 1, 2, 3, 4})
    holidays: tuple[dt.date, ...] = ()
    _busdays: np.busdaycalendar = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.workdays or not self.workdays <= set(range(7)):
            raise ValueError("workdays must be a non-empty subset of 0..6")
        weekmask = [day in self.workdays for day in range(7)]
        holidays = np.array(sorted(self.holidays), dtype="datetime64[D]")
        object.__setattr__(self, "_busdays", np.busdaycalendar(weekmask=weekmask, holidays=holidays))

    @classmethod
    def of(cls, workdays: Iterable[int], holidays: Iterable[DateLike] = ()) -> WorkCalendar:
        """Build from any iterables (holidays as dates, ``datetime64`` or ISO strings)."""
        days = tuple(_as_date(day) for day in holidays)
        return cls(frozenset(workdays), days)

    def origin_day(self, origin: DateLike) -> dt.date:
        """The date of index 0: the first working day on or after ``origin``."""
        rolled = np.busday_offset(_day(origin), 0, roll="forward", busdaycal=self._busdays)
        return _as_date(rolled)

    def index_of(self, dates: npt.ArrayLike, origin: DateLike) -> IntArray:
        """Working-day index of each date, for a start: a non-working date rolls forward."""
        start = self._start(origin)
        days = np.asarray(dates, dtype="datetime64[D]")
        counts = np.busday_count(start, days, busdaycal=self._busdays)
        return np.asarray(counts, np.int64)

    def finish_index_of(self, dates: npt.ArrayLike, origin: DateLike) -> IntArray:
        """Exclusive end index (EF) of work finishing on each date (inclusive).

        A non-working finish date rolls back to the last working day before it.
        """
        start = self._start(origin)
        days = np.asarray(dates, dtype="datetime64[D]") + np.timedelta64(1, "D")
        counts = np.busday_count(start, days, busdaycal=self._busdays)
        return np.asarray(counts, np.int64)

    def date_of(self, indices: npt.ArrayLike, origin: DateLike) -> DateArray:
        """The date of each working-day index."""
        steps = np.asarray(indices, np.int64)
        return np.busday_offset(self._start(origin), steps, roll="forward", busdaycal=self._busdays)

    def start_dates(self, es: npt.ArrayLike, origin: DateLike) -> DateArray:
        """Displayed start dates: ``date(es)``."""
        return self.date_of(es, origin)

    def finish_dates(self, ef: npt.ArrayLike, origin: DateLike) -> DateArray:
        """Displayed finish dates: ``date(ef - 1)``, or ``date(0)`` for ``ef = 0``.

        This covers milestones too: a milestone's ``ef`` equals its start ``t``.
        """
        ends = np.asarray(ef, np.int64)
        return self.date_of(np.where(ends > 0, ends - 1, 0), origin)

    def milestone_dates(self, t: npt.ArrayLike, origin: DateLike) -> DateArray:
        """Displayed date of milestones at ``t``: ``date(t - 1)``, ``date(0)`` at 0."""
        return self.finish_dates(t, origin)

    def _start(self, origin: DateLike) -> np.datetime64:
        rolled: np.datetime64 = np.busday_offset(_day(origin), 0, roll="forward", busdaycal=self._busdays)
        return rolled


def _day(value: DateLike) -> np.datetime64:
    return cast(np.datetime64, np.asarray(value, dtype="datetime64[D]")[()])


def _as_date(value: DateLike) -> dt.date:
    if isinstance(value, dt.date):
        return value
    converted: dt.date = _day(value).astype(dt.date)
    return converted
