"""Project risks."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from domain.entities.base import UTCDateTime, utcnow


class Risk(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id", index=True, ondelete="CASCADE")
    title: str = Field(max_length=200)
    description: str = Field(default="")
    probability: float
    impact: int
    owner: str | None = Field(default=None, max_length=200)
    mitigation: str | None = Field(default=None)
    status: str = Field(default="OPEN", max_length=20)
    version: int = Field(default=1)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
