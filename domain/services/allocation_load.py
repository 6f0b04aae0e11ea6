"""Resource load, capacity and planned cost, read from the stored schedule.

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
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import select as select_columns
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, func, select

from domain.allocation.load import TOLERANCE as TOLERANCE
from domain.allocation.load import Period, roll_up
from domain.allocation.load import ResourceLoad as CoreLoad
from domain.entities import Assignment, Calendar, Project, Resource, Task
from domain.errors import Validator
from domain.governance.rules import ConfiguredRule
from domain.governance.snapshots import ResourceOverAllocation
from domain.ids import to_global_id

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

# The longest window a load or capacity query may cover (about five years).
MAX_DAYS = 1830
# The rule that reads over-allocations, and its horizon when the rule set does not say.
OVERALLOCATION_RULE = "resource.overallocation"
DEFAULT_HORIZON_DAYS = 90


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


# --- Planned cost ---------------------------------------------------------------------------


async def task_planned_costs(session: AsyncSession, task_ids: Collection[int]) -> dict[int, float]:
    """Cost rate x assigned work (units x duration in working days), summed over assignments."""
    rows = await session.execute(
        select_columns(col(Task.id), func.sum(col(Assignment.units) * col(Resource.cost_rate) * col(Task.duration)))
        .join(Assignment, col(Assignment.task_id) == col(Task.id))
        .join(Resource, col(Resource.id) == col(Assignment.resource_id))
        .where(col(Task.id).in_(sorted(task_ids)))
        .group_by(col(Task.id))
    )
    return {int(tid or 0): float(cost or 0.0) for tid, cost in rows.all()}


async def project_planned_costs(session: AsyncSession, project_ids: Collection[int]) -> dict[int, float]:
    """The planned labour cost of each project: the sum of its tasks' planned costs."""
    rows = await session.execute(
        select_columns(
            col(Task.project_id), func.sum(col(Assignment.units) * col(Resource.cost_rate) * col(Task.duration))
        )
        .join(Assignment, col(Assignment.task_id) == col(Task.id))
        .join(Resource, col(Resource.id) == col(Assignment.resource_id))
        .where(col(Task.project_id).in_(sorted(project_ids)))
        .group_by(col(Task.project_id))
    )
    return {int(pid): float(cost or 0.0) for pid, cost in rows.all()}


# --- Capacity against demand by role ----------------------------------------------------------


class Granularity(StrEnum):
    WEEK = "WEEK"
    MONTH = "MONTH"


@dataclass(frozen=True)
class CapacityCell:
    role: str
    period_start: date
    period_end: date
    resources: int
    capacity: float  # unit-days: working days x units of the role's resources
    demand: float  # unit-days of assigned work
    cost: float  # demand x cost rate
    margin: float | None  # see capacity_by_role

    @property
    def gap(self) -> float:
        """Capacity left over (positive: excess) or missing (negative: shortfall)."""
        return self.capacity - self.demand


def periods(first: date, last: date, granularity: Granularity) -> list[tuple[date, date]]:
    """ISO weeks (Monday to Sunday) or calendar months covering the window, clipped to it."""
    out: list[tuple[date, date]] = []
    day = first
    while day <= last:
        if granularity is Granularity.WEEK:
            end = day + timedelta(days=6 - day.weekday())
        else:
            nxt = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
            end = nxt - timedelta(days=1)
        end = min(end, last)
        out.append((day, end))
        day = end + timedelta(days=1)
    return out


async def capacity_by_role(
    session: AsyncSession, portfolio_id: int, first: date, last: date, granularity: Granularity
) -> list[CapacityCell]:
    """Per role (alphabetical) and period: capacity, demand, cost and margin.

    The margin values the work by what its project is worth: a project's value is its
    revenue, or its budget when it has no revenue; each piece of work earns the value in
    proportion to its share of the project's planned cost, so a cell's margin is
    ``sum over valued projects of cost_in_cell x (value / planned cost - 1)`` and the margins
    of all of a project's work add up to value minus planned cost. Null when no work in the
    cell belongs to a project with a budget or revenue.
    """
    load = await daily_load(session, [portfolio_id], first, last)
    spans = periods(first, last, granularity)
    bounds = np.array([(a - first).days for a, _ in spans] + [(last - first).days + 1], np.int64)
    rows = load.rows
    # Working days of each assignment row within each period, by its project's calendar.
    row_days = np.zeros((len(rows.task_id), len(spans)), np.float64)
    for cid in np.unique(rows.calendar).tolist():
        sel = np.flatnonzero(rows.calendar == cid)
        cum = np.concatenate([[0], np.cumsum(load.masks[cid])])
        a = np.maximum(rows.lo[sel, None], bounds[None, :-1])
        b = np.minimum(rows.hi[sel, None], bounds[None, 1:])
        row_days[sel] = np.where(b > a, cum[np.maximum(b, 0)] - cum[np.maximum(a, 0)], 0)
    rates = np.array([r.cost_rate for r in load.resources], np.float64)
    roles = np.array([r.role for r in load.resources], dtype=object)
    work = row_days * rows.units[:, None]  # unit-days per row and period
    row_cost = work * rates[rows.resource][:, None] if len(rows.task_id) else work
    project_ids = sorted(set(rows.project_id.tolist()))
    value: dict[int, float] = {}
    if project_ids:
        for pid, budget, revenue in (
            await session.execute(
                select_columns(col(Project.id), col(Project.budget), col(Project.revenue)).where(
                    col(Project.id).in_(project_ids)
                )
            )
        ).all():
            worth = revenue if revenue is not None else budget
            if worth is not None:
                value[int(pid or 0)] = float(worth)
    planned = await project_planned_costs(session, list(value)) if value else {}
    markup = np.array(
        [
            (value[p] / planned[p] - 1.0) if p in value and planned.get(p, 0.0) > 0 else np.nan
            for p in rows.project_id.tolist()
        ],
        np.float64,
    ).reshape(len(rows.task_id))
    valued = ~np.isnan(markup)
    if load.capacity.size:
        cap_days = np.add.reduceat(load.capacity, bounds[:-1], axis=1)
    else:
        cap_days = np.zeros((len(load.resources), len(spans)), np.float64)
    out: list[CapacityCell] = []
    for role in sorted(set(roles.tolist())):
        mine = roles == role
        in_role = mine[rows.resource] if len(rows.task_id) else np.zeros(0, np.bool_)
        for k, (a_day, b_day) in enumerate(spans):
            cell_cost = row_cost[in_role, k]
            has_value = valued[in_role] & (row_days[in_role, k] > 0)
            margin = float(np.sum(cell_cost[has_value] * markup[in_role][has_value])) if has_value.any() else None
            out.append(
                CapacityCell(
                    role=str(role),
                    period_start=a_day,
                    period_end=b_day,
                    resources=int(np.count_nonzero(mine)),
                    capacity=float(np.sum(cap_days[mine, k])),
                    demand=float(np.sum(work[in_role, k])),
                    cost=float(np.sum(cell_cost)),
                    margin=margin,
                )
            )
    return out


# --- Governance: over-allocations within a horizon ---------------------------------------------


@dataclass(frozen=True)
class OverAllocationFeed:
    by_project: dict[int, tuple[ResourceOverAllocation, ...]]
    tasks: frozenset[int]


async def over_allocation_feed(
    session: AsyncSession, projects: Sequence[Project], horizon_days: Mapping[int, int]
) -> OverAllocationFeed:
    """What ``project_snapshots`` needs for ``resource.overallocation``: per project, the
    resources its tasks use that are over-allocated (by anyone's work) on some day from its
    status date (or start) over ``horizon_days[portfolio_id]`` calendar days, and the
    project's tasks working on such a day. One statement when the projects use no resource,
    four otherwise (per portfolio)."""
    pids = sorted({p.id for p in projects if p.id is not None})
    if not pids:
        return OverAllocationFeed({}, frozenset())
    used: dict[int, set[int]] = defaultdict(set)
    for pid, rid in (
        await session.execute(
            select_columns(col(Task.project_id), col(Assignment.resource_id))
            .distinct()
            .join(Assignment, col(Assignment.task_id) == col(Task.id))
            .where(col(Task.project_id).in_(pids), col(Task.duration) > 0)
        )
    ).all():
        used[int(pid)].add(int(rid))
    if not used:
        return OverAllocationFeed({}, frozenset())
    by_project: dict[int, tuple[ResourceOverAllocation, ...]] = {}
    tasks: set[int] = set()
    by_portfolio: dict[int, list[Project]] = defaultdict(list)
    for p in projects:
        if p.id in used:
            by_portfolio[p.portfolio_id].append(p)
    for portfolio_id, mine in by_portfolio.items():
        horizon = max(1, horizon_days.get(portfolio_id, DEFAULT_HORIZON_DAYS))
        window = {
            p.id or 0: (p.status_date or p.start_date, (p.status_date or p.start_date) + timedelta(horizon - 1))
            for p in mine
        }
        first = min(a for a, _ in window.values())
        last = max(b for _, b in window.values())
        resources = set().union(*(used[p.id or 0] for p in mine))
        load = await daily_load(session, [portfolio_id], first, last, resources)
        over = load.over
        over_tasks = load.over_tasks()
        rows = load.rows
        for p in mine:
            pid = p.id or 0
            a, b = ((d - first).days for d in window[pid])
            found = []
            for rid in sorted(used[pid]):
                r = load.index.get(rid)
                if r is None:
                    continue
                days = np.flatnonzero(over[r, a : b + 1]) + a
                if len(days):
                    res = load.resources[r]
                    found.append(
                        ResourceOverAllocation(
                            to_global_id("Resource", rid), res.name, tuple(load.day(int(d)) for d in days)
                        )
                    )
            by_project[pid] = tuple(found)
            mine_rows = rows.project_id == pid
            tasks |= {int(t) for t in rows.task_id[mine_rows].tolist() if int(t) in over_tasks}
    return OverAllocationFeed(by_project, frozenset(tasks))


def horizon_of(configured: Iterable[ConfiguredRule]) -> int:
    """``horizon_days`` of the over-allocation rule in a rule set in force (its default if absent)."""
    for rule in configured:
        if rule.rule_id == OVERALLOCATION_RULE:
            value = rule.parameters.get("horizon_days", DEFAULT_HORIZON_DAYS)
            return int(value) if isinstance(value, int | float) else DEFAULT_HORIZON_DAYS
    return DEFAULT_HORIZON_DAYS


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
