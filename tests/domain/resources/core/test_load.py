from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest

from domain.resources.core import (
    LevelingProblem,
    Period,
    Resource,
    Task,
    resource_load,
    roll_up,
    tasks_on_over_allocated_days,
)


def _example() -> LevelingProblem:
    # Person: 1 unit/day, off on day 2 (holiday). Tasks (start, duration, units):
    # a (0, 3, 0.5), b (1, 2, 1.0), c (4, 1, 1.0).
    tasks = (
        Task(duration=3, demand={0: 0.5}),
        Task(duration=2, demand={0: 1.0}),
        Task(duration=1, demand={0: 1.0}),
    )
    return LevelingProblem(tasks, (), (Resource(1.0, profile=(1.0, 1.0, 0.0)),))


STARTS = (0, 1, 4)


def test_daily_load_and_over_allocated_days() -> None:
    load = resource_load(_example(), STARTS)
    # Day:           0    1    2    3    4
    assert load.demand[0].tolist() == [0.5, 1.5, 1.5, 0.0, 1.0]
    assert load.capacity[0].tolist() == [1.0, 1.0, 0.0, 1.0, 1.0]
    assert load.over_allocated_days(0) == (1, 2)
    assert tasks_on_over_allocated_days(_example(), STARTS, load) == (True, True, False)


def test_horizon_extends_past_the_last_finish() -> None:
    load = resource_load(_example(), STARTS, horizon=7)
    assert load.demand.shape == (1, 7)
    assert np.all(load.demand[0, 5:] == 0)


def test_weekly_and_monthly_roll_up_over_working_days() -> None:
    # Day 0 is Thursday 2026-01-29; the time line skips the weekend.
    first = date(2026, 1, 29)
    dates = [first, first + timedelta(1), first + timedelta(4), first + timedelta(5)]
    dates.append(first + timedelta(6))
    load = resource_load(_example(), STARTS)
    weeks = roll_up(load, dates, Period.WEEK)
    assert [(w.period, w.first_day, w.last_day) for w in weeks] == [
        ((2026, 5), 0, 1),
        ((2026, 6), 2, 4),
    ]
    assert weeks[0].demand == pytest.approx(2.0)
    assert weeks[0].capacity == pytest.approx(2.0)
    assert weeks[0].over_allocated_days == 1
    assert weeks[1].demand == pytest.approx(2.5)
    assert weeks[1].capacity == pytest.approx(2.0)
    assert weeks[1].over_allocated
    months = roll_up(load, dates, Period.MONTH)
    assert [(m.period, m.first_day, m.last_day) for m in months] == [
        ((2026, 1), 0, 1),
        ((2026, 2), 2, 4),
    ]


def test_work_before_the_origin_is_left_out() -> None:
    problem = LevelingProblem((Task(duration=3, demand={0: 2.0}),), (), (Resource(1.0),))
    load = resource_load(problem, (-2,))
    assert load.demand[0].tolist() == [2.0]
    assert load.over_allocated_days(0) == (0,)


def test_one_start_per_task_is_required() -> None:
    with pytest.raises(ValueError, match="one start per task"):
        resource_load(_example(), (0, 1))
