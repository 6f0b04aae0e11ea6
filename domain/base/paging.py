"""Cursor pagination done in SQL, batched across parents.

One statement fetches a page of children for many parents at once (a window function numbers
rows per parent), and one more counts them, so a connection nested under N parents costs two
statements, not 2N.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import func
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased
from sqlmodel import SQLModel, col, select

RowT = TypeVar("RowT", bound=SQLModel)


@dataclass(frozen=True)
class PageRequest:
    """Relay arguments with cursors already decoded to row IDs. Exactly one of first/last is set."""

    first: int | None = None
    after: int | None = None
    last: int | None = None
    before: int | None = None

    @property
    def forward(self) -> bool:
        return self.last is None

    @property
    def size(self) -> int:
        size = self.first if self.forward else self.last
        assert size is not None
        return size


@dataclass
class Page(Generic[RowT]):
    rows: list[RowT]
    total: int
    has_next: bool
    has_previous: bool


def _bounds(id_col: Any, req: PageRequest) -> list[Any]:
    conds = []
    if req.after is not None:
        conds.append(id_col > req.after)
    if req.before is not None:
        conds.append(id_col < req.before)
    return conds


def _page(rows: list[RowT], total: int, req: PageRequest) -> Page[RowT]:
    more = len(rows) > req.size
    rows = rows[: req.size]
    if req.forward:
        return Page(rows, total, has_next=more, has_previous=req.after is not None)
    rows.reverse()
    return Page(rows, total, has_next=req.before is not None, has_previous=more)


async def load_child_pages(
    session: AsyncSession,
    model: type[RowT],
    parent_column: Any,  # a model attribute; SQLModel types it as the Python value
    parent_ids: Sequence[int],
    req: PageRequest,
) -> dict[int, Page[RowT]]:
    """A page of ``model`` rows per parent ID, ordered by ID (creation order)."""
    id_col = col(model.id)  # type: ignore[attr-defined]
    parent = col(parent_column)
    parent_key: str = parent_column.key
    order = id_col.asc() if req.forward else id_col.desc()
    number = func.row_number().over(partition_by=parent, order_by=order).label("row_number")
    inner = select(model, number).where(parent.in_(parent_ids), *_bounds(id_col, req)).subquery()
    row_alias = aliased(model, inner)
    stmt = select(row_alias).where(inner.c.row_number <= req.size + 1).order_by(inner.c.row_number)
    grouped: dict[int, list[RowT]] = {pid: [] for pid in parent_ids}
    for row in (await session.execute(stmt)).scalars():
        grouped[getattr(row, parent_key)].append(row)
    totals = dict(
        (await session.execute(select(parent, func.count()).where(parent.in_(parent_ids)).group_by(parent))).all()
    )
    return {pid: _page(rows, int(totals.get(pid, 0)), req) for pid, rows in grouped.items()}


async def load_page(session: AsyncSession, model: type[RowT], filters: Sequence[Any], req: PageRequest) -> Page[RowT]:
    """A page of ``model`` rows matching ``filters``, ordered by ID."""
    id_col = col(model.id)  # type: ignore[attr-defined]
    order = id_col.asc() if req.forward else id_col.desc()
    stmt = select(model).where(*filters, *_bounds(id_col, req)).order_by(order).limit(req.size + 1)
    rows = list((await session.execute(stmt)).scalars())
    total = await session.scalar(select(func.count()).select_from(model).where(*filters))
    return _page(rows, int(total or 0), req)
