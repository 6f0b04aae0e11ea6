"""Projects and their baselines."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from domain.entities.base import MoneyColumn, UTCDateTime, utcnow


class Project(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("portfolio_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    portfolio_id: int = Field(foreign_key="portfolio.id", index=True, ondelete="CASCADE")
    program_id: int | None = Field(default=None, foreign_key="program.id", index=True, ondelete="SET NULL")
    key: str = Field(max_length=20)
    name: str = Field(max_length=200)
    description: str = Field(default="")
    objectives: str = Field(default="")
    scope: str = Field(default="")
    phase: str = Field(max_length=100)
    start_date: date
    status_date: date | None = Field(default=None)
    budget: Decimal | None = Field(default=None, sa_type=MoneyColumn)
    revenue: Decimal | None = Field(default=None, sa_type=MoneyColumn)
    # How progress earns value (domain/monitoring/core/methods.py: EvMethod).
    ev_method: str = Field(default="PERCENT_COMPLETE", max_length=20)
    priority: int = Field(default=500)
    manager_id: int | None = Field(default=None, foreign_key="user.id", index=True, ondelete="SET NULL")
    calendar_id: int | None = Field(default=None, foreign_key="calendar.id", ondelete="SET NULL")
    # Written by the scheduler in the transaction of every change that moves dates.
    finish_date: date | None = Field(default=None)
    version: int = Field(default=1)
    # Bumped in every transaction that writes the project's tasks, links, assignments, risks or
    # baselines: a worker's cached governance snapshot is valid while it matches (see
    # domain/governance/snapshots/cache.py).
    snapshot_revision: int = Field(default=1)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Baseline(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("project_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=100)
    active: bool = Field(default=False)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class BaselineTask(SQLModel, table=True):
    __tablename__ = "baseline_task"

    id: int | None = Field(default=None, primary_key=True)
    baseline_id: int = Field(foreign_key="baseline.id", index=True, ondelete="CASCADE")
    # Kept when the task is later deleted: a baseline is history.
    task_id: int | None = Field(default=None, foreign_key="task.id", index=True, ondelete="SET NULL")
    start: date
    finish: date
    duration: int
    planned_cost: Decimal = Field(default=Decimal(0), sa_type=MoneyColumn)
