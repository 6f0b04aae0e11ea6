"""Load, capacity and leveling results."""

from __future__ import annotations

import asyncio
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import strawberry

from api.context import Info
from api.features.base.common import Payload
from api.features.base.money import Money

if TYPE_CHECKING:
    from api.features.planning.task_types import Task
    from api.features.portfolio.project_types import Project
    from api.features.resources.resource_types import Resource

_Project = Annotated["Project", strawberry.lazy("api.features.portfolio.project_types")]
_Resource = Annotated["Resource", strawberry.lazy("api.features.resources.resource_types")]
_Task = Annotated["Task", strawberry.lazy("api.features.planning.task_types")]


async def load_task(info: Info, pk: int) -> _Task:
    from api.features.planning.task_types import Task

    row = await info.context.loaders.task.load(pk)
    assert row is not None
    return Task.of(row)


async def load_resource(info: Info, pk: int) -> _Resource:
    from api.features.resources.resource_types import Resource

    row = await info.context.loaders.resource.load(pk)
    assert row is not None
    return Resource.of(row)


async def load_project(info: Info, pk: int) -> _Project:
    from api.features.portfolio.project_types import Project

    row = await info.context.loaders.project.load(pk)
    assert row is not None
    return Project.of(row)


@strawberry.enum(description="Calendar periods: ISO weeks (Monday to Sunday) or calendar months.")
class Granularity(Enum):
    WEEK = "WEEK"
    MONTH = "MONTH"


@strawberry.type(description="One day of a resource: units demanded by its assignments against units available.")
class DayLoad:
    date: date
    demand: float = strawberry.field(description="Units per day demanded by the tasks working that day.")
    capacity: float = strawberry.field(description="Units available (0 on the resource's days off).")
    overallocated: bool = strawberry.field(description="Demand exceeds capacity.")


@strawberry.type(description="A week or month of a resource's load, clipped to the requested window.")
class PeriodLoad:
    start: date
    end: date
    demand: float = strawberry.field(description="Unit-days of work.")
    capacity: float = strawberry.field(description="Unit-days available.")
    overallocated_days: int
    overallocated: bool = strawberry.field(description="Some day is over-allocated, or demand exceeds capacity.")


@strawberry.type(description="A resource's load over a window: per day, per week and per month.")
class ResourceLoad:
    resource_pk: strawberry.Private[int]
    days: list[DayLoad] = strawberry.field(description="The resource's working days, and any day it is demanded on.")
    weeks: list[PeriodLoad]
    months: list[PeriodLoad]
    overallocated_days: list[date]
    peak_demand: float

    @strawberry.field
    async def resource(self, info: Info) -> _Resource:
        return await load_resource(info, self.resource_pk)


@strawberry.type(description="Capacity against demand of one role in one period.")
class CapacityPeriod:
    role: str
    period_start: date
    period_end: date
    resources: int = strawberry.field(description="Resources with this role.")
    capacity: float = strawberry.field(description="Unit-days: working days x units of the role's resources.")
    demand: float = strawberry.field(description="Unit-days of work assigned to them.")
    gap: float = strawberry.field(description="capacity - demand: positive is spare capacity, negative a shortfall.")
    cost: Money = strawberry.field(description="Demand x cost rate, rounded to the currency's minor unit.")
    margin: Money | None = strawberry.field(
        description="What the work is worth minus its cost: each project's revenue (else budget) spread over its "
        "work in proportion to planned cost. Null when no work here belongs to a project with a budget or revenue."
    )


@strawberry.input(description="Level a whole portfolio (portfolioId) or one project (projectId), not both.")
class LevelResourcesInput:
    portfolio_id: strawberry.ID | None = None
    project_id: strawberry.ID | None = None
    apply: bool = strawberry.field(description="false: preview only, nothing is stored.")
    time_limit_seconds: float = strawberry.field(
        default=1.0,
        description="Wall-clock seconds for the whole request (reading, search, storing), more than 0 and at most "
        "60; with deterministic: true, a work budget for the search instead.",
    )
    seed: int = strawberry.field(default=0, description="Seed of the search.")
    deterministic: bool = strawberry.field(
        default=False,
        description="Count the budget in units of work instead of seconds: the same inputs, seed and time limit "
        "give the same result on any machine, however loaded (the request then takes as long as the work does).",
    )


@strawberry.input
class ClearLevelingInput:
    portfolio_id: strawberry.ID | None = None
    project_id: strawberry.ID | None = None


@strawberry.type(description="A task moved by leveling.")
class LeveledTask:
    task_pk: strawberry.Private[int]
    old_start: date
    new_start: date
    old_finish: date
    new_finish: date
    old_delay: int
    delay: int = strawberry.field(description="The new levelingDelay: working days after the unleveled early start.")

    @strawberry.field
    async def task(self, info: Info) -> _Task:
        return await load_task(info, self.task_pk)


@strawberry.type
class ProjectLeveling:
    project_pk: strawberry.Private[int]
    finish_before: date | None
    finish_after: date | None

    @strawberry.field
    async def project(self, info: Info) -> _Project:
        return await load_project(info, self.project_pk)


@strawberry.type(description="A resource and the days it is over-allocated.")
class ResourceOverallocation:
    resource_pk: strawberry.Private[int]
    days: list[date]

    @strawberry.field
    def day_count(self) -> int:
        return len(self.days)

    @strawberry.field
    async def resource(self, info: Info) -> _Resource:
        return await load_resource(info, self.resource_pk)


@strawberry.type(description="A task demanding more of a resource than it has: leveling cannot fix it.")
class ImpossibleAssignment:
    task_pk: strawberry.Private[int]
    resource_pk: strawberry.Private[int]
    demand: float
    capacity: float

    @strawberry.field
    async def task(self, info: Info) -> _Task:
        return await load_task(info, self.task_pk)

    @strawberry.field
    async def resource(self, info: Info) -> _Resource:
        return await load_resource(info, self.resource_pk)


@strawberry.type(description="What leveling did (apply: true) or would do (apply: false).")
class LevelingPayload(Payload):
    applied: bool
    tasks: list[LeveledTask] = strawberry.field(description="Tasks whose start, finish or delay changes.")
    projects: list[ProjectLeveling]
    finish_before: date | None
    finish_after: date | None
    overallocations_before: list[ResourceOverallocation]
    overallocations_after: list[ResourceOverallocation]
    impossible: list[ImpossibleAssignment]
    proven_optimal: bool = strawberry.field(description="The finish was proven optimal (one project only).")


@strawberry.type
class ClearLevelingPayload(Payload):
    tasks_cleared: int
    cleared_pks: strawberry.Private[list[int]]

    @strawberry.field(description="The tasks whose delay was reset.")
    async def tasks(self, info: Info) -> list[_Task]:
        return list(await asyncio.gather(*(load_task(info, pk) for pk in self.cleared_pks)))
