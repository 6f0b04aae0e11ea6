"""Task and Dependency."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry

from api.context import Info
from api.features.base.common import DependencyType, gid
from api.features.base.money import Money
from api.features.monitoring.types import ActualCost
from api.relay import Node
from domain.entities import Dependency as DependencyRow
from domain.entities import Task as TaskRow

if TYPE_CHECKING:
    from api.features.portfolio.project_types import Project
    from api.features.resources.resource_types import Assignment

_Project = Annotated["Project", strawberry.lazy("api.features.portfolio.project_types")]
_Assignment = Annotated["Assignment", strawberry.lazy("api.features.resources.resource_types")]


def _scheduled(value: date | None) -> date:
    # The scheduler writes these in the transaction of every change, so a committed task has them.
    assert value is not None, "task read before it was scheduled"
    return value


@strawberry.type(description="A unit of work; its dates are the current CPM schedule.")
class Task(Node):
    name: str
    duration: int = strawberry.field(description="Working days of the project calendar.")
    milestone: bool
    percent_complete: float
    actual_start: date | None
    actual_finish: date | None
    constraint_type: str = strawberry.field(description="ASAP, SNET, SNLT, FNET, FNLT, MSO or MFO.")
    constraint_date: date | None
    early_start: date
    early_finish: date
    late_start: date
    late_finish: date
    start: date = strawberry.field(description="As scheduled, leveling delay included.")
    finish: date = strawberry.field(description="As scheduled, leveling delay included.")
    total_float: int = strawberry.field(description="Working days; negative when a constraint cannot be met.")
    free_float: int
    critical: bool
    leveling_delay: int
    version: int
    row: strawberry.Private[TaskRow]

    @classmethod
    def of(cls, row: TaskRow) -> Task:
        return cls(
            id=gid("Task", row.id),
            name=row.name,
            duration=row.duration,
            milestone=row.milestone,
            percent_complete=row.percent_complete,
            actual_start=row.actual_start,
            actual_finish=row.actual_finish,
            constraint_type=row.constraint_type,
            constraint_date=row.constraint_date,
            early_start=_scheduled(row.early_start),
            early_finish=_scheduled(row.early_finish),
            late_start=_scheduled(row.late_start),
            late_finish=_scheduled(row.late_finish),
            start=_scheduled(row.start),
            finish=_scheduled(row.finish),
            total_float=row.total_float,
            free_float=row.free_float,
            critical=row.critical,
            leveling_delay=row.leveling_delay,
            version=row.version,
            row=row,
        )

    @property
    def pk(self) -> int:
        assert self.row.id is not None
        return self.row.id

    @strawberry.field
    async def project(self, info: Info) -> _Project:
        from api.features.portfolio.project_types import Project

        row = await info.context.loaders.project.load(self.row.project_id)
        assert row is not None
        return Project.of(row)

    @strawberry.field(description="The summary task above this one in the WBS.")
    async def parent(self, info: Info) -> Task | None:
        if self.row.parent_id is None:
            return None
        row = await info.context.loaders.task.load(self.row.parent_id)
        return Task.of(row) if row is not None else None

    @strawberry.field(description="The tasks directly under this one in the WBS.")
    async def subtasks(self, info: Info) -> list[Task]:
        return [Task.of(r) for r in await info.context.loaders.subtasks.load(self.pk)]

    @strawberry.field
    async def predecessors(self, info: Info) -> list[Dependency]:
        return [Dependency.of(r) for r in await info.context.loaders.predecessors.load(self.pk)]

    @strawberry.field
    async def successors(self, info: Info) -> list[Dependency]:
        return [Dependency.of(r) for r in await info.context.loaders.successors.load(self.pk)]

    @strawberry.field
    async def assignments(self, info: Info) -> list[_Assignment]:
        from api.features.resources.resource_types import Assignment

        return [Assignment.of(r) for r in await info.context.loaders.assignments_of_task.load(self.pk)]

    @strawberry.field(description="Working days of float against the finish of the task's linked group of projects.")
    def portfolio_total_float(self) -> int:
        return self.row.portfolio_total_float

    @strawberry.field(description="On the portfolio's critical path: no float against its linked group's finish.")
    def portfolio_critical(self) -> bool:
        return self.row.portfolio_critical

    @strawberry.field(description="Planned labour cost: cost rate x units x duration, summed over assignments.")
    async def planned_cost(self, info: Info) -> Money:
        return Money.of(await info.context.loaders.task_planned_cost.load(self.pk), await self.currency(info))

    @strawberry.field(description="A resource of this task is over-allocated on one of the days it works.")
    async def overallocated(self, info: Info) -> bool:
        return await info.context.loaders.task_overallocated.load(self.pk)

    @strawberry.field(description="The start recorded by the project's active baseline (null without one).")
    async def baseline_start(self, info: Info) -> date | None:
        found = await info.context.loaders.task_variance.load(self.pk)
        return found.baseline_start if found else None

    @strawberry.field(description="The finish recorded by the project's active baseline (null without one).")
    async def baseline_finish(self, info: Info) -> date | None:
        found = await info.context.loaders.task_variance.load(self.pk)
        return found.baseline_finish if found else None

    @strawberry.field(description="Planned cost in the active baseline: units x duration x cost rate, summed.")
    async def baseline_cost(self, info: Info) -> Money | None:
        found = await info.context.loaders.task_variance.load(self.pk)
        return Money.of(found.baseline_cost, await self.currency(info)) if found else None

    async def currency(self, info: Info) -> str:
        return await info.context.loaders.project_currency.load(self.row.project_id)

    @strawberry.field(description="Actual cost: the sum of its dated entries (recordActualCost).")
    async def actual_cost(self, info: Info) -> Money:
        return Money.of(await info.context.loaders.task_actual_cost.load(self.pk), await self.currency(info))

    @strawberry.field(description="What was spent on the task, by date (then in recording order).")
    async def actual_costs(self, info: Info) -> list[ActualCost]:
        currency = await self.currency(info)
        return [ActualCost.of(e, currency) for e in await info.context.loaders.actual_costs_of_task.load(self.pk)]

    @strawberry.field(description="Working days from the baseline start to the start; positive = late.")
    async def start_variance(self, info: Info) -> int | None:
        found = await info.context.loaders.task_variance.load(self.pk)
        return found.start_variance if found else None

    @strawberry.field(description="Working days from the baseline finish to the finish; positive = late.")
    async def finish_variance(self, info: Info) -> int | None:
        found = await info.context.loaders.task_variance.load(self.pk)
        return found.finish_variance if found else None


@strawberry.type(description="The predecessor must start or finish before the successor can (plus lag).")
class Dependency(Node):
    type: DependencyType
    lag: int = strawberry.field(description="Working days; negative is a lead.")
    version: int
    row: strawberry.Private[DependencyRow]

    @classmethod
    def of(cls, row: DependencyRow) -> Dependency:
        return cls(
            id=gid("Dependency", row.id), type=DependencyType(row.type), lag=row.lag, version=row.version, row=row
        )

    @strawberry.field
    async def predecessor(self, info: Info) -> Task:
        row = await info.context.loaders.task.load(self.row.predecessor_id)
        assert row is not None
        return Task.of(row)

    @strawberry.field
    async def successor(self, info: Info) -> Task:
        row = await info.context.loaders.task.load(self.row.successor_id)
        assert row is not None
        return Task.of(row)
