"""The Query root's ``portfolios``: the portfolios the viewer may read."""

from __future__ import annotations

import strawberry
from sqlmodel import col

from api.context import Info
from api.features.base.paging import page_args
from api.features.portfolio.portfolio_types import Portfolio
from api.relay import Connection, to_connection
from domain.base.paging import load_page
from domain.entities import Portfolio as PortfolioRow


@strawberry.type
class PortfolioQueries:
    @strawberry.field(description="The portfolios the viewer may read, oldest first.")
    async def portfolios(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Portfolio]:
        visible = info.context.viewer.visible_portfolios()
        filters = [] if visible is None else [col(PortfolioRow.id).in_(visible)]
        async with info.context.reading() as session:
            page = await load_page(session, PortfolioRow, filters, page_args(info, first, after, last, before))
        return to_connection(page, Portfolio.of)
