"""Resource load and over-allocation, read from the stored schedule.

Time is calendar days. A task works on the days from its ``start`` to its ``finish`` (as
scheduled, leveling delay included) that are working days of its project's calendar; each of
its assignments demands ``units`` of the resource on each of them. A resource has its
``capacity`` on the working days of its own calendar (the portfolio's default calendar when it
has none) and nothing on other days, so work demanded on a resource's day off is over-allocation.
Milestones (duration 0) demand nothing. A resource-day is over-allocated when demand exceeds
capacity by more than ``TOLERANCE``.

Everything is batched: a load over any number of resources and tasks costs three statements.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import select as select_columns
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from domain.base.errors import Validator
from domain.entities import Assignment, Calendar, Project, Resource, Task
from domain.resources.core.load import TOLERANCE as TOLERANCE
from domain.resources.core.load import Period, roll_up
from domain.resources.core.load import ResourceLoad as CoreLoad

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

# The longest window a load or capacity query may cover (about five years).
MAX_DAYS = 1830


def check_window(first: date, last: date, *, names: tuple[str, str] = ("from", "to")) -> None:
    """Refuse a window that is reversed or too long (``DomainError`` naming the argument)."""
    v = Validator()
    if last < first:
        v.add(names[1], f"{names[1]} must not be before {names[0]}")
    elif (last - first).days + 1 > MAX_DAYS:
        v.add(names[1], f"a window covers at most {MAX_DAYS} days")
    v.raise_if_any()


def working_mask(cal: Calendar, dates: npt.NDArray[np.datetime64]) -> BoolArray:
    holidays = np.array(cal.holidays, dtype="datetime64[D]")
    return np.asarray(np.is_busday(dates, weekmask=cal.workdays, holidays=holidays), np.bool_)


@dataclass
class Rows:
    """Assignments on working tasks overlapping a window, as columns."""

    task_id: IntArray
    project_id: IntArray
    resource: IntArray  # row index into the load's resources
    units: FloatArray
    lo: IntArray  # first day offset in the window (clipped)
    hi: IntArray  # one past the last day offset (clipped)
    calendar: IntArray  # calendar ID of the task's project


@dataclass
class DailyLoad:
    """Per resource (rows, in ``resources`` order) and calendar day of ``first .. last``."""

    first: date
    dates: npt.NDArray[np.datetime64]
    resources: list[Resource]
    demand: FloatArray
    capacity: FloatArray
    working: BoolArray  # the resource's working days
    rows: Rows
    masks: dict[int, BoolArray]  # calendar ID -> working days of the window
    index: dict[int, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.index = {r.id: k for k, r in enumerate(self.resources) if r.id is not None}

    @property
    def over(self) -> BoolArray:
        return self.demand > self.capacity + TOLERANCE

    def day(self, offset: int) -> date:
        return self.first + timedelta(days=offset)

    def over_dates(self, resource: int) -> list[date]:
        return [self.day(int(d)) for d in np.flatnonzero(self.over[resource])]

    def shown_days(self, resource: int) -> IntArray:
        """The resource's working days, and any day it is demanded on."""
        return np.flatnonzero(self.working[resource] | (self.demand[resource] > 0))

    def over_tasks(self) -> set[int]:
        """Tasks working on a day one of their resources is over-allocated."""
        over = self.over
        found: set[int] = set()
        rows = self.rows
        for k in range(len(rows.task_id)):
            lo, hi = int(rows.lo[k]), int(rows.hi[k])
            if hi > lo and rows.units[k] > 0:
                r = int(rows.resource[k])
                if np.any(over[r, lo:hi] & self.masks[int(rows.calendar[k])][lo:hi]):
                    found.add(int(rows.task_id[k]))
        return found

    def roll_up(self, period: Period) -> list[list[tuple[date, date, float, float, int]]]:
        """Per resource: (first date, last date, demand, capacity, over-allocated days) per
        ISO week or calendar month, clipped to the window."""
        dates = [self.day(d) for d in range(len(self.dates))]
        out: list[list[tuple[date, date, float, float, int]]] = [[] for _ in self.resources]
        for p in roll_up(CoreLoad(self.demand, self.capacity), dates, period):
            out[p.resource].append((dates[p.first_day], dates[p.last_day], p.demand, p.capacity, p.over_allocated_days))
        return out


async def _calendars(
    session: AsyncSession, portfolio_ids: Collection[int]
) -> tuple[dict[int, Calendar], dict[int, int]]:
    """Calendars by ID, and each portfolio's default calendar ID."""
    rows = list(
        (await session.execute(select(Calendar).where(col(Calendar.portfolio_id).in_(portfolio_ids)))).scalars()
    )
    by_id = {c.id: c for c in rows if c.id is not None}
    default = {c.portfolio_id: c.id for c in rows if c.is_default and c.id is not None}
    return by_id, default


async def daily_load(
    session: AsyncSession,
    portfolio_ids: Collection[int],
    first: date,
    last: date,
    resource_ids: Collection[int] | None = None,
) -> DailyLoad:
    """The load of the portfolios' resources (or only ``resource_ids``) on ``first .. last``."""
    stmt = select(Resource).where(col(Resource.portfolio_id).in_(sorted(portfolio_ids)))
    if resource_ids is not None:
        stmt = stmt.where(col(Resource.id).in_(sorted(resource_ids)))
    resources = list((await session.execute(stmt.order_by(col(Resource.id)))).scalars())
    calendars, default = await _calendars(session, portfolio_ids)
    n_days = (last - first).days + 1
    dates = np.arange(np.datetime64(first, "D"), np.datetime64(first, "D") + n_days)
    masks: dict[int, BoolArray] = {cid: working_mask(c, dates) for cid, c in calendars.items()}
    index = {r.id: k for k, r in enumerate(resources) if r.id is not None}
    capacity = np.zeros((len(resources), n_days), np.float64)
    working = np.zeros((len(resources), n_days), np.bool_)
    for k, res in enumerate(resources):
        cid = res.calendar_id if res.calendar_id in masks else default[res.portfolio_id]
        working[k] = masks[cid]
        capacity[k] = res.capacity * masks[cid]
    rows = await _rows(session, sorted(index), first, last, default, index, set(masks))
    demand = np.zeros((len(resources), n_days), np.float64)
    for cid in np.unique(rows.calendar).tolist():
        sel = rows.calendar == cid
        diff = np.zeros((len(resources), n_days + 1), np.float64)
        np.add.at(diff, (rows.resource[sel], rows.lo[sel]), rows.units[sel])
        np.add.at(diff, (rows.resource[sel], rows.hi[sel]), -rows.units[sel])
        demand += np.cumsum(diff[:, :n_days], axis=1) * masks[cid]
    # Sums of floats leave dust where work ends; snap it away so "no demand" is exactly 0.
    demand[np.abs(demand) < TOLERANCE] = 0.0
    return DailyLoad(first, dates, resources, demand, capacity, working, rows, masks)


async def _rows(
    session: AsyncSession,
    resource_ids: list[int],
    first: date,
    last: date,
    default: Mapping[int, int],
    index: Mapping[int, int],
    known: Collection[int],
) -> Rows:
    found: list[tuple[int, int, int, float, date, date, int | None, int]] = []
    if resource_ids:
        conn = await session.connection()
        found = [
            tuple(r)  # type: ignore[misc]
            for r in await conn.execute(
                select_columns(
                    col(Assignment.task_id),
                    col(Task.project_id),
                    col(Assignment.resource_id),
                    col(Assignment.units),
                    col(Task.start),
                    col(Task.finish),
                    col(Project.calendar_id),
                    col(Project.portfolio_id),
                )
                .join(Task, col(Task.id) == col(Assignment.task_id))
                .join(Project, col(Project.id) == col(Task.project_id))
                .where(
                    col(Assignment.resource_id).in_(resource_ids),
                    col(Task.duration) > 0,
                    col(Task.start) <= last,
                    col(Task.finish) >= first,
                )
                .order_by(col(Assignment.id))
            )
        ]
    n = len(found)
    return Rows(
        task_id=np.array([r[0] for r in found], np.int64).reshape(n),
        project_id=np.array([r[1] for r in found], np.int64).reshape(n),
        resource=np.array([index[r[2]] for r in found], np.int64).reshape(n),
        units=np.array([r[3] for r in found], np.float64).reshape(n),
        lo=np.array([max(0, (r[4] - first).days) for r in found], np.int64).reshape(n),
        hi=np.array([min((last - first).days + 1, (r[5] - first).days + 1) for r in found], np.int64).reshape(n),
        calendar=np.array(
            [r[6] if r[6] is not None and r[6] in known else default[r[7]] for r in found], np.int64
        ).reshape(n),
    )


# --- Over-allocation seen from tasks and resources (dataloaders) --------------------------------


async def tasks_over_allocated(session: AsyncSession, task_ids: Collection[int]) -> set[int]:
    """The given tasks that work on a day one of their resources is over-allocated."""
    spans: dict[int, list[tuple[date, date, int]]] = defaultdict(list)
    row: Any
    for row in (
        await session.execute(
            select_columns(
                col(Task.id), col(Task.start), col(Task.finish), col(Project.portfolio_id), col(Assignment.resource_id)
            )
            .join(Project, col(Project.id) == col(Task.project_id))
            .join(Assignment, col(Assignment.task_id) == col(Task.id))
            .where(col(Task.id).in_(sorted(task_ids)), col(Task.duration) > 0, col(Task.start).is_not(None))
        )
    ).all():
        _tid, start, finish, portfolio_id, resource_id = row
        spans[int(portfolio_id)].append((start, finish, int(resource_id)))
    found: set[int] = set()
    wanted = set(task_ids)
    for portfolio_id, mine in spans.items():
        load = await daily_load(
            session, [portfolio_id], min(s for s, _, _ in mine), max(f for _, f, _ in mine), {r for _, _, r in mine}
        )
        found |= load.over_tasks() & wanted
    return found


async def resources_over_dates(
    session: AsyncSession, resource_ids: Collection[int], first: date, last: date
) -> dict[int, list[date]]:
    """Over-allocated days of each resource within ``first .. last``."""
    portfolios = set(
        (
            await session.execute(select(Resource.portfolio_id).where(col(Resource.id).in_(sorted(resource_ids))))
        ).scalars()
    )
    if not portfolios:
        return {}
    load = await daily_load(session, portfolios, first, last, resource_ids)
    return {rid: load.over_dates(k) for rid, k in load.index.items()}
