"""Capacity against demand by role, per week or month, for a portfolio."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

import numpy as np
import numpy.typing as npt
from sqlalchemy import select as select_columns
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from domain.base.money import DEFAULT_CURRENCY, quantize
from domain.entities import Portfolio, Project
from domain.resources.core.load import TOLERANCE as TOLERANCE
from domain.resources.costs import project_planned_costs
from domain.resources.load import daily_load

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


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
    cost: Decimal  # demand x cost rate, in the portfolio's currency
    margin: Decimal | None  # see capacity_by_role

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
    rates = np.array([float(r.cost_rate) for r in load.resources], np.float64)
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
    planned = {p: float(c) for p, c in (await project_planned_costs(session, list(value))).items()} if value else {}
    currency = await session.scalar(select_columns(col(Portfolio.currency)).where(col(Portfolio.id) == portfolio_id))

    def money(amount: float) -> Decimal:
        # Unit-days are floats (fractional units over working days): the sums are accurate far
        # below a minor unit, and rounded to it here.
        return quantize(Decimal(repr(amount)), currency or DEFAULT_CURRENCY)

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
                    cost=money(float(np.sum(cell_cost))),
                    margin=None if margin is None else money(margin),
                )
            )
    return out
