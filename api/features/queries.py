"""The Query root's fields that belong to no single feature."""

from __future__ import annotations

import strawberry
from sqlmodel import col

from api.context import Info
from api.features.node import resolve_node
from api.features.paging import page_args
from api.features.portfolio.types import Portfolio
from api.features.viewer import Viewer
from api.relay import Connection, Node, to_connection
from domain.entities import Portfolio as PortfolioRow
from domain.services.paging import load_page


@strawberry.type
class CoreQueries:
    @strawberry.field(description="Any object by its global ID.")
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        return await resolve_node(info.context, str(id))

    @strawberry.field(description="Who is asking, with their roles.")
    def viewer(self, info: Info) -> Viewer:
        return Viewer.of(info.context.viewer)

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
