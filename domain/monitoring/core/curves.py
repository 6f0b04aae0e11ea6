"""Cumulative PV, EV and AC of one or many projects, ready to be read at any date.

Built once by :func:`build.curves` from the projects' arrays, for all of them together: each
project's daily PV curve is a segment of one array, and its EV and AC changes are rows of one
table sorted by (project, date), so reading every project at any dates is a handful of
vectorised calls whatever the number of projects.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from domain.monitoring.core.data import DateArray, ProjectData
from domain.monitoring.core.minor import IntArray
from domain.planning.core.calendar import WorkCalendar

# Working days are counted from here (before any date the engine handles) on each calendar.
EPOCH = dt.date(1900, 1, 1)
# Rows of the change tables are keyed by project << 32 | day number (+ 2**31, kept positive).
SHIFT = 2**32
BIAS = 2**31
_DAY = np.timedelta64(1, "D")


def day_numbers(dates: npt.ArrayLike) -> IntArray:
    numbers: IntArray = np.asarray(dates, dtype="datetime64[D]").astype(np.int64) + BIAS
    return numbers


@dataclass(frozen=True)
class Changes:
    """A step function per project: ``cumulative[k]`` holds from day ``key[k] % SHIFT`` on."""

    key: IntArray
    cumulative: IntArray

    def at(self, project: IntArray, dates: npt.ArrayLike) -> IntArray:
        wanted = project * SHIFT + day_numbers(dates)
        if not len(self.key):
            return np.zeros(np.shape(wanted), np.int64)
        row = np.searchsorted(self.key, wanted, side="right") - 1
        safe = np.maximum(row, 0)
        mine = (row >= 0) & (self.key[safe] // SHIFT == project)
        values: IntArray = np.where(mine, self.cumulative[safe], 0)
        return values


@dataclass(frozen=True)
class TaskRows:
    """Per-task rows (EV changes or actual costs) of all projects, by global task index."""

    task: IntArray
    date: DateArray
    amount: IntArray

    def sums(self, first_task: int, last_task: int, day: np.datetime64) -> IntArray:
        """Per task of ``first_task .. last_task - 1``: the sum of its rows dated on or before ``day``."""
        keep = (self.task >= first_task) & (self.task < last_task) & (self.date <= day)
        out = np.zeros(last_task - first_task, dtype=object if self.amount.dtype == object else np.int64)
        np.add.at(out, self.task[keep] - first_task, self.amount[keep])
        return out


@dataclass(frozen=True)
class Curves:
    """The curves of ``projects`` (indexed 0 .. count - 1 in the order given)."""

    projects: tuple[ProjectData, ...]
    bac: IntArray  # per project: budget at completion (minor units)
    calendars: tuple[WorkCalendar, ...]  # the distinct calendars
    calendar_of: IntArray  # per project: its index in ``calendars``
    origin: DateArray  # per project
    origin_count: IntArray  # per project: working days from EPOCH to its origin, on its calendar
    # Daily PV curves, concatenated: project p's is pv[pv_offset[p] : pv_offset[p + 1]], its value
    # at index tau the PV at the end of tau working days (BAC from its last index on).
    pv: IntArray
    pv_offset: IntArray
    ev: Changes
    ac: Changes
    task_offset: IntArray  # project p's tasks are global task indices task_offset[p] .. [p + 1] - 1
    task_ev: TaskRows = field(repr=False)
    task_ac: TaskRows = field(repr=False)

    @property
    def count(self) -> int:
        return len(self.projects)

    def planned_duration(self, p: int) -> int:
        """Working days from project ``p``'s origin to its last baseline finish."""
        return int(self.pv_offset[p + 1] - self.pv_offset[p]) - 1

    def pv_curve(self, p: int) -> IntArray:
        return self.pv[self.pv_offset[p] : self.pv_offset[p + 1]]

    def tau(self, project: IntArray, dates: npt.ArrayLike) -> IntArray:
        """Working days of each project's calendar from its origin through each date (0 before it)."""
        project, days = np.broadcast_arrays(np.asarray(project, np.int64), np.asarray(dates, "datetime64[D]"))
        after = days + _DAY
        counts = np.empty(project.shape, np.int64)
        if len(self.calendars) == 1:
            counts[...] = self.calendars[0].index_of(after, EPOCH)
        else:
            group = self.calendar_of[project]
            for g, calendar in enumerate(self.calendars):
                mine = group == g
                counts[mine] = calendar.index_of(after[mine], EPOCH)
        elapsed: IntArray = np.maximum(counts - self.origin_count[project], 0)
        return elapsed

    def pv_at(self, project: IntArray, dates: npt.ArrayLike) -> IntArray:
        """PV of each project at the end of each date (broadcast)."""
        project, days = np.broadcast_arrays(np.asarray(project, np.int64), np.asarray(dates, "datetime64[D]"))
        last = self.pv_offset[project + 1] - 1
        index = np.minimum(self.pv_offset[project] + self.tau(project, days), last)
        values: IntArray = np.where(days >= self.origin[project], self.pv[index], 0)
        return values

    def ev_at(self, project: IntArray, dates: npt.ArrayLike) -> IntArray:
        return self.ev.at(np.asarray(project, np.int64), dates)

    def ac_at(self, project: IntArray, dates: npt.ArrayLike) -> IntArray:
        return self.ac.at(np.asarray(project, np.int64), dates)
