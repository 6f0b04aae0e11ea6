"""Governance types: methodologies, the rule catalog, rules in force, gate requests."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, cast

import strawberry
from strawberry.scalars import JSON

from api.context import Info
from api.features.base.common import gid
from api.relay import Node
from domain.entities import GateRequest as GateRequestRow
from domain.governance.core.enums import PmoType as DomainPmoType
from domain.governance.core.enums import Severity as DomainSeverity
from domain.governance.core.methodology import GateSpec
from domain.governance.core.methodology import Methodology as DomainMethodology
from domain.governance.core.rules import ConfiguredRule as DomainConfiguredRule
from domain.governance.core.rules import RuleDescriptor as DomainRuleDescriptor

if TYPE_CHECKING:
    from api.features.portfolio.project_types import Project

_Project = Annotated["Project", strawberry.lazy("api.features.portfolio.project_types")]


@strawberry.type(description="A phase transition waiting for, or decided by, the PMO.")
class GateRequest(Node):
    from_phase: str
    to_phase: str
    status: str = strawberry.field(description="PENDING, APPROVED or REJECTED.")
    reasons: list[str] = strawberry.field(
        description="Why the gate needs approval, and, once rejected, who rejected it and why."
    )
    requested_by: str | None
    decided_by: str | None
    comment: str | None = strawberry.field(description="The decider's comment.")
    created_at: datetime
    decided_at: datetime | None
    version: int
    project_pk: strawberry.Private[int]

    @classmethod
    def of(cls, row: GateRequestRow) -> GateRequest:
        return cls(
            id=gid("GateRequest", row.id),
            from_phase=row.from_phase,
            to_phase=row.to_phase,
            status=row.status,
            reasons=list(row.reasons),
            requested_by=row.requested_by,
            decided_by=row.decided_by,
            comment=row.comment,
            created_at=row.created_at,
            decided_at=row.decided_at,
            version=row.version,
            project_pk=row.project_id,
        )

    @strawberry.field
    async def project(self, info: Info) -> _Project:
        from api.features.portfolio.project_types import Project

        row = await info.context.loaders.project.load(self.project_pk)
        assert row is not None
        return Project.of(row)


@strawberry.type(description="The gate into a phase: what it checks.")
class Gate:
    to_phase: str
    description: str
    requires: list[str] = strawberry.field(description="Rule ids the gate checks (and that stay in force after it).")

    @classmethod
    def of(cls, spec: GateSpec) -> Gate:
        return cls(to_phase=spec.to_phase, description=spec.description, requires=list(spec.requires))


@strawberry.type(description="A lifecycle from an installed plugin.")
class Methodology:
    name: str
    description: str
    phases: list[str] = strawberry.field(description="In lifecycle order; a new project starts in the first.")
    gates: list[Gate]

    @classmethod
    def of(cls, m: DomainMethodology) -> Methodology:
        return cls(name=m.name, description=m.description, phases=list(m.phases), gates=[Gate.of(g) for g in m.gates])


@strawberry.type(description="A rule's default severity under one PMO type.")
class DefaultSeverity:
    pmo_type: DomainPmoType
    severity: DomainSeverity


@strawberry.type(description="A rule an installed plugin declares.")
class RuleDescriptor:
    id: str
    description: str
    applies_to: str = strawberry.field(description="project, schedule, task, dependency, risk or resource.")
    parameters: JSON = strawberry.field(
        description="The parameter schema: name -> {type, default, description, minimum?, maximum?, choices?}."
    )
    source: str = strawberry.field(description="The plugin that declares it.")
    default_severities: list[DefaultSeverity]

    @classmethod
    def of(cls, d: DomainRuleDescriptor) -> RuleDescriptor:
        return cls(
            id=d.id,
            description=d.description,
            applies_to=d.applies_to,
            parameters=cast(JSON, d.parameters_json()),
            source=d.source,
            default_severities=[
                DefaultSeverity(pmo_type=t, severity=d.default_severity.get(t, DomainSeverity.WARNING))
                for t in DomainPmoType
            ],
        )


@strawberry.type(description="A rule as it is in force for a portfolio.")
class ConfiguredRule:
    rule_id: str
    enabled: bool
    severity: DomainSeverity
    parameters: JSON = strawberry.field(description="Every parameter's value in force (defaults filled in).")
    gates: list[str] = strawberry.field(description="Extra gates that check it ('*' = every gate).")
    changes: list[str] = strawberry.field(description="Change kinds (globs) it governs.")

    @classmethod
    def of(cls, r: DomainConfiguredRule) -> ConfiguredRule:
        return cls(
            rule_id=r.rule_id,
            enabled=r.enabled,
            severity=r.severity,
            parameters=cast(JSON, r.parameters_json()),
            gates=list(r.gates),
            changes=list(r.changes),
        )
