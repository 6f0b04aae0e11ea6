"""GraphQL types of monitoring: actual cost entries."""

from __future__ import annotations

import datetime as dt

import strawberry

from api.features.base.common import gid
from api.features.base.money import Money
from domain.entities import ActualCost as ActualCostRow


@strawberry.type(description="An amount spent on a task on a date; a task's actualCost is the sum of its entries.")
class ActualCost:
    id: strawberry.ID
    date: dt.date
    amount: Money
    note: str
    created_at: dt.datetime

    @classmethod
    def of(cls, row: ActualCostRow, currency: str) -> ActualCost:
        return cls(
            id=gid("ActualCost", row.id),
            date=row.date,
            amount=Money.of(row.amount, currency),
            note=row.note,
            created_at=row.created_at,
        )
