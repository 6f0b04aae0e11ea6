"""Earned value of projects (all of a batch at once) and of a project's tasks, at a date."""

from __future__ import annotations

import datetime as dt

import numpy as np

from domain.monitoring.core.curves import Curves
from domain.monitoring.core.data import NONE
from domain.monitoring.core.indices import EarnedValue, earned_value
from domain.monitoring.core.methods import EacMethod
from domain.monitoring.core.minor import IntArray, fits, round_div, widen
from domain.monitoring.core.schedule import earned_schedule


def totals(c: Curves, as_of: dt.date) -> tuple[IntArray, IntArray, IntArray, IntArray]:
    """Per project: BAC, PV, EV and AC at the end of ``as_of`` (minor units)."""
    projects = np.arange(c.count)
    day = np.datetime64(as_of, "D")
    return c.bac, c.pv_at(projects, day), c.ev_at(projects, day), c.ac_at(projects, day)


def earned_values(c: Curves, as_of: dt.date, method: EacMethod = EacMethod.CPI) -> list[EarnedValue]:
    """Every project's figures at the end of ``as_of``, with its earned schedule (``None`` when
    its baseline plans no cost: there is no PV curve to read a time from)."""
    bac, pv, ev, ac = (column.tolist() for column in totals(c, as_of))
    elapsed = c.tau(np.arange(c.count), np.datetime64(as_of, "D")).tolist()
    out = []
    for p, data in enumerate(c.projects):
        schedule = None
        if bac[p] > 0:
            schedule = earned_schedule(c.pv_curve(p), ev[p], elapsed[p], data.calendar, data.origin)
        out.append(
            earned_value(as_of, bac[p], pv[p], ev[p], ac[p], decimals=data.decimals, method=method, schedule=schedule)
        )
    return out


def task_totals(c: Curves, p: int, as_of: dt.date) -> tuple[IntArray, IntArray, IntArray, IntArray]:
    """Per task of project ``p``: BAC, PV, EV and AC at the end of ``as_of``; they sum to the project's."""
    data = c.projects[p]
    day = np.datetime64(as_of, "D")
    first, last = int(c.task_offset[p]), int(c.task_offset[p + 1])
    planned = data.start != NONE
    elapsed = np.clip(int(c.tau(np.array([p]), day)[0]) - data.start, 0, data.span)
    budget, span = data.budget[planned], data.span[planned]
    if not fits(int(budget.max(initial=0)), int(span.max(initial=0))):
        budget, elapsed = widen(budget), widen(elapsed)
    pv = np.zeros(data.task_count, dtype=budget.dtype)
    if day >= c.origin[p]:
        pv[planned] = round_div(budget * elapsed[planned], span)
    return data.budget, pv, c.task_ev.sums(first, last, day), c.task_ac.sums(first, last, day)


def task_earned_values(c: Curves, p: int, as_of: dt.date, method: EacMethod = EacMethod.CPI) -> list[EarnedValue]:
    """Every task's figures (without earned schedule, which needs a PV curve over time)."""
    decimals = c.projects[p].decimals
    columns = (values.tolist() for values in task_totals(c, p, as_of))
    return [
        earned_value(as_of, int(b), int(v), int(e), int(a), decimals=decimals, method=method)
        for b, v, e, a in zip(*columns, strict=True)
    ]
