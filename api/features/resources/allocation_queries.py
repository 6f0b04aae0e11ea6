"""Reads: ``Portfolio.resourceLoad`` and ``Portfolio.capacity``, over-allocation on resources and
tasks, planned costs. The fields live on the entity types and call these."""

from __future__ import annotations

from datetime import date

import numpy as np

from api.context import Info
from api.features.base.money import Money
from api.features.resources.allocation_types import CapacityPeriod, DayLoad, Granularity, PeriodLoad, ResourceLoad
from domain.base.money import DEFAULT_CURRENCY
from domain.resources import capacity as role_capacity
from domain.resources.core import Period
from domain.resources.load import TOLERANCE, check_window, daily_load


async def resource_load(info: Info, portfolio_id: int, first: date, last: date) -> list[ResourceLoad]:
    check_window(first, last)
    async with info.context.reading() as session:
        load = await daily_load(session, [portfolio_id], first, last)
    over = load.over
    weeks = load.roll_up(Period.WEEK)
    months = load.roll_up(Period.MONTH)
    out = []
    for r, res in enumerate(load.resources):
        assert res.id is not None
        out.append(
            ResourceLoad(
                resource_pk=res.id,
                days=[
                    DayLoad(
                        date=load.day(d),
                        demand=float(load.demand[r, d]),
                        capacity=float(load.capacity[r, d]),
                        overallocated=bool(over[r, d]),
                    )
                    for d in load.shown_days(r).tolist()
                ],
                weeks=[_period(p) for p in weeks[r]],
                months=[_period(p) for p in months[r]],
                overallocated_days=load.over_dates(r),
                peak_demand=float(np.max(load.demand[r], initial=0.0)),
            )
        )
    return out


def _period(p: tuple[date, date, float, float, int]) -> PeriodLoad:
    start, end, demand, capacity, over_days = p
    return PeriodLoad(
        start=start,
        end=end,
        demand=demand,
        capacity=capacity,
        overallocated_days=over_days,
        overallocated=over_days > 0 or demand > capacity + TOLERANCE,
    )


async def capacity(
    info: Info, portfolio_id: int, first: date, last: date, granularity: Granularity
) -> list[CapacityPeriod]:
    check_window(first, last)
    async with info.context.reading() as session:
        cells = await role_capacity.capacity_by_role(
            session, portfolio_id, first, last, role_capacity.Granularity(granularity.value)
        )
    portfolio = await info.context.loaders.portfolio.load(portfolio_id)
    currency = portfolio.currency if portfolio else DEFAULT_CURRENCY
    return [
        CapacityPeriod(
            role=c.role,
            period_start=c.period_start,
            period_end=c.period_end,
            resources=c.resources,
            capacity=c.capacity,
            demand=c.demand,
            gap=c.gap,
            cost=Money.of(c.cost, currency),
            margin=Money.maybe(c.margin, currency),
        )
        for c in cells
    ]


async def resource_overallocated_days(info: Info, resource_id: int, first: date, last: date) -> list[date]:
    check_window(first, last)
    return await info.context.loaders.resource_overallocated_days.load((resource_id, first, last))
