"""What monitoring records: time-phased actual costs and the history of progress."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlmodel import Field, SQLModel

from domain.entities.base import MoneyColumn, UTCDateTime, utcnow


class ActualCost(SQLModel, table=True):
    """An amount spent on a task on a date (in the portfolio's currency); a task's actual cost is
    the sum of its entries. A negative entry corrects an earlier one."""

    __tablename__ = "actual_cost"

    id: int | None = Field(default=None, primary_key=True)
    task_id: int = Field(foreign_key="task.id", index=True, ondelete="CASCADE")
    date: dt.date
    amount: Decimal = Field(sa_type=MoneyColumn)
    note: str = Field(default="")
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ProgressEntry(SQLModel, table=True):
    """A task's percent complete as reported for a status date: one row per change, so earned
    value can be computed for any past date (the latest entry on or before it counts)."""

    __tablename__ = "progress_entry"

    id: int | None = Field(default=None, primary_key=True)
    task_id: int = Field(foreign_key="task.id", index=True, ondelete="CASCADE")
    status_date: dt.date
    percent_complete: float
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
