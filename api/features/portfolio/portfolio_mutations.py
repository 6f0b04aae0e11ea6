"""Mutations on portfolios, programs and calendars."""

from __future__ import annotations

from datetime import date

import strawberry

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
from api.features.portfolio.portfolio_types import Calendar, Portfolio, Program
from domain.base.work import Work
from domain.entities import Portfolio as PortfolioRow
from domain.governance.core.enums import PmoType as DomainPmoType
from domain.portfolio import portfolios


@strawberry.input
class CreatePortfolioInput:
    name: str
    pmo_type: DomainPmoType
    methodology: str = "Default"
    description: str = ""
    currency: str = strawberry.field(default="USD", description="ISO 4217 code of every amount in the portfolio.")


@strawberry.input
class UpdatePortfolioInput:
    id: strawberry.ID
    version: int | None = strawberry.field(default=None, description="The version you read; a stale one is refused.")
    name: str | None = strawberry.UNSET
    description: str | None = strawberry.UNSET
    pmo_type: DomainPmoType | None = strawberry.UNSET
    methodology: str | None = strawberry.UNSET
    currency: str | None = strawberry.field(
        default=strawberry.UNSET,
        description="Relabels the amounts (converts nothing); refused for a currency with fewer decimal places "
        "once the portfolio has projects or resources.",
    )


@strawberry.input
class CreateProgramInput:
    portfolio_id: strawberry.ID
    name: str
    description: str = ""


@strawberry.input
class UpdateProgramInput:
    id: strawberry.ID
    version: int | None = None
    name: str | None = strawberry.UNSET
    description: str | None = strawberry.UNSET


@strawberry.input(description="Give exactly one of portfolioId (its default), projectId or resourceId.")
class SetCalendarInput:
    portfolio_id: strawberry.ID | None = None
    project_id: strawberry.ID | None = None
    resource_id: strawberry.ID | None = None
    workdays: str | None = strawberry.field(default=None, description="Seven 0/1 flags, Monday first.")
    holidays: list[date] | None = None


@strawberry.type
class PortfolioPayload(Payload):
    portfolio: Portfolio | None


@strawberry.type
class ProgramPayload(Payload):
    program: Program | None


@strawberry.type
class CalendarPayload(Payload):
    calendar: Calendar | None


@strawberry.type
class PortfolioMutations:
    @strawberry.mutation(description="Create a portfolio (pmo or admin for all portfolios).")
    async def create_portfolio(self, info: Info, input: CreatePortfolioInput) -> PortfolioPayload:
        out = await perform(
            info,
            lambda w: portfolios.create_portfolio(
                w,
                name=input.name,
                pmo_type=input.pmo_type.value,
                methodology=input.methodology,
                description=input.description,
                currency=input.currency,
            ),
        )
        return PortfolioPayload(
            portfolio=Portfolio.of(out.value) if out.value else None,
            user_errors=out.user_errors,
            violations=out.violations,
        )

    @strawberry.mutation(description="Rename a portfolio or change its PMO type or methodology (admin).")
    async def update_portfolio(self, info: Info, input: UpdatePortfolioInput) -> PortfolioPayload:
        async def act(w: Work) -> PortfolioRow:
            changes = blank_nulls(
                provided(
                    name=input.name,
                    description=input.description,
                    methodology=input.methodology,
                    currency=input.currency,
                ),
                "description",
            )
            if input.pmo_type is not strawberry.UNSET and input.pmo_type is not None:
                changes["pmo_type"] = input.pmo_type.value
            return await portfolios.update_portfolio(w, input_id(input.id, "Portfolio", "id"), changes, input.version)

        out = await perform(info, act)
        return PortfolioPayload(
            portfolio=Portfolio.of(out.value) if out.value else None,
            user_errors=out.user_errors,
            violations=out.violations,
        )

    @strawberry.mutation
    async def create_program(self, info: Info, input: CreateProgramInput) -> ProgramPayload:
        out = await perform(
            info,
            lambda w: portfolios.create_program(
                w,
                portfolio_id=input_id(input.portfolio_id, "Portfolio", "portfolioId"),
                name=input.name,
                description=input.description,
            ),
        )
        return ProgramPayload(
            program=Program.of(out.value) if out.value else None,
            user_errors=out.user_errors,
            violations=out.violations,
        )

    @strawberry.mutation
    async def update_program(self, info: Info, input: UpdateProgramInput) -> ProgramPayload:
        out = await perform(
            info,
            lambda w: portfolios.update_program(
                w,
                input_id(input.id, "Program", "id"),
                blank_nulls(provided(name=input.name, description=input.description), "description"),
                input.version,
            ),
        )
        return ProgramPayload(
            program=Program.of(out.value) if out.value else None,
            user_errors=out.user_errors,
            violations=out.violations,
        )

    @strawberry.mutation(description="Delete a program; its projects stay, outside any program.")
    async def delete_program(self, info: Info, input: DeleteInput) -> DeletePayload:
        out = await perform(info, lambda w: portfolios.delete_program(w, input_id(input.id, "Program", "id")))
        return deleted(out, input.id)

    @strawberry.mutation(description="Set working weekdays and holidays; every affected schedule moves at once.")
    async def set_calendar(self, info: Info, input: SetCalendarInput) -> CalendarPayload:
        out = await perform(
            info,
            lambda w: portfolios.set_calendar(
                w,
                portfolio_id=input_id(input.portfolio_id, "Portfolio", "portfolioId") if input.portfolio_id else None,
                project_id=input_id(input.project_id, "Project", "projectId") if input.project_id else None,
                resource_id=input_id(input.resource_id, "Resource", "resourceId") if input.resource_id else None,
                workdays=input.workdays,
                holidays=[d.isoformat() for d in input.holidays] if input.holidays is not None else None,
            ),
        )
        return CalendarPayload(
            calendar=Calendar.of(out.value) if out.value else None,
            user_errors=out.user_errors,
            violations=out.violations,
        )
