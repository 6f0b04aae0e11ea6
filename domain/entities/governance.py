"""Governance state kept per portfolio: rule settings, admin-authored rules, gate requests."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, UniqueConstraint
from sqlmodel import Field, SQLModel

from domain.base.types import JSONObject
from domain.entities.base import UTCDateTime, utcnow


class RuleConfig(SQLModel, table=True):
    __tablename__ = "rule_config"
    __table_args__ = (UniqueConstraint("portfolio_id", "rule_id"),)

    id: int | None = Field(default=None, primary_key=True)
    portfolio_id: int = Field(foreign_key="portfolio.id", index=True, ondelete="CASCADE")
    rule_id: str = Field(max_length=100)
    enabled: bool = Field(default=True)
    severity: str | None = Field(default=None, max_length=20)
    parameters: JSONObject = Field(default_factory=dict, sa_type=JSON)
    version: int = Field(default=1)


class CustomRule(SQLModel, table=True):
    __tablename__ = "custom_rule"
    __table_args__ = (UniqueConstraint("portfolio_id", "rule_id"),)

    id: int | None = Field(default=None, primary_key=True)
    portfolio_id: int = Field(foreign_key="portfolio.id", index=True, ondelete="CASCADE")
    rule_id: str = Field(max_length=100)
    applies_to: str = Field(max_length=50)
    expression: str
    severity: str = Field(max_length=20)
    message: str
    enabled: bool = Field(default=True)
    version: int = Field(default=1)


class GateRequest(SQLModel, table=True):
    __tablename__ = "gate_request"

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id", index=True, ondelete="CASCADE")
    from_phase: str = Field(max_length=100)
    to_phase: str = Field(max_length=100)
    status: str = Field(default="PENDING", max_length=20)
    reasons: list[str] = Field(default_factory=list, sa_type=JSON)
    requested_by: str | None = Field(default=None, max_length=200)
    decided_by: str | None = Field(default=None, max_length=200)
    comment: str | None = Field(default=None)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    version: int = Field(default=1)
