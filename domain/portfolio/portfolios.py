"""Portfolios, programs and their calendars."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlmodel import select

from domain.base.authz import Role
from domain.base.changes import apply_changes, check_version
from domain.base.errors import DomainError, Validator
from domain.base.money import DEFAULT_CURRENCY, is_currency, minor_digits
from domain.base.records import describe, get_or_404
from domain.base.work import Work
from domain.entities import Calendar, Portfolio, Program, Project, Resource
from domain.planning.calendars import DEFAULT_WORKDAYS, check_calendar, default_calendar

PMO_TYPES = ("SUPPORTIVE", "CONTROLLING", "DIRECTIVE")


def _check_portfolio_fields(v: Validator, work: Work, fields: Mapping[str, Any]) -> None:
    v.name("name", fields.get("name"))
    if "pmo_type" in fields and fields["pmo_type"] not in PMO_TYPES:
        v.add("pmoType", f"pmoType must be one of {', '.join(PMO_TYPES)}")
    methodology = fields.get("methodology")
    if methodology is not None and work.lifecycle(methodology) is None:
        v.add("methodology", f"no installed plugin provides the methodology {methodology!r}")
    v.not_null(fields, "currency")
    currency = fields.get("currency")
    if currency is not None and not is_currency(currency):
        v.add("currency", f"{currency!r} is not an ISO 4217 currency code such as USD, EUR or JPY")


async def create_portfolio(
    work: Work,
    *,
    name: str,
    pmo_type: str,
    methodology: str = "Default",
    description: str = "",
    currency: str = DEFAULT_CURRENCY,
) -> Portfolio:
    work.viewer.require_global(Role.PMO, "create a portfolio")
    v = Validator()
    fields = {"name": name, "pmo_type": pmo_type, "methodology": methodology, "currency": currency}
    _check_portfolio_fields(v, work, fields)
    v.raise_if_any()
    portfolio = Portfolio(
        name=name.strip(), description=description, pmo_type=pmo_type, methodology=methodology, currency=currency
    )
    work.session.add(portfolio)
    await work.session.flush()
    assert portfolio.id is not None
    work.session.add(Calendar(portfolio_id=portfolio.id, name="Standard", workdays=DEFAULT_WORKDAYS, is_default=True))
    work.record("portfolio.created", portfolio, portfolio.id)
    return portfolio


async def update_portfolio(work: Work, portfolio_id: int, changes: Mapping[str, Any], version: int | None) -> Portfolio:
    portfolio = await get_or_404(work.session, Portfolio, portfolio_id, "id", for_update=True)
    work.viewer.require(portfolio_id, Role.ADMIN, "change a portfolio's settings")
    check_version(portfolio, version)
    v = Validator()
    _check_portfolio_fields(v, work, changes)
    await _check_currency_change(work, portfolio, changes.get("currency"), v)
    v.raise_if_any()
    before = describe(portfolio)
    if apply_changes(portfolio, changes):
        work.record("portfolio.updated", portfolio, portfolio_id, before=before)
        project_ids = await work.session.scalars(select(Project.id).where(Project.portfolio_id == portfolio_id))
        work.touched_projects.update(pid for pid in project_ids if pid is not None)
    return portfolio


async def _check_currency_change(work: Work, portfolio: Portfolio, currency: str | None, v: Validator) -> None:
    """A new currency relabels the amounts, it converts nothing; one with fewer decimal places
    could not hold them, so it is refused once the portfolio has projects or resources."""
    if currency is None or not is_currency(currency) or currency == portfolio.currency:
        return
    if minor_digits(currency) >= minor_digits(portfolio.currency):
        return
    project = await work.session.scalar(select(Project.id).where(Project.portfolio_id == portfolio.id).limit(1))
    resource = await work.session.scalar(select(Resource.id).where(Resource.portfolio_id == portfolio.id).limit(1))
    if project is not None or resource is not None:
        v.add(
            "currency",
            f"{currency} has fewer decimal places than {portfolio.currency}: change it before amounts are recorded",
        )


async def create_program(work: Work, *, portfolio_id: int, name: str, description: str = "") -> Program:
    await get_or_404(work.session, Portfolio, portfolio_id, "portfolioId")
    work.viewer.require(portfolio_id, Role.PMO, "create a program")
    v = Validator()
    v.name("name", name)
    v.raise_if_any()
    program = Program(portfolio_id=portfolio_id, name=name.strip(), description=description)
    work.session.add(program)
    await work.session.flush()
    work.record("program.created", program, portfolio_id)
    return program


async def update_program(work: Work, program_id: int, changes: Mapping[str, Any], version: int | None) -> Program:
    program = await get_or_404(work.session, Program, program_id, "id", for_update=True)
    work.viewer.require(program.portfolio_id, Role.PMO, "change a program")
    check_version(program, version)
    v = Validator()
    v.name("name", changes.get("name"))
    v.raise_if_any()
    before = describe(program)
    if apply_changes(program, changes):
        work.record("program.updated", program, program.portfolio_id, before=before)
    return program


async def delete_program(work: Work, program_id: int) -> Program:
    """Delete a program; its projects stay in the portfolio, outside any program."""
    program = await get_or_404(work.session, Program, program_id, "id", for_update=True)
    work.viewer.require(program.portfolio_id, Role.PMO, "delete a program")
    work.record("program.deleted", program, program.portfolio_id, before=describe(program))
    await work.session.delete(program)
    await work.session.flush()
    return program


async def set_calendar(
    work: Work,
    *,
    portfolio_id: int | None = None,
    project_id: int | None = None,
    resource_id: int | None = None,
    workdays: str | None = None,
    holidays: list[str] | None = None,
) -> Calendar:
    """Set working weekdays and holidays of a portfolio's default calendar, or give a project or
    a resource a calendar of its own."""
    targets = [t for t in (portfolio_id, project_id, resource_id) if t is not None]
    if len(targets) != 1:
        raise DomainError.single("portfolioId", "give exactly one of portfolioId, projectId, resourceId")
    v = Validator()
    normalized = check_calendar(v, workdays, holidays)
    v.raise_if_any()
    session = work.session
    owner: Project | Resource | None = None
    if project_id is not None:
        owner = await get_or_404(session, Project, project_id, "projectId", for_update=True)
        work.viewer.require_project_edit(owner.portfolio_id, owner.manager_id, "change a project calendar")
        pid = owner.portfolio_id
    elif resource_id is not None:
        owner = await get_or_404(session, Resource, resource_id, "resourceId", for_update=True)
        work.viewer.require(owner.portfolio_id, Role.PMO, "change a resource calendar")
        pid = owner.portfolio_id
    else:
        assert portfolio_id is not None
        await get_or_404(session, Portfolio, portfolio_id, "portfolioId")
        work.viewer.require(portfolio_id, Role.PMO, "change the portfolio calendar")
        pid = portfolio_id
    base = await default_calendar(session, pid)
    if owner is None:
        calendar = base
    elif owner.calendar_id is not None:
        calendar = await get_or_404(session, Calendar, owner.calendar_id, "calendarId")
    else:
        label = owner.key if isinstance(owner, Project) else f"resource {owner.id}"
        calendar = Calendar(
            portfolio_id=pid, name=f"{label} calendar", workdays=base.workdays, holidays=list(base.holidays)
        )
        session.add(calendar)
        await session.flush()
        owner.calendar_id = calendar.id
    before = describe(calendar)
    changes: dict[str, Any] = {}
    if workdays is not None:
        changes["workdays"] = workdays
    if normalized is not None:
        changes["holidays"] = normalized
    apply_changes(calendar, changes)
    await session.flush()
    work.record("calendar.updated", calendar, pid, before=before)
    # Any project on this calendar, or on the default, may have moved.
    rows = await session.scalars(select(Project.id).where(Project.portfolio_id == pid))
    work.reschedule.update(r for r in rows if r is not None)
    return calendar
