"""Working calendars: the portfolio default and project or resource calendars."""

from __future__ import annotations

from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import select

from domain.base.errors import Validator
from domain.entities import Calendar, Project
from domain.planning.core import WorkCalendar

DEFAULT_WORKDAYS = "1111100"


def check_calendar(v: Validator, workdays: str | None, holidays: list[str] | None) -> list[str] | None:
    """Validate a weekday mask and holiday list; return the holidays normalized (sorted ISO)."""
    if workdays is not None and (len(workdays) != 7 or set(workdays) - {"0", "1"} or "1" not in workdays):
        v.add("workdays", "workdays must be 7 characters of 0/1, Monday first, with at least one 1 (e.g. 1111100)")
    if holidays is None:
        return None
    parsed: set[date] = set()
    for i, text in enumerate(holidays):
        try:
            parsed.add(date.fromisoformat(text))
        except (TypeError, ValueError):
            v.add(("holidays", str(i)), f"holiday {text!r} is not an ISO date (YYYY-MM-DD)")
    return [d.isoformat() for d in sorted(parsed)]


def work_calendar(row: Calendar) -> WorkCalendar:
    """The scheduling core's calendar for a stored one."""
    return WorkCalendar.of([i for i, flag in enumerate(row.workdays) if flag == "1"], row.holidays)


async def default_calendar(session: AsyncSession, portfolio_id: int) -> Calendar:
    row = await session.scalar(select(Calendar).where(Calendar.portfolio_id == portfolio_id, Calendar.is_default))
    assert row is not None, "every portfolio gets a default calendar when created"
    return row


async def project_calendar(session: AsyncSession, project: Project) -> Calendar:
    if project.calendar_id is not None:
        row = await session.get(Calendar, project.calendar_id)
        if row is not None:
            return row
    return await default_calendar(session, project.portfolio_id)
