"""Portfolios, programs and working calendars."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, UniqueConstraint
from sqlmodel import Field, SQLModel

from domain.entities.base import UTCDateTime, utcnow


class Portfolio(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    description: str = Field(default="")
    pmo_type: str = Field(default="SUPPORTIVE", max_length=20)
    methodology: str = Field(default="Default", max_length=100)
    # ISO 4217: every amount in the portfolio is in this currency (domain/base/money.py).
    currency: str = Field(default="USD", max_length=3)
    version: int = Field(default=1)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Program(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    portfolio_id: int = Field(foreign_key="portfolio.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=200)
    description: str = Field(default="")
    version: int = Field(default=1)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Calendar(SQLModel, table=True):
    """Working weekdays (a Mon..Sun mask such as ``1111100``) and holidays (ISO dates)."""

    __table_args__ = (UniqueConstraint("portfolio_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    portfolio_id: int = Field(foreign_key="portfolio.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=100)
    workdays: str = Field(default="1111100", max_length=7)
    holidays: list[str] = Field(default_factory=list, sa_type=JSON)
    is_default: bool = Field(default=False)
    version: int = Field(default=1)
