"""Hypothesis strategies: random projects with baselines, progress histories and actuals."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from hypothesis import strategies as st

from domain.monitoring.core import EvMethod, TaskInput

FIRST = dt.date(2026, 1, 1)
WINDOW = 70  # days in which everything happens


@dataclass(frozen=True)
class Case:
    tasks: list[TaskInput]
    workdays: frozenset[int]
    holidays: frozenset[dt.date]
    method: EvMethod


def days(low: int = -5, high: int = WINDOW) -> st.SearchStrategy[dt.date]:
    return st.integers(low, high).map(lambda k: FIRST + dt.timedelta(days=k))


amounts = st.integers(0, 10_000_000).map(lambda cents: Decimal(cents).scaleb(-2))
percents = st.one_of(st.sampled_from([0.0, 50.0, 100.0]), st.floats(0, 100, allow_nan=False).map(lambda p: round(p, 2)))


@st.composite
def tasks(draw: st.DrawFn) -> TaskInput:
    planned = draw(st.booleans()) or draw(st.booleans())
    start = draw(days(0, WINDOW - 20))
    finish = start + dt.timedelta(days=draw(st.integers(-2, 25)))
    progress = draw(st.lists(st.tuples(days(), percents), max_size=5))
    actuals = draw(st.lists(st.tuples(days(), amounts), max_size=5))
    actual_start = draw(st.one_of(st.none(), days()))
    return TaskInput(
        budget=draw(amounts) if planned else Decimal(0),
        start=start if planned else None,
        finish=finish if planned else None,
        progress=progress,
        actuals=actuals,
        actual_start=actual_start,
    )


@st.composite
def cases(draw: st.DrawFn, max_tasks: int = 6) -> Case:
    workdays = frozenset(draw(st.sets(st.integers(0, 6), min_size=1)) if draw(st.booleans()) else range(5))
    holidays = frozenset(draw(st.lists(days(0, WINDOW), max_size=4)))
    return Case(
        tasks=draw(st.lists(tasks(), max_size=max_tasks)),
        workdays=workdays,
        holidays=holidays,
        method=draw(st.sampled_from(EvMethod)),
    )
