"""Earned value reads: a project's figures and S-curves, a portfolio's roll-up."""

from __future__ import annotations

import datetime as dt

from sqlmodel import col, select

from api.context import Info
from api.features.base.money import Money
from api.features.monitoring.types import EarnedValue, EarnedValuePoint
from domain.entities import Project
from domain.monitoring.actuals import today
from domain.monitoring.core import EacMethod, Granularity, earned_values, portfolio_earned_value, project_series
from domain.monitoring.earned_value import project_curves
from domain.resources.load import check_window


async def project_earned_value(
    info: Info, project: Project, as_of: dt.date | None, method: EacMethod
) -> EarnedValue | None:
    async with info.context.reading() as session:
        _, c = await project_curves(session, [project.id or 0])
    if c is None:
        return None
    day = as_of or project.status_date or today()
    currency = await info.context.loaders.project_currency.load(project.id or 0)
    return EarnedValue.of(earned_values(c, day, method)[0], currency)


async def project_earned_value_series(
    info: Info, project: Project, first: dt.date, last: dt.date, granularity: Granularity
) -> list[EarnedValuePoint]:
    check_window(first, last)
    async with info.context.reading() as session:
        _, c = await project_curves(session, [project.id or 0])
    if c is None:
        return []
    currency = await info.context.loaders.project_currency.load(project.id or 0)
    (series,) = project_series(c, first, last, granularity)
    return [
        EarnedValuePoint(
            period_end=end, pv=Money.of(pv, currency), ev=Money.of(ev, currency), ac=Money.of(ac, currency)
        )
        for end, pv, ev, ac in series.points()
    ]


async def portfolio_earned_value_of(
    info: Info, portfolio_id: int, currency: str, as_of: dt.date | None, method: EacMethod
) -> EarnedValue | None:
    async with info.context.reading() as session:
        ids = list(await session.scalars(select(col(Project.id)).where(col(Project.portfolio_id) == portfolio_id)))
        _, c = await project_curves(session, [i for i in ids if i is not None])
    if c is None:
        return None
    found = portfolio_earned_value(c, as_of or today(), method)
    return EarnedValue.of(found, currency) if found else None
