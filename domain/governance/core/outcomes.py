"""What governance hooks return: violations, gate decisions, report sections; and events."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType
from typing import Any

from domain.governance.core.enums import GateOutcome, Severity
from domain.governance.core.snapshots import ProjectSnapshot


@dataclass(frozen=True, slots=True)
class Violation:
    rule_id: str
    severity: Severity
    message: str
    subject_id: str | None = None

    @property
    def blocking(self) -> bool:
        return self.severity is Severity.BLOCKING


@dataclass(frozen=True, slots=True)
class GateDecision:
    """The decision on a phase transition.

    ``reasons`` explain a denial or what the approver must look at; ``violations`` are all
    findings of the gate's rules (warnings too, so the payload can show them).
    """

    outcome: GateOutcome
    reasons: tuple[str, ...] = ()
    violations: tuple[Violation, ...] = ()

    @classmethod
    def allow(cls) -> GateDecision:
        return cls(GateOutcome.ALLOW)

    @classmethod
    def deny(cls, *reasons: str) -> GateDecision:
        return cls(GateOutcome.DENY, tuple(reasons))

    @classmethod
    def require_approval(cls, *reasons: str) -> GateDecision:
        return cls(GateOutcome.REQUIRE_APPROVAL, tuple(reasons))

    @property
    def allowed(self) -> bool:
        return self.outcome is GateOutcome.ALLOW


@dataclass(frozen=True, slots=True)
class Kpi:
    name: str
    value: float | str | None
    unit: str = ""
    status: Severity | None = None
    """``None`` when the KPI is fine or has no threshold."""


@dataclass(frozen=True, slots=True)
class ReportSection:
    """A section a plugin contributes to a project's status report; ``source`` is filled in
    by the engine with the plugin's name."""

    title: str
    kpis: tuple[Kpi, ...] = ()
    lines: tuple[str, ...] = ()
    source: str = ""


@dataclass(frozen=True, slots=True)
class GovernanceEvent:
    """A committed change, as recorded in the audit log (the outbox row)."""

    kind: str
    subject_id: str
    at: datetime
    portfolio_id: str | None = None
    actor: str | None = None
    data: Mapping[str, Any] = field(default_factory=dict)
    project: ProjectSnapshot | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "data", MappingProxyType(dict(self.data)))
