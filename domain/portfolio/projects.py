"""Projects."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlmodel import select

from domain.base.authz import Role
from domain.base.changes import apply_changes, check_version
from domain.base.errors import DomainError, ErrorCode, Validator
from domain.base.money import check_amount
from domain.base.records import describe, get_or_404
from domain.base.work import Work
from domain.entities import Portfolio, Program, Project, User
from domain.monitoring.core.methods import EvMethod
from domain.planning.schedule import linked_group

EV_METHODS = tuple(m.value for m in EvMethod)
_KEY = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,19}$")

# Fields a project's update may change; the phase moves only through a gate (transitionPhase).
EDITABLE = frozenset(
    {
        "name",
        "key",
        "description",
        "objectives",
        "scope",
        "start_date",
        "status_date",
        "budget",
        "revenue",
        "ev_method",
        "priority",
        "program_id",
        "manager_id",
    }
)
# Fields whose change moves the schedule.
_DATE_FIELDS = frozenset({"start_date", "status_date"})


def _check(v: Validator, fields: Mapping[str, Any], currency: str) -> None:
    v.not_null(fields, "name", "key", "start_date", "priority", "ev_method")
    v.name("name", fields.get("name"))
    key = fields.get("key")
    if key is not None and not _KEY.match(key):
        v.add("key", "key must start with a letter and hold at most 20 letters, digits, '-' or '_'")
    for money in ("budget", "revenue"):
        check_amount(v, money, fields.get(money), currency)
    method = fields.get("ev_method")
    if method is not None and method not in EV_METHODS:
        v.add("evMethod", f"evMethod must be one of {', '.join(EV_METHODS)}")
    priority = fields.get("priority")
    if priority is not None and not 0 <= priority <= 1000:
        v.add("priority", "priority must be between 0 and 1000")


async def _check_references(work: Work, portfolio_id: int, fields: Mapping[str, Any], v: Validator) -> None:
    program_id = fields.get("program_id")
    if program_id is not None:
        program = await work.session.get(Program, program_id)
        if program is None or program.portfolio_id != portfolio_id:
            v.add("programId", "no program with this ID in the project's portfolio", ErrorCode.NOT_FOUND)
    manager_id = fields.get("manager_id")
    if manager_id is not None and await work.session.get(User, manager_id) is None:
        v.add("managerId", "no user with this ID", ErrorCode.NOT_FOUND)
    key = fields.get("key")
    if key is not None:
        clash = await work.session.scalar(
            select(Project.id).where(Project.portfolio_id == portfolio_id, Project.key == key)
        )
        if clash is not None:
            v.add("key", f"a project with key {key!r} already exists in this portfolio", ErrorCode.DUPLICATE)


async def create_project(work: Work, *, portfolio_id: int, fields: Mapping[str, Any]) -> Project:
    """Create a project in its methodology's first phase. A manager who creates a project
    manages it unless someone else is named."""
    portfolio = await get_or_404(work.session, Portfolio, portfolio_id, "portfolioId")
    work.viewer.require(portfolio_id, Role.MANAGER, "create a project")
    v = Validator()
    _check(v, fields, portfolio.currency)
    if not isinstance(fields.get("start_date"), date):
        v.add("startDate", "startDate is required")
    await _check_references(work, portfolio_id, fields, v)
    v.raise_if_any()
    phases = work.lifecycle(portfolio.methodology)
    if not phases:
        raise DomainError.single(
            "portfolioId", f"the portfolio's methodology {portfolio.methodology!r} is not installed"
        )
    values = dict(fields)
    if values.get("manager_id") is None and work.viewer.role_in(portfolio_id) == Role.MANAGER:
        values["manager_id"] = work.viewer.user_id
    project = Project(portfolio_id=portfolio_id, phase=phases[0], **values)
    work.session.add(project)
    await work.session.flush()
    assert project.id is not None
    work.record("project.created", project, portfolio_id)
    work.reschedule.add(project.id)
    work.touched_projects.add(project.id)
    return project


async def update_project(work: Work, project_id: int, changes: Mapping[str, Any], version: int | None) -> Project:
    project = await get_or_404(work.session, Project, project_id, "id", for_update=True)
    work.viewer.require_project_edit(project.portfolio_id, project.manager_id, "change this project")
    if "manager_id" in changes:
        work.viewer.require(project.portfolio_id, Role.PMO, "assign a project's manager")
    check_version(project, version)
    unknown = set(changes) - EDITABLE
    assert not unknown, f"not editable: {unknown}"
    v = Validator()
    portfolio = await get_or_404(work.session, Portfolio, project.portfolio_id, "id")
    _check(v, changes, portfolio.currency)
    await _check_references(
        work, project.portfolio_id, {k: val for k, val in changes.items() if not (k == "key" and val == project.key)}, v
    )
    v.raise_if_any()
    before = describe(project)
    if apply_changes(project, changes):
        work.record("project.updated", project, project.portfolio_id, before=before)
        if _DATE_FIELDS & set(changes):
            work.reschedule.add(project_id)
        work.touched_projects.add(project_id)
    return project


async def delete_project(work: Work, project_id: int) -> Project:
    """Delete a project with everything in it (PMO staff only: it cannot be undone)."""
    project = await get_or_404(work.session, Project, project_id, "id", for_update=True)
    work.viewer.require(project.portfolio_id, Role.PMO, "delete a project")
    linked = await linked_group(work.session, {project_id})
    work.record("project.deleted", project, project.portfolio_id, before=describe(project))
    await work.session.delete(project)
    await work.session.flush()
    # Projects linked to this one lose those links and may move.
    work.reschedule.update(linked - {project_id})
    return project
