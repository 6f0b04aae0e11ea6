"""Earned schedule (W. Lipke, "Schedule is Different", The Measurable News, March 2003;
Lipke & Henderson, "Earned Schedule: an emerging enhancement to EVM", 2006).

ES is the time at which the plan had earned what has been earned so far: with ``PV_c`` the
cumulative planned value at the end of period ``c``, ``ES = C + I`` where ``C`` is the number
of whole periods the earned value covers and ``I = (EV - PV_C) / (PV_C+1 - PV_C)`` the
fraction of the next. Periods here are the calendar's working days from the origin, so ES is
in working days. Then ``SV(t) = ES - AT``, ``SPI(t) = ES / AT`` and the forecast duration
``IEAC(t) = PD / SPI(t)`` (equal to ``AT + (PD - ES) / SPI(t)``), with AT the working days
elapsed and PD the planned duration.

Where the plan is flat (days that plan no cost), several times have the same PV; ES takes the
earliest (``C`` = the last period whose PV is still below EV), so nothing earned gives ES = 0,
not the end of a flat start. Where PV rises strictly this is Lipke's ``C`` exactly.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import numpy as np

from domain.monitoring.core.data import as_date
from domain.monitoring.core.indices import EarnedSchedule
from domain.monitoring.core.minor import IntArray
from domain.planning.core.calendar import WorkCalendar


def earned_schedule_periods(pv_curve: IntArray, ev: int) -> Fraction:
    """ES in periods, exactly: ``pv_curve[c]`` is cumulative PV at the end of period ``c``
    (``pv_curve[0]`` at the start, usually 0), non-decreasing; ``ev`` at most its last value."""
    if ev <= pv_curve[0]:
        return Fraction(0)
    reached = int(np.searchsorted(pv_curve, ev, side="left"))
    if reached >= len(pv_curve):  # more earned than planned: cap at the planned duration
        return Fraction(len(pv_curve) - 1)
    whole = reached - 1
    low, high = int(pv_curve[whole]), int(pv_curve[reached])
    return whole + Fraction(ev - low, high - low)


def earned_schedule(
    pv_curve: IntArray, ev: int, actual_time: int, calendar: WorkCalendar, origin: dt.date
) -> EarnedSchedule:
    """Lipke's indicators for a project whose plan is ``pv_curve`` (by working day from ``origin``)."""
    es = earned_schedule_periods(pv_curve, ev)
    # ES = n / d exactly; the ratios below stay in integers until they become floats.
    n, d = es.numerator, es.denominator
    planned, at = len(pv_curve) - 1, actual_time
    finish: dt.date | None = None
    ieac: float | None = None
    if at > 0 and n > 0:
        # IEAC(t) = PD / SPI(t) = PD x AT / ES; the forecast's last day is index ceil(IEAC) - 1.
        ieac = planned * at * d / n
        last_day = max(-(-planned * at * d // n) - 1, 0)
        finish = as_date(calendar.date_of(last_day, origin))
    return EarnedSchedule(
        earned_schedule=n / d,
        actual_time=at,
        planned_duration=planned,
        sv_t=(n - at * d) / d,
        spi_t=n / (d * at) if at > 0 else None,
        ieac_t=ieac,
        forecast_finish=finish,
    )
