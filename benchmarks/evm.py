"""Benchmark of the earned-value core (domain.monitoring.core).

    python benchmarks/evm.py [--projects 1000] [--tasks 100] [--repeat 5] [--seed 0]

Builds synthetic projects (each task with a baseline, a progress history of 3 entries and 5
dated actual costs), then times what the API does for a portfolio status: the curves of all
projects (``curves``), every project's earned value with earned schedule at the status date,
every project's weekly S-curve over the year, and the portfolio's earned value. Prints
``core_seconds`` (median of ``--repeat`` runs, inputs already as the core's arrays) on a line of
its own (``core_cpu_seconds``: the process's CPU time for the same runs, a steadier figure on a
shared machine), and ``edge_seconds``: the same starting from plain objects (``TaskInput`` with
dates and ``Decimal`` amounts), i.e. including the exact conversion at the edge.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time
from decimal import Decimal

import numpy as np

from domain.monitoring.core import (
    EacMethod,
    EvMethod,
    Granularity,
    ProjectData,
    TaskInput,
    curves,
    earned_values,
    from_minor,
    portfolio_earned_value,
    project_data,
    project_series,
)
from domain.planning.core.calendar import WorkCalendar

START = dt.date(2026, 1, 5)
CALENDAR = WorkCalendar()


def synthetic(projects: int, tasks: int, seed: int) -> list[ProjectData]:
    rng = np.random.default_rng(seed)
    out = []
    origin = np.datetime64(START, "D")
    for k in range(projects):
        start = rng.integers(0, 200, tasks)
        span = rng.integers(5, 40, tasks)
        start[0] = 0
        budget = rng.integers(100_000, 10_000_000, tasks)  # 1,000.00 .. 100,000.00
        # Three progress entries per task, dated within its baseline window (and a bit late).
        when = np.sort(rng.integers(0, 60, (tasks, 3)), axis=1) + start[:, None]
        pct = np.sort(rng.integers(0, 10_001, (tasks, 3)), axis=1)
        spend = rng.integers(0, 80, (tasks, 5)) + start[:, None]
        out.append(
            ProjectData(
                calendar=CALENDAR,
                origin=START,
                decimals=2,
                method=(EvMethod.PERCENT_COMPLETE, EvMethod.ZERO_HUNDRED, EvMethod.FIFTY_FIFTY)[k % 3],
                budget=budget,
                start=start,
                span=span,
                actual_start=np.where(pct[:, 2] > 0, origin + when[:, 0], np.datetime64("NaT")),
                progress_task=np.repeat(np.arange(tasks), 3),
                progress_date=CALENDAR.date_of(when.ravel(), START),
                progress_bp=pct.ravel(),
                cost_task=np.repeat(np.arange(tasks), 5),
                cost_date=CALENDAR.date_of(spend.ravel(), START),
                cost_amount=rng.integers(1_000, 2_000_000, tasks * 5),
            )
        )
    return out


def as_objects(data: ProjectData) -> list[TaskInput]:
    """The same project as plain objects: dates and Decimal amounts."""
    starts = CALENDAR.date_of(data.start, START).tolist()
    finishes = CALENDAR.date_of(data.start + data.span - 1, START).tolist()
    progress: list[list[tuple[dt.date, float]]] = [[] for _ in range(data.task_count)]
    for i, day, bp in zip(
        data.progress_task.tolist(), data.progress_date.tolist(), data.progress_bp.tolist(), strict=True
    ):
        progress[i].append((day, bp / 100))
    costs: list[list[tuple[dt.date, Decimal]]] = [[] for _ in range(data.task_count)]
    for i, day, amount in zip(data.cost_task.tolist(), data.cost_date.tolist(), data.cost_amount.tolist(), strict=True):
        costs[i].append((day, from_minor(amount, 2)))
    return [
        TaskInput(from_minor(b, 2), s, f, progress[i], costs[i], a)
        for i, (b, s, f, a) in enumerate(
            zip(data.budget.tolist(), starts, finishes, data.actual_start.tolist(), strict=True)
        )
    ]


def status(projects: list[ProjectData], as_of: dt.date, last: dt.date) -> int:
    """Everything a portfolio status needs; returns the number of S-curve points made."""
    c = curves(projects)
    earned_values(c, as_of, EacMethod.CPI)
    weekly = project_series(c, START, last, Granularity.WEEK)
    portfolio_earned_value(c, as_of)
    return sum(len(s.period_ends) for s in weekly)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=1000)
    parser.add_argument("--tasks", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    data = synthetic(args.projects, args.tasks, args.seed)
    objects = [as_objects(d) for d in data]
    as_of = dt.date(2026, 6, 30)
    last = dt.date(2026, 12, 31)
    core, core_cpu, edge = [], [], []
    points = 0
    for _ in range(args.repeat):
        began, began_cpu = time.perf_counter(), time.process_time()
        points = status(data, as_of, last)
        core.append(time.perf_counter() - began)
        core_cpu.append(time.process_time() - began_cpu)
        began = time.perf_counter()
        converted = [
            project_data(tasks, calendar=CALENDAR, method=d.method) for tasks, d in zip(objects, data, strict=True)
        ]
        status(converted, as_of, last)
        edge.append(time.perf_counter() - began)
    entries = sum(len(d.cost_task) + len(d.progress_task) for d in data)
    print(f"projects={args.projects} tasks_per_project={args.tasks} dated_entries={entries} s_curve_points={points}")
    print(f"edge_seconds={statistics.median(edge):.3f} (min {min(edge):.3f}, max {max(edge):.3f})")
    print(f"core_cpu_seconds={statistics.median(core_cpu):.3f} (min {min(core_cpu):.3f}, max {max(core_cpu):.3f})")
    print(f"core_seconds={statistics.median(core):.3f} (min {min(core):.3f}, max {max(core):.3f})")


if __name__ == "__main__":
    main()
