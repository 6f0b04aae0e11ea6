"""Building the curves of many projects at once (see ``data.py`` for what they mean).

Everything is concatenated first (tasks get global indices), then computed in one pass:
``O(tasks + entries + planned task-days)`` in a few dozen vectorised calls.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from domain.monitoring.core.curves import EPOCH, SHIFT, Changes, Curves, TaskRows, day_numbers
from domain.monitoring.core.data import NONE, DateArray, ProjectData
from domain.monitoring.core.methods import EvMethod, credit
from domain.monitoring.core.minor import IntArray, fits, round_div, widen
from domain.planning.core.calendar import WorkCalendar

# bincount sums in float64: exact while every partial sum stays below 2**53.
_FLOAT_EXACT = 2**52


def curves(projects: Sequence[ProjectData]) -> Curves:
    """The curves of these projects, read by index in the order given."""
    projects = tuple(projects)
    sizes = np.array([p.task_count for p in projects], np.int64)
    task_offset = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    owner = np.repeat(np.arange(len(projects)), sizes)

    def joined(name: str) -> IntArray:
        return _concat([getattr(p, name) for p in projects], np.int64)

    budget, start, span = joined("budget"), joined("start"), joined("span")
    calendars, calendar_of, origin_count = _calendars(projects)
    pv, pv_offset = _pv_curves(budget, start, span, owner, len(projects), sum(p.bac for p in projects))
    ev_rows = _ev_changes(projects, task_offset, budget)
    cost_rows = TaskRows(
        _concat([p.cost_task + off for p, off in zip(projects, task_offset[:-1].tolist(), strict=True)], np.int64),
        _concat([p.cost_date for p in projects], "datetime64[D]"),
        joined("cost_amount"),
    )
    bac = [p.bac for p in projects]
    return Curves(
        projects=projects,
        bac=np.array(bac, dtype=np.int64 if fits(max(bac, default=0), len(bac)) else object),
        calendars=calendars,
        calendar_of=calendar_of,
        origin=np.array([p.origin for p in projects], "datetime64[D]"),
        origin_count=origin_count,
        pv=pv,
        pv_offset=pv_offset,
        ev=_changes(ev_rows, owner),
        ac=_changes(cost_rows, owner),
        task_offset=task_offset,
        task_ev=ev_rows,
        task_ac=cost_rows,
    )


def _concat(parts: list[np.ndarray], dtype: str | type) -> np.ndarray:
    return np.concatenate(parts).astype(dtype, copy=False) if parts else np.zeros(0, dtype)


def _calendars(projects: tuple[ProjectData, ...]) -> tuple[tuple[WorkCalendar, ...], IntArray, IntArray]:
    distinct: dict[WorkCalendar, int] = {}
    calendar_of = np.array([distinct.setdefault(p.calendar, len(distinct)) for p in projects], np.int64)
    origin_count = np.zeros(len(projects), np.int64)
    for calendar, g in distinct.items():
        mine = calendar_of == g
        origins = np.array([p.origin for p, m in zip(projects, mine.tolist(), strict=True) if m], "datetime64[D]")
        origin_count[mine] = calendar.index_of(origins, EPOCH)
    return tuple(distinct), calendar_of, origin_count


def _pv_curves(
    budget: IntArray, start: IntArray, span: IntArray, owner: IntArray, count: int, total: int
) -> tuple[IntArray, IntArray]:
    planned = start != NONE
    length = np.zeros(count, np.int64)
    np.maximum.at(length, owner[planned], (start + span)[planned])
    length += 1
    offset = np.concatenate([[0], np.cumsum(length)]).astype(np.int64)
    tasks = np.flatnonzero(planned & (budget > 0))
    spans = span[tasks]
    # One row per planned working day of each task: its rounded cumulative PV that day.
    first_row = np.cumsum(spans) - spans
    step = np.arange(int(spans.sum()), dtype=np.int64) - np.repeat(first_row, spans) + 1
    b, d = np.repeat(budget[tasks], spans), np.repeat(spans, spans)
    if not fits(int(budget.max(initial=0)), int(span.max(initial=0))):
        b, d, step = widen(b), widen(d), widen(step)
    reached = round_div(b * step, d)
    increment = np.diff(reached, prepend=0)
    increment[first_row] = reached[first_row]  # each task starts from zero
    day = np.repeat(offset[owner[tasks]] + start[tasks], spans) + np.asarray(step, np.int64)
    size = int(offset[-1])
    if total < _FLOAT_EXACT:
        daily = np.rint(np.bincount(day, weights=np.asarray(increment, np.float64), minlength=size)).astype(np.int64)
    else:
        daily = np.zeros(size, dtype=object)
        np.add.at(daily, day, increment)
    running = np.cumsum(daily)
    # Each project's curve starts from zero: take off what the projects before it added.
    before = np.where(offset[:-1] > 0, running[np.maximum(offset[:-1] - 1, 0)], 0)
    pv: IntArray = running - np.repeat(before, length)
    return pv, offset


def _by_task_then_date(task: IntArray, date: DateArray) -> IntArray:
    """The order of rows by task, then date, then input order (one stable sort on one key)."""
    order: IntArray = np.argsort(task * SHIFT + day_numbers(date), kind="stable")
    return order


def _ev_changes(projects: tuple[ProjectData, ...], task_offset: IntArray, budget: IntArray) -> TaskRows:
    """Per task and date, how much each progress entry (or actual start) changes earned value."""
    offsets = task_offset[:-1].tolist()
    method = np.repeat(np.array([list(EvMethod).index(p.method) for p in projects], np.int64), np.diff(task_offset))
    fifty = list(EvMethod).index(EvMethod.FIFTY_FIFTY)
    actual_start = _concat([p.actual_start for p in projects], "datetime64[D]")
    started_tasks = np.flatnonzero(~np.isnat(actual_start) & (method == fifty))
    progress_task = _concat([p.progress_task + off for p, off in zip(projects, offsets, strict=True)], np.int64)
    task = np.concatenate([progress_task, started_tasks])
    date = np.concatenate([_concat([p.progress_date for p in projects], "datetime64[D]"), actual_start[started_tasks]])
    bp = np.concatenate([_concat([p.progress_bp for p in projects], np.int64), np.zeros(len(started_tasks), np.int64)])
    is_start = np.arange(len(task)) >= len(progress_task)
    order = _by_task_then_date(task, date)
    task, date, bp, is_start = task[order], date[order], bp[order], is_start[order]
    position = np.arange(len(task))
    group_first = np.searchsorted(task, task, side="left")
    # Percent complete in force at each row: that of the task's latest progress entry so far.
    last_progress = np.maximum.accumulate(np.where(is_start, -1, position)) if len(task) else position
    in_force = np.where(last_progress >= group_first, bp[np.maximum(last_progress, 0)], 0)
    last_start = np.maximum.accumulate(np.where(is_start, position, -1)) if len(task) else position
    started = last_start >= group_first
    task_budget = budget[task]
    if not fits(int(budget.max(initial=0)), 10_000):
        task_budget = widen(task_budget)
    value = np.zeros(len(task), dtype=task_budget.dtype)
    for k, m in enumerate(EvMethod):
        mine = method[task] == k
        if mine.any():
            value[mine] = credit(m, task_budget[mine], in_force[mine], started[mine])
    previous = np.where(position > group_first, np.roll(value, 1), 0)
    return TaskRows(task, date, value - previous)


def _changes(rows: TaskRows, owner: IntArray) -> Changes:
    """Running totals per project and date (the day's last total) from per-task rows."""
    if not len(rows.task):
        return Changes(np.zeros(0, np.int64), np.zeros(0, np.int64))
    project = owner[rows.task]
    key = project * SHIFT + day_numbers(rows.date)
    order = np.argsort(key, kind="stable")
    key, amount, project = key[order], rows.amount[order], project[order]
    running = np.cumsum(amount)
    first = np.flatnonzero(np.concatenate([[True], project[1:] != project[:-1]]))
    before = np.where(first > 0, running[np.maximum(first - 1, 0)], 0)
    within = running - np.repeat(before, np.diff(np.append(first, len(project))))
    last_of_day = np.concatenate([key[1:] != key[:-1], [True]])
    return Changes(key[last_of_day], within[last_of_day])
