"""Resource and Assignment."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry

from api.context import Info
from api.features.base.common import gid
from api.features.base.money import Money
from api.relay import Node
from domain.base.money import DEFAULT_CURRENCY
from domain.entities import Assignment as AssignmentRow
from domain.entities import Resource as ResourceRow

if TYPE_CHECKING:
    from api.features.planning.task_types import Task

_Task = Annotated["Task", strawberry.lazy("api.features.planning.task_types")]


@strawberry.type(description="A person, team or piece of equipment shared by the portfolio's projects.")
class Resource(Node):
    name: str
    role: str
    capacity: float = strawberry.field(description="Units per working day (1.0 = one full-time person).")
    version: int
    row: strawberry.Private[ResourceRow]

    @classmethod
    def of(cls, row: ResourceRow) -> Resource:
        return cls(
            id=gid("Resource", row.id),
            name=row.name,
            role=row.role,
            capacity=row.capacity,
            version=row.version,
            row=row,
        )

    @strawberry.field(description="Cost of one unit working one day (up to 4 decimal places).")
    async def cost_rate(self, info: Info) -> Money:
        portfolio = await info.context.loaders.portfolio.load(self.row.portfolio_id)
        return Money(amount=self.row.cost_rate, currency=portfolio.currency if portfolio else DEFAULT_CURRENCY)

    @strawberry.field
    async def assignments(self, info: Info) -> list[Assignment]:
        assert self.row.id is not None
        return [Assignment.of(r) for r in await info.context.loaders.assignments_of_resource.load(self.row.id)]

    @strawberry.field(description="Days within from..to on which demand exceeds capacity.")
    async def overallocated_days(
        self, info: Info, from_: Annotated[date, strawberry.argument(name="from")], to: date
    ) -> list[date]:
        from api.features.resources.allocation_queries import resource_overallocated_days

        assert self.row.id is not None
        return await resource_overallocated_days(info, self.row.id, from_, to)


@strawberry.type(description="A resource working on a task at some units per day.")
class Assignment(Node):
    units: float
    version: int
    row: strawberry.Private[AssignmentRow]

    @classmethod
    def of(cls, row: AssignmentRow) -> Assignment:
        return cls(id=gid("Assignment", row.id), units=row.units, version=row.version, row=row)

    @strawberry.field
    async def task(self, info: Info) -> _Task:
        from api.features.planning.task_types import Task

        row = await info.context.loaders.task.load(self.row.task_id)
        assert row is not None
        return Task.of(row)

    @strawberry.field
    async def resource(self, info: Info) -> Resource:
        row = await info.context.loaders.resource.load(self.row.resource_id)
        assert row is not None
        return Resource.of(row)
