"""Read-only snapshots of a project that governance hooks and rules receive.

The service layer builds them from the database (after applying the proposed change and
recomputing the schedule), so a rule sees the state that would be committed. They are plain
values: dates are ``datetime.date``, durations and float are working days, money is ``float``
in the portfolio's currency, ids are the API's opaque global id strings.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from domain.governance.core.enums import PmoType


@dataclass(frozen=True, slots=True)
class TaskSnapshot:
    """One task as scheduled. Dates are ``None`` until the schedule has been computed."""

    id: str
    name: str
    duration: int
    """Working days; 0 for a milestone."""
    milestone: bool = False
    is_summary: bool = False
    early_start: date | None = None
    early_finish: date | None = None
    late_start: date | None = None
    late_finish: date | None = None
    start: date | None = None
    """As scheduled, leveling delay included."""
    finish: date | None = None
    total_float: int | None = None
    free_float: int | None = None
    critical: bool = False
    constraint_type: str | None = None
    """``ASAP``, ``ALAP``, ``SNET``, ``SNLT``, ``FNET``, ``FNLT``, ``MSO`` or ``MFO``
    (MS Project / P6 names); ``None`` means as soon as possible."""
    constraint_date: date | None = None
    percent_complete: float = 0.0
    """0 to 100."""
    actual_start: date | None = None
    actual_finish: date | None = None
    baseline_start: date | None = None
    baseline_finish: date | None = None
    assignment_count: int = 0
    over_allocated: bool = False
    """True when a resource assigned to this task is over-allocated on one of its days."""
    predecessor_count: int = 0
    successor_count: int = 0

    @property
    def complete(self) -> bool:
        return self.percent_complete >= 100.0 or self.actual_finish is not None


@dataclass(frozen=True, slots=True)
class DependencySnapshot:
    """A logic link between two tasks of the project."""

    id: str
    predecessor_id: str
    successor_id: str
    type: str = "FS"
    """``FS``, ``SS``, ``FF`` or ``SF``."""
    lag: int = 0
    """Working days; negative is a lead."""


@dataclass(frozen=True, slots=True)
class RiskSnapshot:
    id: str
    title: str
    probability: float
    """0 to 1."""
    impact: int
    """1 to 5."""
    owner: str | None = None
    mitigation: str | None = None
    status: str = "OPEN"

    @property
    def score(self) -> float:
        """Probability times impact, 0 to 5."""
        return self.probability * self.impact


@dataclass(frozen=True, slots=True)
class ResourceOverAllocation:
    """A resource whose demand exceeds its capacity on some days, from this project's view
    (demand from other projects of the portfolio counts: that is what a conflict is)."""

    resource_id: str
    resource_name: str
    days: tuple[date, ...]


@dataclass(frozen=True, slots=True)
class ProjectSnapshot:
    """Everything governance rules may look at for one project."""

    id: str
    key: str
    name: str
    phase: str
    pmo_type: PmoType
    """The PMO type of the project's portfolio."""
    methodology: str
    """Name of the portfolio's methodology (see ``Methodology.name``)."""
    start_date: date
    portfolio_id: str
    program_id: str | None = None
    description: str = ""
    objectives: str = ""
    scope: str = ""
    manager: str | None = None
    budget: Decimal | None = None
    """Exact, in ``currency`` (money is never a float)."""
    revenue: Decimal | None = None
    currency: str = "USD"
    """The portfolio's ISO 4217 currency code."""
    priority: int | None = None
    status_date: date | None = None
    """The data date progress was reported against; ``None`` if no progress yet."""
    finish_date: date | None = None
    """Scheduled finish (latest task finish)."""
    baseline_finish: date | None = None
    tasks: tuple[TaskSnapshot, ...] = ()
    dependencies: tuple[DependencySnapshot, ...] = ()
    risks: tuple[RiskSnapshot, ...] = ()
    over_allocations: tuple[ResourceOverAllocation, ...] = ()


@dataclass(frozen=True, slots=True)
class Change:
    """The change being validated.

    ``kind`` is ``<entity>.<verb>``: ``project.created``, ``project.updated``,
    ``task.created``, ``task.updated``, ``task.deleted``, ``dependency.created``,
    ``dependency.deleted``, ``assignment.created``, ``assignment.deleted``,
    ``risk.created``, ``risk.updated``, ``resource.leveled``... Rule sets select changes
    with glob patterns over it (``task.*``). ``before``/``after`` hold the changed fields
    of the subject (``before`` empty on create, ``after`` empty on delete).
    """

    kind: str
    subject_id: str | None = None
    before: Mapping[str, Any] = field(default_factory=dict)
    after: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Hooks must not be able to edit what other hooks see.
        object.__setattr__(self, "before", MappingProxyType(dict(self.before)))
        object.__setattr__(self, "after", MappingProxyType(dict(self.after)))


ChangeSnapshot = Change
"""Alias: the name the architecture notes use."""
