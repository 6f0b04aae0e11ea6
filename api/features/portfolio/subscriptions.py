"""``portfolioEvents``: committed changes of a portfolio, as they happen.

Events are read from the audit log (the transactional outbox), so a subscriber sees exactly the
changes that committed, in order, whichever worker or host made them; nothing is sent for a
change that rolled back.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator

import strawberry
from sqlmodel import col, func, select

from api.context import Info
from api.errors import BadRequest, coded
from api.features.portfolio.portfolio_types import Event
from domain.base.errors import Forbidden, NotAuthenticated
from domain.base.ids import BadGlobalId, expect_global_id
from domain.entities import Event as EventRow
from domain.entities import Portfolio

_BATCH = 100


async def _start(info: Info, portfolio_id: str) -> tuple[int, int]:
    """Check the subscriber may read the portfolio; the last event ID so far."""
    viewer = await info.context.authenticate_connection()
    try:
        pid = expect_global_id(portfolio_id, "Portfolio", "portfolioId")
    except BadGlobalId as exc:
        raise BadRequest(str(exc)) from None
    async with info.context.runtime.db.reader() as session:
        if await session.get(Portfolio, pid) is None:
            raise BadRequest("portfolioId names no portfolio")
        viewer.require_read(pid)
        last = await session.scalar(select(func.max(EventRow.id)).where(EventRow.portfolio_id == pid))
    return pid, last or 0


@strawberry.type
class PortfolioSubscriptions:
    @strawberry.subscription(description="Every change committed in the portfolio from now on (the audit log).")
    async def portfolio_events(self, info: Info, portfolio_id: strawberry.ID) -> AsyncGenerator[Event, None]:
        ctx = info.context
        try:
            pid, last = await _start(info, str(portfolio_id))
        except (NotAuthenticated, Forbidden, BadRequest) as exc:
            raise coded(exc) from None
        db = ctx.runtime.db
        while True:
            # A fresh session per poll: a long-lived read transaction would keep seeing old data.
            async with db.reader() as session:
                rows = list(
                    (
                        await session.execute(
                            select(EventRow)
                            .where(EventRow.portfolio_id == pid, col(EventRow.id) > last)
                            .order_by(col(EventRow.id))
                            .limit(_BATCH)
                        )
                    ).scalars()
                )
            for row in rows:
                assert row.id is not None
                last = row.id
                yield Event.of(row)
            if len(rows) < _BATCH:
                await asyncio.sleep(ctx.settings.event_poll_seconds)
