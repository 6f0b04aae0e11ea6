"""Resources (people, teams, equipment) and their assignments to tasks."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from domain.entities.base import MoneyColumn, UTCDateTime, utcnow


class Resource(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    portfolio_id: int = Field(foreign_key="portfolio.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=200)
    role: str = Field(max_length=100)
    capacity: float = Field(default=1.0)
    """Units per working day: 1.0 is one full-time person."""
    cost_rate: Decimal = Field(default=Decimal(0), sa_type=MoneyColumn)
    """Cost of one unit working one day."""
    calendar_id: int | None = Field(default=None, foreign_key="calendar.id", ondelete="SET NULL")
    version: int = Field(default=1)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Assignment(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("task_id", "resource_id"),)

    id: int | None = Field(default=None, primary_key=True)
    task_id: int = Field(foreign_key="task.id", index=True, ondelete="CASCADE")
    resource_id: int = Field(foreign_key="resource.id", index=True, ondelete="CASCADE")
    units: float = Field(default=1.0)
    version: int = Field(default=1)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
