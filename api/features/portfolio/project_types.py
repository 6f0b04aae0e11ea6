"""Project."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

import api.features.monitoring.enums  # noqa: F401  (registers EvMethod with strawberry)
from api.context import Info
from api.features.base.common import Violation, gid
from api.features.base.money import Money
from api.features.base.paging import page_args
from api.features.monitoring.types import EarnedValue, EarnedValuePoint
from api.features.resources.allocation_types import Granularity
from api.relay import Connection, Node, to_connection
from domain.entities import Project as ProjectRow
from domain.monitoring.core.methods import EacMethod, EvMethod
from domain.monitoring.core.series import Granularity as DomainGranularity

if TYPE_CHECKING:
    from api.features.access.types import User
    from api.features.governance.types import GateRequest
    from api.features.planning.schedule_types import Baseline
    from api.features.planning.task_types import Task
    from api.features.portfolio.portfolio_types import Portfolio, Program
    from api.features.portfolio.risk_types import Risk

_Portfolio = Annotated["Portfolio", strawberry.lazy("api.features.portfolio.portfolio_types")]
_Program = Annotated["Program", strawberry.lazy("api.features.portfolio.portfolio_types")]
_Task = Annotated["Task", strawberry.lazy("api.features.planning.task_types")]
_Risk = Annotated["Risk", strawberry.lazy("api.features.portfolio.risk_types")]
_User = Annotated["User", strawberry.lazy("api.features.access.types")]
_GateRequest = Annotated["GateRequest", strawberry.lazy("api.features.governance.types")]
_Baseline = Annotated["Baseline", strawberry.lazy("api.features.planning.schedule_types")]


@strawberry.type(description="A project: its definition, phase, schedule, tasks and risks.")
class Project(Node):
    key: str
    name: str
    description: str
    objectives: str
    scope: str
    phase: str
    start_date: date
    status_date: date | None
    finish_date: date | None = strawberry.field(description="The latest task finish (CPM, after leveling delays).")
    ev_method: EvMethod = strawberry.field(description="How progress earns value (set with updateProject).")
    priority: int = strawberry.field(description="0..1000; leveling delays higher-priority projects less.")
    version: int
    created_at: datetime
    row: strawberry.Private[ProjectRow]

    @classmethod
    def of(cls, row: ProjectRow) -> Project:
        return cls(
            id=gid("Project", row.id),
            key=row.key,
            name=row.name,
            description=row.description,
            objectives=row.objectives,
            scope=row.scope,
            phase=row.phase,
            start_date=row.start_date,
            status_date=row.status_date,
            finish_date=row.finish_date,
            ev_method=EvMethod(row.ev_method),
            priority=row.priority,
            version=row.version,
            created_at=row.created_at,
            row=row,
        )

    @property
    def pk(self) -> int:
        assert self.row.id is not None
        return self.row.id

    @strawberry.field
    async def portfolio(self, info: Info) -> _Portfolio:
        from api.features.portfolio.portfolio_types import Portfolio

        row = await info.context.loaders.portfolio.load(self.row.portfolio_id)
        assert row is not None
        return Portfolio.of(row)

    @strawberry.field
    async def program(self, info: Info) -> _Program | None:
        from api.features.portfolio.portfolio_types import Program

        if self.row.program_id is None:
            return None
        row = await info.context.loaders.program.load(self.row.program_id)
        return Program.of(row) if row is not None else None

    @strawberry.field
    async def manager(self, info: Info) -> _User | None:
        from api.features.access.types import User

        if self.row.manager_id is None:
            return None
        row = await info.context.loaders.user.load(self.row.manager_id)
        return User.of(row) if row is not None else None

    @strawberry.field
    async def tasks(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[_Task]:
        from api.features.planning.task_types import Task

        page = await info.context.loaders.tasks_of_project.load(self.pk, page_args(info, first, after, last, before))
        return to_connection(page, Task.of)

    @strawberry.field
    async def risks(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[_Risk]:
        from api.features.portfolio.risk_types import Risk

        page = await info.context.loaders.risks_of_project.load(self.pk, page_args(info, first, after, last, before))
        return to_connection(page, Risk.of)

    @strawberry.field(description="Critical tasks (total float <= 0) in schedule order.")
    async def critical_path(self, info: Info) -> list[_Task]:
        from api.features.planning.task_types import Task

        return [Task.of(r) for r in await info.context.loaders.critical_tasks.load(self.pk)]

    @strawberry.field(description="Saved schedule snapshots, oldest first; at most one is active.")
    async def baselines(self, info: Info) -> list[_Baseline]:
        from api.features.planning.schedule_types import Baseline

        return [Baseline.of(r) for r in await info.context.loaders.baselines_of_project.load(self.pk)]

    @strawberry.field
    async def gate_requests(self, info: Info) -> list[_GateRequest]:
        from api.features.governance.types import GateRequest

        return [GateRequest.of(r) for r in await info.context.loaders.gate_requests.load(self.pk)]

    @strawberry.field(description="Current governance findings: every rule in force for the project's phase.")
    async def violations(self, info: Info) -> list[Violation]:
        from api.features.governance.queries import project_violations

        return await project_violations(info, self.pk)

    async def currency(self, info: Info) -> str:
        return await info.context.loaders.project_currency.load(self.pk)

    @strawberry.field(description="The approved budget, in the portfolio's currency.")
    async def budget(self, info: Info) -> Money | None:
        return Money.maybe(self.row.budget, await self.currency(info))

    @strawberry.field(description="Expected revenue, in the portfolio's currency.")
    async def revenue(self, info: Info) -> Money | None:
        return Money.maybe(self.row.revenue, await self.currency(info))

    @strawberry.field(description="Planned labour cost: the sum of its tasks' plannedCost.")
    async def planned_cost(self, info: Info) -> Money:
        return Money.of(await info.context.loaders.project_planned_cost.load(self.pk), await self.currency(info))

    @strawberry.field(
        description="Earned value against the active baseline at asOf (default: the status date, "
        "else today); null without an active baseline."
    )
    async def earned_value(
        self, info: Info, as_of: date | None = None, method: EacMethod = EacMethod.CPI
    ) -> EarnedValue | None:
        from api.features.monitoring.queries import project_earned_value

        return await project_earned_value(info, self.row, as_of, method)

    @strawberry.field(
        description="Cumulative PV, EV and AC at the end of each week or month (empty without a baseline)."
    )
    async def earned_value_series(
        self,
        info: Info,
        from_: Annotated[date, strawberry.argument(name="from")],
        to: date,
        granularity: Granularity,
    ) -> list[EarnedValuePoint]:
        from api.features.monitoring.queries import project_earned_value_series

        return await project_earned_value_series(info, self.row, from_, to, DomainGranularity(granularity.value))

    @strawberry.field(description="Actual cost: the sum of its tasks' actual cost entries (recordActualCost).")
    async def actual_cost(self, info: Info) -> Money:
        return Money.of(await info.context.loaders.project_actual_cost.load(self.pk), await self.currency(info))
