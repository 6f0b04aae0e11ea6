"""Mutations on resources and assignments."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import strawberry

from api.context import Info
from api.features.base.common import DeleteInput, DeletePayload, Outcome, Payload, deleted, input_id, perform, provided
from api.features.resources.resource_types import Assignment, Resource
from domain.entities import Assignment as AssignmentRow
from domain.entities import Resource as ResourceRow
from domain.resources import resources


@strawberry.input
class CreateResourceInput:
    portfolio_id: strawberry.ID
    name: str
    role: str
    capacity: float = strawberry.field(default=1.0, description="Units per working day.")
    cost_rate: Decimal = strawberry.field(default=Decimal(0), description='Per unit-day, e.g. "650.00".')


@strawberry.input
class UpdateResourceInput:
    id: strawberry.ID
    version: int | None = None
    name: str | None = strawberry.UNSET
    role: str | None = strawberry.UNSET
    capacity: float | None = strawberry.UNSET
    cost_rate: Decimal | None = strawberry.UNSET


@strawberry.input
class AssignResourceInput:
    task_id: strawberry.ID
    resource_id: strawberry.ID
    units: float = strawberry.field(default=1.0, description="Units per day the resource gives the task.")


@strawberry.input
class UpdateAssignmentInput:
    id: strawberry.ID
    units: float
    version: int | None = None


@strawberry.type
class ResourcePayload(Payload):
    resource: Resource | None


@strawberry.type
class AssignmentPayload(Payload):
    assignment: Assignment | None


def _resource(out: Outcome[ResourceRow]) -> ResourcePayload:
    return ResourcePayload(
        resource=Resource.of(out.value) if out.value else None, user_errors=out.user_errors, violations=out.violations
    )


def _assignment(out: Outcome[AssignmentRow]) -> AssignmentPayload:
    return AssignmentPayload(
        assignment=Assignment.of(out.value) if out.value else None,
        user_errors=out.user_errors,
        violations=out.violations,
    )


def _changes(input: UpdateResourceInput) -> dict[str, Any]:
    return provided(name=input.name, role=input.role, capacity=input.capacity, cost_rate=input.cost_rate)


@strawberry.type
class ResourceMutations:
    @strawberry.mutation
    async def create_resource(self, info: Info, input: CreateResourceInput) -> ResourcePayload:
        out = await perform(
            info,
            lambda w: resources.create_resource(
                w,
                portfolio_id=input_id(input.portfolio_id, "Portfolio", "portfolioId"),
                fields={
                    "name": input.name,
                    "role": input.role,
                    "capacity": input.capacity,
                    "cost_rate": input.cost_rate,
                },
            ),
        )
        return _resource(out)

    @strawberry.mutation
    async def update_resource(self, info: Info, input: UpdateResourceInput) -> ResourcePayload:
        out = await perform(
            info,
            lambda w: resources.update_resource(
                w, input_id(input.id, "Resource", "id"), _changes(input), input.version
            ),
        )
        return _resource(out)

    @strawberry.mutation(description="Delete a resource and its assignments.")
    async def delete_resource(self, info: Info, input: DeleteInput) -> DeletePayload:
        out = await perform(info, lambda w: resources.delete_resource(w, input_id(input.id, "Resource", "id")))
        return deleted(out, input.id)

    @strawberry.mutation
    async def assign_resource(self, info: Info, input: AssignResourceInput) -> AssignmentPayload:
        out = await perform(
            info,
            lambda w: resources.assign_resource(
                w,
                task_id=input_id(input.task_id, "Task", "taskId"),
                resource_id=input_id(input.resource_id, "Resource", "resourceId"),
                units=input.units,
            ),
        )
        return _assignment(out)

    @strawberry.mutation
    async def update_assignment(self, info: Info, input: UpdateAssignmentInput) -> AssignmentPayload:
        out = await perform(
            info,
            lambda w: resources.update_assignment(
                w, input_id(input.id, "Assignment", "id"), input.units, input.version
            ),
        )
        return _assignment(out)

    @strawberry.mutation
    async def unassign_resource(self, info: Info, input: DeleteInput) -> DeletePayload:
        out = await perform(info, lambda w: resources.unassign_resource(w, input_id(input.id, "Assignment", "id")))
        return deleted(out, input.id)
