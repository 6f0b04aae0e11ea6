"""Portfolio, Program, Calendar and Event."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, cast

import strawberry
from sqlmodel import col
from strawberry.scalars import JSON

from api.context import Info
from api.features.base.common import gid
from api.features.base.paging import page_args
from api.features.monitoring.types import EarnedValue
from api.features.resources.allocation_types import Granularity
from api.relay import Connection, Node, to_connection
from domain.base.paging import load_page
from domain.entities import Calendar as CalendarRow
from domain.entities import Event as EventRow
from domain.entities import Portfolio as PortfolioRow
from domain.entities import Program as ProgramRow
from domain.governance.core.enums import PmoType as DomainPmoType
from domain.monitoring.core.methods import EacMethod
from domain.planning.calendars import default_calendar

if TYPE_CHECKING:
    from api.features.governance.types import ConfiguredRule
    from api.features.planning.schedule_types import PortfolioSchedule
    from api.features.portfolio.project_types import Project
    from api.features.resources.allocation_types import CapacityPeriod, ResourceLoad
    from api.features.resources.resource_types import Resource

_Project = Annotated["Project", strawberry.lazy("api.features.portfolio.project_types")]
_Resource = Annotated["Resource", strawberry.lazy("api.features.resources.resource_types")]
_PortfolioSchedule = Annotated["PortfolioSchedule", strawberry.lazy("api.features.planning.schedule_types")]
_ConfiguredRule = Annotated["ConfiguredRule", strawberry.lazy("api.features.governance.types")]
_ResourceLoad = Annotated["ResourceLoad", strawberry.lazy("api.features.resources.allocation_types")]
_CapacityPeriod = Annotated["CapacityPeriod", strawberry.lazy("api.features.resources.allocation_types")]


@strawberry.type(description="Working weekdays and holidays; durations and lags count its working days.")
class Calendar(Node):
    name: str
    workdays: str = strawberry.field(description="Seven 0/1 flags, Monday first: 1111100 is Monday to Friday.")
    holidays: list[date]
    version: int

    @classmethod
    def of(cls, row: CalendarRow) -> Calendar:
        return cls(
            id=gid("Calendar", row.id),
            name=row.name,
            workdays=row.workdays,
            holidays=[date.fromisoformat(h) for h in row.holidays],
            version=row.version,
        )


@strawberry.type(description="A committed change, from the audit log.")
class Event(Node):
    kind: str
    subject_id: strawberry.ID
    at: datetime
    actor: str | None
    data: JSON

    @classmethod
    def of(cls, row: EventRow) -> Event:
        return cls(
            id=gid("Event", row.id),
            kind=row.kind,
            subject_id=strawberry.ID(row.subject_id),
            at=row.at,
            actor=row.actor,
            data=cast(JSON, row.data),
        )


@strawberry.type(description="Everything an organization or division invests in, under one PMO type.")
class Portfolio(Node):
    name: str
    description: str
    pmo_type: DomainPmoType
    methodology: str
    currency: str = strawberry.field(description="ISO 4217 code of every amount in the portfolio, e.g. USD.")
    version: int
    created_at: datetime
    pk: strawberry.Private[int]

    @classmethod
    def of(cls, row: PortfolioRow) -> Portfolio:
        assert row.id is not None
        return cls(
            id=gid("Portfolio", row.id),
            name=row.name,
            description=row.description,
            pmo_type=DomainPmoType(row.pmo_type),
            methodology=row.methodology,
            currency=row.currency,
            version=row.version,
            created_at=row.created_at,
            pk=row.id,
        )

    @strawberry.field
    async def projects(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[_Project]:
        from api.features.portfolio.project_types import Project

        page = await info.context.loaders.projects_of_portfolio.load(
            self.pk, page_args(info, first, after, last, before)
        )
        return to_connection(page, Project.of)

    @strawberry.field
    async def programs(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Program]:
        page = await info.context.loaders.programs_of_portfolio.load(
            self.pk, page_args(info, first, after, last, before)
        )
        return to_connection(page, Program.of)

    @strawberry.field
    async def resources(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[_Resource]:
        from api.features.resources.resource_types import Resource

        page = await info.context.loaders.resources_of_portfolio.load(
            self.pk, page_args(info, first, after, last, before)
        )
        return to_connection(page, Resource.of)

    @strawberry.field(description="The audit log of this portfolio, oldest first.")
    async def events(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        kind: str | None = None,
    ) -> Connection[Event]:
        filters = [col(EventRow.portfolio_id) == self.pk]
        if kind is not None:
            filters.append(col(EventRow.kind) == kind)
        req = page_args(info, first, after, last, before)
        async with info.context.reading() as session:
            page = await load_page(session, EventRow, filters, req)
        return to_connection(page, Event.of)

    @strawberry.field(description="The stored schedule seen whole: finish, critical path across linked projects.")
    async def schedule(self, info: Info) -> _PortfolioSchedule:
        from api.features.planning.schedule_types import PortfolioSchedule

        return PortfolioSchedule.of(await info.context.loaders.portfolio_schedule.load(self.pk))

    @strawberry.field(description="The default working calendar of the portfolio's projects.")
    async def calendar(self, info: Info) -> Calendar:
        async with info.context.reading() as session:
            return Calendar.of(await default_calendar(session, self.pk))

    @strawberry.field(description="The rule set in force here (defaults, overrides, expression rules).")
    async def rules(self, info: Info) -> list[_ConfiguredRule]:
        from api.features.governance.queries import portfolio_rules

        return await portfolio_rules(info, self.pk, self.pmo_type)

    @strawberry.field(
        description="Per resource: per-day demand against capacity, weekly and monthly roll-ups, "
        "over-allocated days (see docs/leveling.md)."
    )
    async def resource_load(
        self,
        info: Info,
        from_: Annotated[date, strawberry.argument(name="from")],
        to: date,
    ) -> list[_ResourceLoad]:
        from api.features.resources.allocation_queries import resource_load

        return await resource_load(info, self.pk, from_, to)

    @strawberry.field(description="Per role and week or month: capacity, demand, gap, cost and margin.")
    async def capacity(
        self,
        info: Info,
        from_: Annotated[date, strawberry.argument(name="from")],
        to: date,
        granularity: Granularity,
    ) -> list[_CapacityPeriod]:
        from api.features.resources.allocation_queries import capacity

        return await capacity(info, self.pk, from_, to, granularity)

    @strawberry.field(description="Earned value over the projects with an active baseline (default asOf: today).")
    async def earned_value(
        self, info: Info, as_of: date | None = None, method: EacMethod = EacMethod.CPI
    ) -> EarnedValue | None:
        from api.features.monitoring.queries import portfolio_earned_value_of

        return await portfolio_earned_value_of(info, self.pk, self.currency, as_of, method)


@strawberry.type(description="Related projects managed together.")
class Program(Node):
    name: str
    description: str
    version: int
    pk: strawberry.Private[int]
    portfolio_pk: strawberry.Private[int]

    @classmethod
    def of(cls, row: ProgramRow) -> Program:
        assert row.id is not None
        return cls(
            id=gid("Program", row.id),
            name=row.name,
            description=row.description,
            version=row.version,
            pk=row.id,
            portfolio_pk=row.portfolio_id,
        )

    @strawberry.field
    async def portfolio(self, info: Info) -> Portfolio:
        row = await info.context.loaders.portfolio.load(self.portfolio_pk)
        assert row is not None
        return Portfolio.of(row)

    @strawberry.field
    async def projects(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[_Project]:
        from api.features.portfolio.project_types import Project

        page = await info.context.loaders.projects_of_program.load(self.pk, page_args(info, first, after, last, before))
        return to_connection(page, Project.of)
