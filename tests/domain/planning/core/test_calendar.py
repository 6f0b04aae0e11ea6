"""WorkCalendar arithmetic and the display convention for start/finish dates."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from domain.planning.core import LinkType, Network, WorkCalendar, compute_schedule

SATURDAY = dt.date(2026, 11, 21)
MONDAY = dt.date(2026, 11, 23)


def day(text: str) -> np.datetime64:
    return np.datetime64(text, "D")


def test_index_zero_is_the_first_working_day() -> None:
    cal = WorkCalendar()
    assert cal.origin_day(SATURDAY) == MONDAY
    assert cal.origin_day(MONDAY) == MONDAY
    assert cal.date_of(0, SATURDAY) == day("2026-11-23")


def test_weekends_are_skipped_both_ways() -> None:
    cal = WorkCalendar()
    assert cal.date_of([0, 4, 5, 9, 10, -1, -5, -6], MONDAY).tolist() == [
        dt.date(2026, 11, d) for d in (23, 27, 30)
    ] + [dt.date(2026, 12, 4), dt.date(2026, 12, 7)] + [dt.date(2026, 11, d) for d in (20, 16, 13)]
    # Non-working dates roll forward for starts, back for finishes.
    starts = ["2026-11-23", "2026-11-28", "2026-11-29", "2026-11-30", "2026-11-20"]
    assert cal.index_of(starts, MONDAY).tolist() == [0, 5, 5, 5, -1]
    finishes = ["2026-11-27", "2026-11-28", "2026-11-29", "2026-11-30"]
    assert cal.finish_index_of(finishes, MONDAY).tolist() == [5, 5, 5, 6]


def test_holidays_are_not_working_days() -> None:
    cal = WorkCalendar.of(range(5), ["2026-11-26"])
    assert cal.date_of([2, 3], MONDAY).tolist() == [dt.date(2026, 11, 25), dt.date(2026, 11, 27)]
    assert cal.index_of(["2026-11-26", "2026-11-27"], MONDAY).tolist() == [3, 3]
    # A five-day task from Monday now ends the next Monday.
    assert cal.finish_dates([5], MONDAY).tolist() == [dt.date(2026, 11, 30)]


def test_custom_working_week() -> None:
    cal = WorkCalendar.of({6, 0, 1, 2, 3})  # Sunday to Thursday
    assert cal.origin_day(dt.date(2026, 11, 27)) == dt.date(2026, 11, 29)  # Fri -> Sun
    assert cal.date_of(5, dt.date(2026, 11, 29)) == day("2026-12-06")
    with pytest.raises(ValueError, match="workdays"):
        WorkCalendar.of({7})


def test_display_of_tasks_and_milestones() -> None:
    cal = WorkCalendar()
    # A five-day task from index 0: Monday to Friday; six days: to next Monday.
    assert cal.start_dates([0], SATURDAY).tolist() == [MONDAY]
    assert cal.finish_dates([5, 6], SATURDAY).tolist() == [
        dt.date(2026, 11, 27),
        dt.date(2026, 11, 30),
    ]
    # Milestones: at t > 0 on the day before t (end of that day), at 0 on day 0.
    assert cal.milestone_dates([5, 0, 1], SATURDAY).tolist() == [
        dt.date(2026, 11, 27),
        MONDAY,
        MONDAY,
    ]


def test_negative_lag_across_a_weekend() -> None:
    # A: 6 days, Mon 23 .. Mon 30, so its EF is Tue 1 Dec.
    # B: FS lag -2 from A: two working days before Tue 1 Dec is Fri 27, not Sun 29.
    # D: FS lag -1 from A: overlaps A's last day, Mon 30.
    # C: SS lag -4 from D: four working days before Mon 30 is Tue 24.
    net = Network(
        durations=np.array([6, 1, 1, 1]),
        pred=np.array([0, 0, 3]),
        succ=np.array([1, 3, 2]),
        link_type=np.array([LinkType.FS, LinkType.FS, LinkType.SS]),
        lag=np.array([-2, -1, -4]),
    )
    s = compute_schedule(net)
    cal = WorkCalendar()
    assert cal.finish_dates(s.ef[:1], MONDAY).tolist() == [dt.date(2026, 11, 30)]
    assert cal.start_dates(s.es, MONDAY).tolist() == [
        MONDAY,
        dt.date(2026, 11, 27),
        dt.date(2026, 11, 24),
        dt.date(2026, 11, 30),
    ]
    # Finishing on the Friday before, B's one-day task shows Fri 27 as its finish too.
    assert cal.finish_dates(s.ef[1:2], MONDAY).tolist() == [dt.date(2026, 11, 27)]
