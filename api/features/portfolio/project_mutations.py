"""Mutations on projects."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import strawberry

import api.features.monitoring.enums  # noqa: F401  (registers EvMethod with strawberry)
from api.context import Info
from api.features.base.common import (
    DeleteInput,
    DeletePayload,
    Payload,
    blank_nulls,
    deleted,
    input_id,
    perform,
    provided,
)
from api.features.governance.types import GateRequest
from api.features.portfolio.project_types import Project
from domain.base.work import Work
from domain.entities import Project as ProjectRow
from domain.monitoring.core.methods import EvMethod
from domain.portfolio import projects


@strawberry.input
class CreateProjectInput:
    portfolio_id: strawberry.ID
    name: str
    key: str
    start_date: date
    budget: Decimal | None = strawberry.field(
        default=None, description='In the portfolio\'s currency, e.g. "120000.00".'
    )
    revenue: Decimal | None = None
    ev_method: EvMethod = strawberry.field(default=EvMethod.PERCENT_COMPLETE, description="How progress earns value.")
    program_id: strawberry.ID | None = None
    manager_id: strawberry.ID | None = None
    description: str = ""
    objectives: str = ""
    scope: str = ""
    priority: int = 500
    status_date: date | None = None


@strawberry.input
class UpdateProjectInput:
    id: strawberry.ID
    version: int | None = strawberry.field(default=None, description="The version you read; a stale one is refused.")
    name: str | None = strawberry.UNSET
    key: str | None = strawberry.UNSET
    start_date: date | None = strawberry.UNSET
    status_date: date | None = strawberry.UNSET
    budget: Decimal | None = strawberry.UNSET
    revenue: Decimal | None = strawberry.UNSET
    ev_method: EvMethod | None = strawberry.UNSET
    program_id: strawberry.ID | None = strawberry.UNSET
    manager_id: strawberry.ID | None = strawberry.UNSET
    description: str | None = strawberry.UNSET
    objectives: str | None = strawberry.UNSET
    scope: str | None = strawberry.UNSET
    priority: int | None = strawberry.UNSET


@strawberry.type
class ProjectPayload(Payload):
    project: Project | None
    gate_request: GateRequest | None = strawberry.field(
        default=None, description="transitionPhase: the request waiting for the PMO's approval."
    )


def _refs(program_id: Any, manager_id: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if program_id is not strawberry.UNSET:
        out["program_id"] = input_id(program_id, "Program", "programId") if program_id else None
    if manager_id is not strawberry.UNSET:
        out["manager_id"] = input_id(manager_id, "User", "managerId") if manager_id else None
    return out


def payload(out: Any) -> ProjectPayload:
    return ProjectPayload(
        project=Project.of(out.value) if out.value else None, user_errors=out.user_errors, violations=out.violations
    )


@strawberry.type
class ProjectMutations:
    @strawberry.mutation(description="Create a project in its methodology's first phase.")
    async def create_project(self, info: Info, input: CreateProjectInput) -> ProjectPayload:
        async def act(w: Work) -> ProjectRow:
            fields = {
                "name": input.name,
                "key": input.key,
                "start_date": input.start_date,
                "budget": input.budget,
                "revenue": input.revenue,
                "ev_method": input.ev_method.value,
                "description": input.description,
                "objectives": input.objectives,
                "scope": input.scope,
                "priority": input.priority,
                "status_date": input.status_date,
                **_refs(input.program_id, input.manager_id),
            }
            return await projects.create_project(
                w, portfolio_id=input_id(input.portfolio_id, "Portfolio", "portfolioId"), fields=fields
            )

        return payload(await perform(info, act))

    @strawberry.mutation(description="Change a project's definition (the phase moves through transitionPhase).")
    async def update_project(self, info: Info, input: UpdateProjectInput) -> ProjectPayload:
        async def act(w: Work) -> ProjectRow:
            changes = blank_nulls(
                provided(
                    name=input.name,
                    key=input.key,
                    start_date=input.start_date,
                    status_date=input.status_date,
                    budget=input.budget,
                    revenue=input.revenue,
                    ev_method=input.ev_method.value if input.ev_method else input.ev_method,
                    description=input.description,
                    objectives=input.objectives,
                    scope=input.scope,
                    priority=input.priority,
                ),
                "description",
                "objectives",
                "scope",
            )
            changes.update(_refs(input.program_id, input.manager_id))
            return await projects.update_project(w, input_id(input.id, "Project", "id"), changes, input.version)

        return payload(await perform(info, act))

    @strawberry.mutation(description="Delete a project with its tasks, links, risks and gate requests (pmo/admin).")
    async def delete_project(self, info: Info, input: DeleteInput) -> DeletePayload:
        out = await perform(info, lambda w: projects.delete_project(w, input_id(input.id, "Project", "id")))
        return deleted(out, input.id)
