"""Property tests: the core against a brute-force reference, and the invariants of EVM."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.monitoring.core import (
    Curves,
    EacMethod,
    EarnedValue,
    EvMethod,
    Granularity,
    TaskInput,
    curves,
    earned_schedule_periods,
    earned_values,
    portfolio_earned_value,
    project_data,
    project_series,
    task_totals,
    totals,
)
from domain.planning.core.calendar import WorkCalendar
from tests.domain.monitoring.core.reference import Reference
from tests.domain.monitoring.core.strategies import FIRST, WINDOW, Case, cases, days


def build(*projects: Case, method: EvMethod | None = None) -> Curves:
    return curves(
        [
            project_data(
                case.tasks,
                calendar=WorkCalendar(case.workdays, tuple(sorted(case.holidays))),
                method=method or case.method,
            )
            for case in projects
        ]
    )


def project_totals(c: Curves, day: dt.date, p: int = 0) -> tuple[int, int, int, int]:
    bac, pv, ev, ac = totals(c, day)
    return int(bac[p]), int(pv[p]), int(ev[p]), int(ac[p])


def project_earned_value(c: Curves, day: dt.date, method: EacMethod = EacMethod.CPI) -> EarnedValue:
    return earned_values(c, day, method)[0]


def reference(case: Case, method: EvMethod | None = None) -> Reference:
    return Reference(case.tasks, case.workdays, case.holidays, method or case.method)


@settings(max_examples=60, deadline=None)
@given(cases(), st.lists(days(-10, WINDOW + 30), min_size=1, max_size=4))
def test_totals_match_the_day_by_day_reference(case: Case, as_of: list[dt.date]) -> None:
    tl, ref = build(case), reference(case)
    for day in as_of:
        assert project_totals(tl, day) == ref.totals(day), day


@settings(max_examples=50, deadline=None)
@given(cases(), days(-10, WINDOW + 30))
def test_earned_schedule_matches_the_reference(case: Case, day: dt.date) -> None:
    tl, ref = build(case), reference(case)
    ev = project_earned_value(tl, day)
    if ev.bac == 0:
        assert ev.schedule is None
        return
    assert ev.schedule is not None
    assert ev.schedule.planned_duration == ref.planned_duration()
    expected = ref.earned_schedule(ref.totals(day)[2])
    assert Fraction(ev.schedule.earned_schedule) == Fraction(float(expected))


@settings(max_examples=60, deadline=None)
@given(cases(), days(-10, WINDOW + 30))
def test_bounds_and_identities(case: Case, day: dt.date) -> None:
    ev = project_earned_value(build(case), day, EacMethod.CPI)
    assert Decimal(0) <= ev.ev <= ev.bac
    assert Decimal(0) <= ev.pv <= ev.bac
    assert ev.sv == ev.ev - ev.pv
    assert ev.cv == ev.ev - ev.ac
    assert ev.etc == ev.eac - ev.ac
    assert ev.vac == ev.bac - ev.eac
    assert ev.estimates[EacMethod.BUDGET_RATE] == ev.ac + ev.bac - ev.ev
    cpi_eac = ev.estimates[EacMethod.CPI]
    if cpi_eac is not None:
        exact = Fraction(ev.ac) + Fraction(ev.bac - ev.ev) * Fraction(ev.ac) / Fraction(ev.ev)
        assert abs(Fraction(cpi_eac) - exact) <= Fraction(1, 200)  # within half a cent
        assert ev.eac == cpi_eac and ev.eac_method is EacMethod.CPI
    else:
        assert ev.eac == ev.estimates[EacMethod.BUDGET_RATE] and ev.eac_method is EacMethod.BUDGET_RATE
    # Every amount is exact, with the currency's two places.
    for amount in (ev.bac, ev.pv, ev.ev, ev.ac, ev.sv, ev.cv, ev.eac, ev.etc, ev.vac):
        assert amount.as_tuple().exponent == -2
    assert (ev.spi is None) == (ev.pv == 0)
    assert (ev.cpi is None) == (ev.ac == 0)
    assert (ev.tcpi is None) == (ev.bac == ev.ac)
    if ev.percent_complete is not None:
        assert 0 <= ev.percent_complete <= 100


@settings(max_examples=60, deadline=None)
@given(cases(), days(-10, WINDOW + 30))
def test_earned_schedule_bounds(case: Case, day: dt.date) -> None:
    ev = project_earned_value(build(case), day)
    es = ev.schedule
    assert (es is None) == (ev.bac == 0)
    if es is None:
        return
    assert 0 <= es.earned_schedule <= es.planned_duration
    if ev.ev < ev.pv:  # behind schedule: the plan earned this much before now
        assert es.earned_schedule < es.actual_time
        assert es.spi_t is not None and es.spi_t < 1
    if es.actual_time >= es.planned_duration and ev.ev == ev.bac and ev.bac > 0:
        assert es.earned_schedule == es.planned_duration  # complete: all of the schedule earned
    if es.ieac_t is not None:
        assert es.spi_t is not None
        assert es.ieac_t * es.spi_t == pytest.approx(es.planned_duration)
        assert es.forecast_finish is not None


@settings(max_examples=50, deadline=None)
@given(cases(), days(-10, WINDOW + 30))
def test_task_figures_add_up_to_the_project(case: Case, day: dt.date) -> None:
    tl = build(case)
    bac, pv, ev, ac = task_totals(tl, 0, day)
    assert (int(bac.sum()), int(pv.sum()), int(ev.sum()), int(ac.sum())) == project_totals(tl, day)


@settings(max_examples=50, deadline=None)
@given(cases(), days(-10, WINDOW + 30))
def test_zero_hundred_never_earns_more_than_percent_complete_or_fifty_fifty(case: Case, day: dt.date) -> None:
    earned = {m: task_totals(build(case, method=m), 0, day)[2] for m in EvMethod}
    assert (earned[EvMethod.ZERO_HUNDRED] <= earned[EvMethod.PERCENT_COMPLETE]).all()
    assert (earned[EvMethod.ZERO_HUNDRED] <= earned[EvMethod.FIFTY_FIFTY]).all()


@settings(max_examples=60, deadline=None)
@given(cases(), st.sampled_from(Granularity), days(-10, 20), st.integers(0, 90))
def test_s_curves_are_cumulative_and_end_at_the_as_of_values(
    case: Case, granularity: Granularity, first: dt.date, length: int
) -> None:
    tl = build(case)
    last = first + dt.timedelta(days=length)
    series = project_series(tl, first, last, granularity)[0]
    assert (series.pv[1:] >= series.pv[:-1]).all()
    assert (series.ac[1:] >= series.ac[:-1]).all()  # actuals here are never negative
    # (EV need not grow: percent complete can be corrected downwards.)
    assert series.period_ends[-1] == last
    _, pv, ev, ac = project_totals(tl, last)
    assert (int(series.pv[-1]), int(series.ev[-1]), int(series.ac[-1])) == (pv, ev, ac)


@settings(max_examples=25, deadline=None)
@given(st.lists(cases(max_tasks=3), min_size=1, max_size=3), days(-10, WINDOW + 30))
def test_portfolio_is_the_sum_of_its_projects(projects: list[Case], day: dt.date) -> None:
    together = build(*projects)
    total = portfolio_earned_value(together, day)
    assert total is not None
    alone = [project_totals(build(case), day) for case in projects]
    assert [project_totals(together, day, p) for p in range(len(projects))] == alone
    sums = [sum(column) for column in zip(*alone, strict=True)]
    assert [total.bac, total.pv, total.ev, total.ac] == [Decimal(s).scaleb(-2) for s in sums]
    assert (total.schedule is None) == (total.bac == 0)
    if total.schedule is not None:
        assert 0 <= total.schedule.earned_schedule <= total.schedule.planned_duration


@given(st.lists(st.integers(0, 1000), min_size=1, max_size=30), st.integers(0, 100))
def test_earned_schedule_is_the_earliest_time_the_plan_reached_ev(increments: list[int], share: int) -> None:
    curve = [0]
    for step in increments:
        curve.append(curve[-1] + step)
    ev = curve[-1] * share // 100
    es = earned_schedule_periods(np.array(curve), ev)
    whole = int(es)
    assert curve[whole] <= ev
    if es < len(curve) - 1:
        # Linear interpolation inside the period it falls in reproduces EV exactly.
        nxt = curve[min(whole + 1, len(curve) - 1)]
        assert curve[whole] + (es - whole) * (nxt - curve[whole]) == ev
    assert all(value < ev for value in curve[:whole]) or ev == 0


def test_no_division_by_zero_anywhere() -> None:
    """Empty projects, zero budgets, nothing spent: every undefined index is None."""
    empty = curves([project_data([])])
    ev = project_earned_value(empty, FIRST)
    assert (ev.bac, ev.spi, ev.cpi, ev.tcpi, ev.percent_complete, ev.schedule) == (
        Decimal(0),
        None,
        None,
        None,
        None,
        None,
    )
    free = TaskInput(budget=Decimal(0), start=FIRST, finish=FIRST + dt.timedelta(days=9), progress=[(FIRST, 50.0)])
    ev = project_earned_value(curves([project_data([free])]), FIRST + dt.timedelta(days=20))
    assert ev.eac == 0 and ev.eac_method is EacMethod.BUDGET_RATE
    spent = TaskInput(
        budget=Decimal(100), start=FIRST, finish=FIRST + dt.timedelta(days=9), actuals=[(FIRST, Decimal(40))]
    )
    ev = project_earned_value(curves([project_data([spent])]), FIRST + dt.timedelta(days=3), EacMethod.CPI_SPI)
    assert ev.cpi == 0 and ev.estimates[EacMethod.CPI] is None and ev.estimates[EacMethod.CPI_SPI] is None
    assert ev.eac == Decimal("140.00") and ev.eac_method is EacMethod.BUDGET_RATE
    assert ev.schedule is not None and ev.schedule.earned_schedule == 0 and ev.schedule.ieac_t is None
