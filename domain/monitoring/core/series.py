"""Cumulative S-curves: PV, EV and AC at the end of every week or month of a window."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

import numpy as np

from domain.monitoring.core.curves import Curves
from domain.monitoring.core.data import DateArray
from domain.monitoring.core.minor import IntArray, from_minor

_DAY = np.timedelta64(1, "D")


class Granularity(StrEnum):
    """ISO weeks (Monday to Sunday) or calendar months."""

    WEEK = "WEEK"
    MONTH = "MONTH"


def period_ends(first: dt.date, last: dt.date, granularity: Granularity) -> DateArray:
    """The last day of every period that meets ``[first, last]``, the final one clipped to ``last``.

    Weeks end on Sunday, months on their last day: a window from Wednesday 7 to Tuesday 13
    January 2026 has the ends Sunday 11 and Tuesday 13.
    """
    start, stop = np.datetime64(first, "D"), np.datetime64(last, "D")
    if stop < start:
        return np.zeros(0, "datetime64[D]")
    ends: DateArray
    if granularity is Granularity.WEEK:
        weekday = (int(start.astype(np.int64)) + 3) % 7  # 1970-01-01 was a Thursday (Monday = 0)
        first_end = start + np.timedelta64(6 - weekday, "D")
        ends = np.arange(first_end, stop + _DAY, np.timedelta64(7, "D")).astype("datetime64[D]")
    else:
        months = np.arange(start.astype("datetime64[M]"), stop.astype("datetime64[M]") + 1)
        month_ends: DateArray = np.asarray((months + 1).astype("datetime64[D]") - _DAY, "datetime64[D]")
        ends = month_ends[month_ends <= stop]
    if not len(ends) or ends[-1] != stop:
        ends = np.append(ends, stop)
    result: DateArray = ends.astype("datetime64[D]")
    return result


@dataclass(frozen=True)
class Series:
    """Cumulative amounts (minor units) at each period end, of one project or a sum of them."""

    period_ends: DateArray
    pv: IntArray
    ev: IntArray
    ac: IntArray
    decimals: int

    def points(self) -> Iterator[tuple[dt.date, Decimal, Decimal, Decimal]]:
        """``(period end, PV, EV, AC)`` with exact ``Decimal`` amounts."""
        for end, pv, ev, ac in zip(
            self.period_ends.tolist(), self.pv.tolist(), self.ev.tolist(), self.ac.tolist(), strict=True
        ):
            yield end, from_minor(pv, self.decimals), from_minor(ev, self.decimals), from_minor(ac, self.decimals)


def matrix(c: Curves, ends: DateArray) -> tuple[IntArray, IntArray, IntArray]:
    """PV, EV and AC of every project (rows) at every date (columns)."""
    projects = np.arange(c.count)[:, None]
    dates = np.asarray(ends, "datetime64[D]")[None, :]
    return c.pv_at(projects, dates), c.ev_at(projects, dates), c.ac_at(projects, dates)


def project_series(c: Curves, first: dt.date, last: dt.date, granularity: Granularity) -> list[Series]:
    """Every project's S-curves over the window, in the order of ``c.projects``."""
    ends = period_ends(first, last, granularity)
    pv, ev, ac = matrix(c, ends)
    return [Series(ends, pv[p], ev[p], ac[p], data.decimals) for p, data in enumerate(c.projects)]
