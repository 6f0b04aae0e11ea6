"""Worked examples from the earned-value literature, reproduced through the core.

Each test names its source. Where a book states its figures rounded (to two places, or to
whole hundreds of dollars), the test states the exact figure and checks that it rounds to
the book's.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

from domain.monitoring.core import (
    EacMethod,
    EarnedValue,
    EvMethod,
    TaskInput,
    curves,
    earned_schedule_periods,
    earned_value,
    earned_values,
    project_data,
    task_earned_values,
)
from domain.monitoring.core.data import as_date
from domain.planning.core.calendar import WorkCalendar

CALENDAR = WorkCalendar()  # Monday to Friday
DAY0 = dt.date(2026, 1, 5)  # a Monday: working day 0 of the examples


def project_earned_value(
    tasks: list[TaskInput],
    as_of: dt.date,
    method: EacMethod = EacMethod.CPI,
    *,
    ev_method: EvMethod = EvMethod.PERCENT_COMPLETE,
) -> EarnedValue:
    return earned_values(curves([project_data(tasks, calendar=CALENDAR, method=ev_method)]), as_of, method)[0]


def working_day(k: int) -> dt.date:
    """The date of working day ``k`` (0-based) from DAY0."""
    return as_date(CALENDAR.date_of(k, DAY0))


def task(budget: str, first: int, days: int, percent: float, cost: str, status: int) -> TaskInput:
    """A task planned on working days ``first .. first + days - 1`` with progress and cost at ``status``."""
    return TaskInput(
        budget=Decimal(budget),
        start=working_day(first),
        finish=working_day(first + days - 1),
        progress=[(working_day(status - 1), percent)] if percent else [],
        actuals=[(working_day(status - 1), Decimal(cost))] if Decimal(cost) else [],
        actual_start=working_day(first) if percent else None,
    )


# Gray & Larson, "Project Management: The Managerial Process", ch. 13 (Progress and Performance
# Measurement and Evaluation), exercise status report ending period 12, amounts in $00:
#
#   task  BAC  status    EV   AC   PV
#   1       8  finished   8   10    8
#   2      40  finished  40   50   40
#   3      30  finished  30   40   30
#   4      20  finished  20   40   20
#   5      40  50 %      20   30   20
#   6      60  50 %      30   40   40
#   7      20  -          0    0    0
#   8      30  -          0    0    0
#   total 248           148  210  158     CV = -62, SV = -10, CPI = 0.70, SPI = 0.94,
#                                          EAC = BAC / CPI = 352, VAC = -104
#
# The periods are working days here; the baseline dates below time-phase each task evenly so that
# the plan at the end of period 12 is the book's PV (task 5 half of its 4 days, task 6 four of 6).
STATUS = 12
GRAY_LARSON = [
    ("800", 0, 2, 100.0, "1000"),
    ("4000", 2, 4, 100.0, "5000"),
    ("3000", 4, 4, 100.0, "4000"),
    ("2000", 8, 2, 100.0, "4000"),
    ("4000", 10, 4, 50.0, "3000"),
    ("6000", 8, 6, 50.0, "4000"),
    ("2000", 14, 2, 0.0, "0"),
    ("3000", 14, 3, 0.0, "0"),
]


def gray_larson() -> list[TaskInput]:
    return [task(b, first, days, pct, cost, STATUS) for b, first, days, pct, cost in GRAY_LARSON]


def test_gray_and_larson_status_report_at_period_12() -> None:
    tl = curves([project_data(gray_larson(), calendar=CALENDAR)])
    ev = earned_values(tl, working_day(STATUS - 1), EacMethod.CPI)[0]
    assert (ev.bac, ev.ev, ev.ac, ev.pv) == (
        Decimal("24800.00"),
        Decimal("14800.00"),
        Decimal("21000.00"),
        Decimal("15800.00"),
    )
    assert (ev.cv, ev.sv) == (Decimal("-6200.00"), Decimal("-1000.00"))
    assert ev.cpi is not None and ev.spi is not None
    assert ev.cpi == pytest.approx(14800 / 21000) and round(ev.cpi, 2) == 0.70
    assert ev.spi == pytest.approx(14800 / 15800) and round(ev.spi, 2) == 0.94
    # EAC = AC + (BAC - EV) / CPI = 21000 + 10000 x 21000 / 14800 = 35189.189..., the book's 352 ($00).
    assert ev.eac == Decimal("35189.19") and ev.eac_method is EacMethod.CPI
    assert ev.vac == Decimal("-10389.19")  # the book's -104 ($00)
    assert ev.etc == Decimal("14189.19")
    # TCPI = (BAC - EV) / (BAC - AC) = 10000 / 3800 (PMI Practice Standard for EVM, 2nd ed., ch. 6).
    assert ev.tcpi == pytest.approx(10000 / 3800)
    # The other estimates of the Practice Standard, by hand:
    # EAC(CPI x SPI) = 21000 + 10000 / (0.70476... x 0.93670...) = 21000 + 10000 x 21000 x 15800 / 14800^2
    #                = 36147.918..., EAC(budget rate) = 21000 + 10000.
    assert ev.estimates == {
        EacMethod.CPI: Decimal("35189.19"),
        EacMethod.CPI_SPI: Decimal("36147.92"),
        EacMethod.BUDGET_RATE: Decimal("31000.00"),
    }
    per_task = task_earned_values(tl, 0, working_day(STATUS - 1))
    assert [t.ev for t in per_task] == [Decimal(v) * 100 for v in (8, 40, 30, 20, 20, 30, 0, 0)]
    assert [t.pv for t in per_task] == [Decimal(v) * 100 for v in (8, 40, 30, 20, 20, 40, 0, 0)]
    assert [t.cv for t in per_task][:6] == [Decimal(v) * 100 for v in (-2, -10, -10, -20, -10, -10)]


def test_gray_and_larson_under_the_fixed_formula_methods() -> None:
    """The same status under the 0/100 and 50/50 rules (PMI Practice Standard for EVM, 2nd ed.,
    4.2: discrete effort, fixed formula): tasks 5 and 6 are started, not complete."""
    status = working_day(STATUS - 1)
    earned = {method: project_earned_value(gray_larson(), status, ev_method=method).ev for method in EvMethod}
    # 0/100: only the four finished tasks, 8 + 40 + 30 + 20.
    assert earned[EvMethod.ZERO_HUNDRED] == Decimal("9800.00")
    # 50/50: the finished ones plus half of tasks 5 and 6 (20 + 30), here equal to percent complete.
    assert earned[EvMethod.FIFTY_FIFTY] == earned[EvMethod.PERCENT_COMPLETE] == Decimal("14800.00")


def test_fifty_fifty_credits_half_at_the_actual_start() -> None:
    """50/50 earns half of a task's budget from its actual start, even before any percent is reported."""
    started = TaskInput(budget=Decimal("999.99"), start=DAY0, finish=working_day(9), actual_start=working_day(1))
    assert project_earned_value([started], working_day(0), ev_method=EvMethod.FIFTY_FIFTY).ev == Decimal("0.00")
    # 999.99 / 2 = 499.995: half to even gives 500.00 (the other half, 499.99, comes at completion).
    assert project_earned_value([started], working_day(1), ev_method=EvMethod.FIFTY_FIFTY).ev == Decimal("500.00")


def test_gray_and_larson_period_7_totals() -> None:
    """Gray & Larson, ch. 13 exercise, status ending period 7 ($00): BAC 118, PV 85, EV 85, AC 63:
    CPI = 1.35, SPI = 1.00, EAC = 118 / 1.35 = 87, VAC = 31."""
    ev = earned_value(dt.date(2026, 2, 1), 11800, 8500, 8500, 6300, decimals=0)
    assert ev.cpi is not None and round(ev.cpi, 2) == 1.35 and ev.spi == 1.0
    assert ev.eac == Decimal("8746")  # 6300 + 3300 x 6300 / 8500 = 8745.88: the book's 87 ($00)
    assert ev.vac == Decimal("3054")  # the book's 31 ($00)
    assert ev.cv == Decimal("2200") and ev.sv == Decimal("0")


def test_schwalbe_six_month_project() -> None:
    """K. Schwalbe, "Information Technology Project Management", ch. 7 (Project Cost Management),
    exercise: a six-month project with BAC $200,000 after three months has PV $120,000, EV $100,000
    and AC $90,000: CV = $10,000, SV = -$20,000, CPI = 1.11, SPI = 0.83, EAC = BAC / CPI = $180,000,
    and the estimated time to complete, six months / SPI, 7.2 months."""
    ev = earned_value(dt.date(2026, 3, 31), 20_000_000, 12_000_000, 10_000_000, 9_000_000, decimals=2)
    assert (ev.cv, ev.sv) == (Decimal("10000.00"), Decimal("-20000.00"))
    assert ev.cpi is not None and ev.spi is not None
    assert round(ev.cpi, 2) == 1.11 and round(ev.spi, 2) == 0.83
    assert ev.eac == Decimal("180000.00")  # AC + (BAC - EV) / CPI = BAC / CPI when CPI is cumulative
    assert ev.vac == Decimal("20000.00")
    assert 6 / ev.spi == pytest.approx(7.2)


def test_lipke_earned_schedule_seven_months_gone_five_earned() -> None:
    """W. Lipke, "Schedule is Different" (The Measurable News, March 2003) and Lipke & Henderson,
    "Earned Schedule: an emerging enhancement to EVM" (2006): at the end of July (AT = 7) all the
    PV through May has been earned and part of June, so ES = 5 + (EV - PV_May) / (PV_Jun - PV_May);
    SPI(t) = ES / AT; IEAC(t) = PD / SPI(t). Monthly plan (cumulative, an 11-month project):"""
    plan = np.array([0, 10, 25, 45, 70, 100, 130, 160, 185, 205, 220, 230])
    ev = 112  # between PV_May = 100 and PV_Jun = 130
    es = earned_schedule_periods(plan, ev)
    assert es == 5 + Fraction(112 - 100, 130 - 100) == Fraction(27, 5)  # 5.4 months
    spi_t = es / 7
    assert float(spi_t) == pytest.approx(0.7714, abs=1e-4)
    assert float(11 / spi_t) == pytest.approx(14.26, abs=0.01)  # IEAC(t): 14.3 months instead of 11


def test_lipke_late_project_at_completion() -> None:
    """Lipke (2003): at the completion of a late project SV = 0 and SPI = 1.00, "regardless of
    lateness"; earned schedule still says how late it was: ES = PD, SPI(t) = PD / AT < 1."""
    plan = TaskInput(
        budget=Decimal("10000.00"),
        start=DAY0,
        finish=working_day(9),  # planned: 10 working days
        progress=[(working_day(4), 30.0), (working_day(12), 100.0)],  # finished on day 13 of work
        actuals=[(working_day(12), Decimal("10000.00"))],
    )
    ev = project_earned_value([plan], working_day(12))
    assert ev.sv == 0 and ev.spi == 1.0
    assert ev.schedule is not None
    assert (ev.schedule.earned_schedule, ev.schedule.actual_time, ev.schedule.planned_duration) == (10, 13, 10)
    assert ev.schedule.spi_t == pytest.approx(10 / 13)
    assert ev.schedule.sv_t == -3
    assert ev.schedule.forecast_finish == working_day(12)  # IEAC(t) = 10 / (10/13) = 13 days: as it happened


def test_earned_schedule_forecast_of_a_late_project_in_progress() -> None:
    """A hand calculation on the working-day time line: 10 days planned at 1,000 a day; after 6
    days (AT = 6) 45 % is earned (EV = 4,500): ES = 4 + (4500 - 4000) / 1000 = 4.5 days,
    SPI(t) = 0.75, IEAC(t) = 10 / 0.75 = 13.33 days, so the forecast finish is working day 14
    (index 13), Thursday 22 January 2026; the plan finished on Friday 16 January."""
    plan = TaskInput(budget=Decimal("10000.00"), start=DAY0, finish=working_day(9), progress=[(working_day(5), 45.0)])
    ev = project_earned_value([plan], working_day(5))
    assert ev.schedule is not None
    assert ev.schedule.earned_schedule == 4.5 and ev.schedule.actual_time == 6
    assert ev.schedule.spi_t == 0.75 and ev.schedule.sv_t == -1.5
    assert ev.schedule.ieac_t == pytest.approx(40 / 3)
    assert ev.schedule.forecast_finish == dt.date(2026, 1, 22)
    assert ev.spi == 0.75  # SPI agrees while the project is within its planned duration
