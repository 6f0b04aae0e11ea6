"""Tasks (with their computed schedule) and the dependencies between them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from domain.entities.base import UTCDateTime, utcnow


class Task(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id", index=True, ondelete="CASCADE")
    parent_id: int | None = Field(default=None, foreign_key="task.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=200)
    duration: int = Field(default=0)
    milestone: bool = Field(default=False)
    percent_complete: float = Field(default=0.0)
    actual_start: date | None = Field(default=None)
    actual_finish: date | None = Field(default=None)
    constraint_type: str = Field(default="ASAP", max_length=4)
    constraint_date: date | None = Field(default=None)
    leveling_delay: int = Field(default=0)
    # The schedule, written by the scheduler in the transaction of every change that moves dates.
    early_start: date | None = Field(default=None)
    early_finish: date | None = Field(default=None)
    late_start: date | None = Field(default=None)
    late_finish: date | None = Field(default=None)
    start: date | None = Field(default=None)
    finish: date | None = Field(default=None)
    total_float: int = Field(default=0)
    free_float: int = Field(default=0)
    critical: bool = Field(default=False)
    # The portfolio view: float against the finish of the task's whole linked group of projects.
    portfolio_total_float: int = Field(default=0)
    portfolio_critical: bool = Field(default=False)
    version: int = Field(default=1)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Dependency(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("predecessor_id", "successor_id"),)

    id: int | None = Field(default=None, primary_key=True)
    predecessor_id: int = Field(foreign_key="task.id", index=True, ondelete="CASCADE")
    successor_id: int = Field(foreign_key="task.id", index=True, ondelete="CASCADE")
    type: str = Field(default="FS", max_length=2)
    lag: int = Field(default=0)
    version: int = Field(default=1)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
