"""Earned value over many projects: the sums of their amounts, and one earned schedule.

A portfolio's BAC, PV, EV and AC are the sums of its projects' (one currency per portfolio);
its indices and estimates follow from those sums. Its earned schedule treats the portfolio as
one project (Lipke: ES applies at any level of aggregation): the plan is the sum of the
projects' PV, read at the end of each working day of a portfolio calendar counted from the
earliest origin of a project with a budget. That calendar is the projects' own when they share
one, else Monday to Friday without holidays (or the one given).
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from domain.monitoring.core.curves import EPOCH, Curves
from domain.monitoring.core.data import DateArray, as_date
from domain.monitoring.core.indices import EarnedValue, earned_value
from domain.monitoring.core.methods import EacMethod
from domain.monitoring.core.minor import IntArray
from domain.monitoring.core.project import totals
from domain.monitoring.core.schedule import earned_schedule
from domain.monitoring.core.series import Granularity, Series, matrix, period_ends
from domain.planning.core.calendar import WorkCalendar


def decimals_of(c: Curves) -> int:
    places = {data.decimals for data in c.projects}
    if len(places) > 1:
        raise ValueError("projects of one portfolio share one currency")
    return places.pop() if places else 2


def common_calendar(c: Curves) -> WorkCalendar:
    """The projects' calendar when they all use one, else Monday to Friday."""
    return c.calendars[0] if len(c.calendars) == 1 else WorkCalendar()


def planned_finishes(c: Curves, projects: IntArray) -> DateArray:
    """The last planned working day of each project, on its own calendar."""
    durations = np.diff(c.pv_offset)[projects] - 1
    index = c.origin_count[projects] + np.maximum(durations - 1, 0)
    out = np.empty(len(projects), "datetime64[D]")
    for g, calendar in enumerate(c.calendars):
        mine = c.calendar_of[projects] == g
        out[mine] = calendar.date_of(index[mine], EPOCH)
    return out


def portfolio_curve(c: Curves, calendar: WorkCalendar, origin: dt.date) -> IntArray:
    """Summed PV at the end of each working day of ``calendar`` from ``origin`` (index = days done)."""
    budgeted = np.flatnonzero(np.asarray(c.bac > 0, bool))
    finishes = planned_finishes(c, budgeted)
    length = int(calendar.finish_index_of(finishes.max(), origin)) + 1 if len(finishes) else 1
    ends = calendar.date_of(np.arange(length, dtype=np.int64) - 1, origin)
    curve: IntArray = c.pv_at(budgeted[:, None], ends[None, :]).sum(axis=0)
    total = int(sum(c.bac.tolist()))
    if int(curve[-1]) < total:  # a project finishing on a day the portfolio calendar does not work
        curve = np.append(curve, total)
    return curve


def portfolio_earned_value(
    c: Curves, as_of: dt.date, method: EacMethod = EacMethod.CPI, calendar: WorkCalendar | None = None
) -> EarnedValue | None:
    """The portfolio's figures at the end of ``as_of``; ``None`` without projects."""
    if not c.count:
        return None
    bac, pv, ev, ac = (int(sum(column.tolist())) for column in totals(c, as_of))
    schedule = None
    if bac > 0:
        cal = calendar or common_calendar(c)
        budgeted = np.asarray(c.bac > 0, bool)
        origin = cal.origin_day(as_date(c.origin[budgeted].min()))
        curve = portfolio_curve(c, cal, origin)
        at = max(int(cal.finish_index_of(np.datetime64(as_of, "D"), origin)), 0)
        schedule = earned_schedule(curve, ev, at, cal, origin)
    return earned_value(as_of, bac, pv, ev, ac, decimals=decimals_of(c), method=method, schedule=schedule)


def portfolio_series(c: Curves, first: dt.date, last: dt.date, granularity: Granularity) -> Series:
    """The sum of the projects' S-curves over the window."""
    ends = period_ends(first, last, granularity)
    pv, ev, ac = matrix(c, ends)
    return Series(ends, pv.sum(axis=0), ev.sum(axis=0), ac.sum(axis=0), decimals_of(c))
