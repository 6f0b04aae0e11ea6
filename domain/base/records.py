"""Loading rows by primary key and describing them for the audit log."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import SQLModel

from domain.base.errors import DomainError, ErrorCode
from domain.base.types import JSONObject

RowT = TypeVar("RowT", bound=SQLModel)

# Columns the scheduler writes: recorded in the audit log only through the change that moved them.
_COMPUTED = frozenset(
    {
        "early_start",
        "early_finish",
        "late_start",
        "late_finish",
        "start",
        "finish",
        "total_float",
        "free_float",
        "critical",
        "finish_date",
        "created_at",
        "portfolio_total_float",
        "portfolio_critical",
    }
)


async def get_or_404(
    session: AsyncSession, model: type[RowT], pk: int, field: str, *, for_update: bool = False
) -> RowT:
    row = await session.get(model, pk, with_for_update=for_update)
    if row is None:
        raise DomainError.single(field, f"no {model.__name__.lower()} with this ID", ErrorCode.NOT_FOUND)
    return row


def _plain(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)  # money: an exact decimal string, as the API writes it
    return value


def describe(row: SQLModel) -> JSONObject:
    """The user-set fields of a row as JSON, for before/after in the audit log."""
    return {k: _plain(v) for k, v in row.model_dump().items() if k not in _COMPUTED}
