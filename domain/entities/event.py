"""The audit log: one row per committed change, written in the change's own transaction."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON
from sqlmodel import Field, SQLModel

from domain.base.types import JSONObject
from domain.entities.base import UTCDateTime, utcnow


class Event(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    portfolio_id: int | None = Field(default=None, foreign_key="portfolio.id", index=True, ondelete="CASCADE")
    actor: str | None = Field(default=None, max_length=200)
    kind: str = Field(max_length=100)
    subject_id: str = Field(max_length=200)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    data: JSONObject = Field(default_factory=dict, sa_type=JSON)
    # Outbox: set once the event has been handed to subscribers and webhooks.
    delivered_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
