"""Period ends of the S-curves, and a weekly curve by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from domain.monitoring.core import Granularity, TaskInput, curves, period_ends, project_data, project_series
from domain.monitoring.core.data import as_date

D = dt.date


def ends(first: dt.date, last: dt.date, granularity: Granularity) -> list[dt.date]:
    return [as_date(e) for e in period_ends(first, last, granularity)]


def test_weeks_end_on_sunday_and_the_last_period_is_clipped() -> None:
    assert ends(D(2026, 1, 7), D(2026, 1, 13), Granularity.WEEK) == [D(2026, 1, 11), D(2026, 1, 13)]
    assert ends(D(2026, 1, 5), D(2026, 1, 18), Granularity.WEEK) == [D(2026, 1, 11), D(2026, 1, 18)]
    assert ends(D(2026, 1, 11), D(2026, 1, 11), Granularity.WEEK) == [D(2026, 1, 11)]
    assert ends(D(2026, 1, 12), D(2026, 1, 11), Granularity.WEEK) == []


def test_months_end_on_their_last_day() -> None:
    assert ends(D(2026, 1, 15), D(2026, 3, 10), Granularity.MONTH) == [D(2026, 1, 31), D(2026, 2, 28), D(2026, 3, 10)]
    assert ends(D(2028, 2, 1), D(2028, 3, 31), Granularity.MONTH) == [D(2028, 2, 29), D(2028, 3, 31)]
    assert ends(D(2026, 12, 20), D(2027, 1, 2), Granularity.MONTH) == [D(2026, 12, 31), D(2027, 1, 2)]


@given(st.dates(D(2020, 1, 1), D(2030, 1, 1)), st.integers(0, 400), st.sampled_from(Granularity))
def test_period_ends_cover_the_window_once(first: dt.date, length: int, granularity: Granularity) -> None:
    last = first + dt.timedelta(days=length)
    found = ends(first, last, granularity)
    assert found[-1] == last and found == sorted(set(found))
    assert all(first <= e <= last for e in found)
    for end in found[:-1]:
        nxt = end + dt.timedelta(days=1)
        assert nxt.weekday() == 0 if granularity is Granularity.WEEK else nxt.day == 1


def test_weekly_s_curve_by_hand() -> None:
    """Two tasks of 5 working days (1,000.00 and 2,000.00), the second after the first; the first
    is done in week 1 and reported 100 % on its Friday, AC 1,100.00; the second 25 % in week 2."""
    tasks = [
        TaskInput(
            budget=Decimal("1000.00"),
            start=D(2026, 1, 5),
            finish=D(2026, 1, 9),
            progress=[(D(2026, 1, 7), 40.0), (D(2026, 1, 9), 100.0)],
            actuals=[(D(2026, 1, 6), Decimal("600.00")), (D(2026, 1, 9), Decimal("500.00"))],
        ),
        TaskInput(
            budget=Decimal("2000.00"),
            start=D(2026, 1, 12),
            finish=D(2026, 1, 16),
            progress=[(D(2026, 1, 16), 25.0)],
            actuals=[(D(2026, 1, 14), Decimal("700.00"))],
        ),
    ]
    (series,) = project_series(curves([project_data(tasks)]), D(2026, 1, 1), D(2026, 1, 25), Granularity.WEEK)
    points = list(series.points())
    assert [p[0] for p in points] == [D(2026, 1, 4), D(2026, 1, 11), D(2026, 1, 18), D(2026, 1, 25)]
    assert [p[1] for p in points] == [Decimal(v) for v in ("0.00", "1000.00", "3000.00", "3000.00")]
    assert [p[2] for p in points] == [Decimal(v) for v in ("0.00", "1000.00", "1500.00", "1500.00")]
    assert [p[3] for p in points] == [Decimal(v) for v in ("0.00", "1100.00", "1800.00", "1800.00")]
