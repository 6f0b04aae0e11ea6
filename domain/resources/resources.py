"""Resources and their assignments to tasks."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlmodel import col, select

from domain.base.authz import Role
from domain.base.changes import apply_changes, check_version
from domain.base.errors import DomainError, ErrorCode, Validator
from domain.base.money import check_amount
from domain.base.records import describe, get_or_404
from domain.base.work import Work
from domain.entities import Assignment, Portfolio, Project, Resource, Task

MAX_UNITS = 1_000.0


def _check(v: Validator, fields: Mapping[str, Any], currency: str) -> None:
    v.not_null(fields, "name", "role", "capacity", "cost_rate")
    v.name("name", fields.get("name"))
    v.name("role", fields.get("role"), max_length=100)
    capacity = fields.get("capacity")
    if capacity is not None and not 0 < capacity <= MAX_UNITS:
        v.add("capacity", f"capacity must be more than 0 and at most {MAX_UNITS:g} units per day")
    check_amount(v, "costRate", fields.get("cost_rate"), currency, rate=True)


async def create_resource(work: Work, *, portfolio_id: int, fields: Mapping[str, Any]) -> Resource:
    portfolio = await get_or_404(work.session, Portfolio, portfolio_id, "portfolioId")
    work.viewer.require(portfolio_id, Role.PMO, "create a resource")
    v = Validator()
    _check(v, {"capacity": 1.0, **fields}, portfolio.currency)
    v.raise_if_any()
    resource = Resource(portfolio_id=portfolio_id, **fields)
    work.session.add(resource)
    await work.session.flush()
    work.record("resource.created", resource, portfolio_id)
    return resource


async def update_resource(work: Work, resource_id: int, changes: Mapping[str, Any], version: int | None) -> Resource:
    resource = await get_or_404(work.session, Resource, resource_id, "id", for_update=True)
    work.viewer.require(resource.portfolio_id, Role.PMO, "change a resource")
    check_version(resource, version)
    v = Validator()
    portfolio = await get_or_404(work.session, Portfolio, resource.portfolio_id, "id")
    _check(v, changes, portfolio.currency)
    v.raise_if_any()
    before = describe(resource)
    if apply_changes(resource, changes):
        work.record("resource.updated", resource, resource.portfolio_id, before=before)
        await _touch_projects_of(work, resource_id)
    return resource


async def delete_resource(work: Work, resource_id: int) -> Resource:
    """Delete a resource and its assignments."""
    resource = await get_or_404(work.session, Resource, resource_id, "id", for_update=True)
    work.viewer.require(resource.portfolio_id, Role.PMO, "delete a resource")
    await _touch_projects_of(work, resource_id)
    work.record("resource.deleted", resource, resource.portfolio_id, before=describe(resource))
    await work.session.delete(resource)
    await work.session.flush()
    return resource


async def _touch_projects_of(work: Work, resource_id: int) -> None:
    rows = await work.session.scalars(
        select(Task.project_id)
        .join(Assignment, col(Assignment.task_id) == Task.id)
        .where(Assignment.resource_id == resource_id)
    )
    work.touched_projects.update(rows)


def _check_units(v: Validator, units: float | None) -> None:
    if units is None or not 0 < units <= MAX_UNITS:
        v.add("units", f"units must be more than 0 and at most {MAX_UNITS:g}")


async def assign_resource(work: Work, *, task_id: int, resource_id: int, units: float = 1.0) -> Assignment:
    v = Validator()
    _check_units(v, units)
    task = await work.session.get(Task, task_id)
    resource = await work.session.get(Resource, resource_id)
    if task is None:
        v.add("taskId", "no task with this ID", ErrorCode.NOT_FOUND)
    if resource is None:
        v.add("resourceId", "no resource with this ID", ErrorCode.NOT_FOUND)
    v.raise_if_any()
    assert task is not None and resource is not None
    project = await get_or_404(work.session, Project, task.project_id, "taskId")
    work.viewer.require_project_edit(project.portfolio_id, project.manager_id, "assign resources to this project")
    if resource.portfolio_id != project.portfolio_id:
        raise DomainError.single("resourceId", "the resource belongs to another portfolio")
    clash = await work.session.scalar(
        select(Assignment.id).where(Assignment.task_id == task_id, Assignment.resource_id == resource_id)
    )
    if clash is not None:
        raise DomainError.single("resourceId", "this resource is already assigned to the task", ErrorCode.DUPLICATE)
    assignment = Assignment(task_id=task_id, resource_id=resource_id, units=units)
    work.session.add(assignment)
    await work.session.flush()
    work.record("assignment.created", assignment, project.portfolio_id)
    work.touched_projects.add(task.project_id)
    return assignment


async def _assignment_for_edit(work: Work, assignment_id: int) -> tuple[Assignment, Project]:
    assignment = await get_or_404(work.session, Assignment, assignment_id, "id", for_update=True)
    task = await get_or_404(work.session, Task, assignment.task_id, "id")
    project = await get_or_404(work.session, Project, task.project_id, "id")
    work.viewer.require_project_edit(project.portfolio_id, project.manager_id, "change this assignment")
    return assignment, project


async def update_assignment(work: Work, assignment_id: int, units: float, version: int | None) -> Assignment:
    assignment, project = await _assignment_for_edit(work, assignment_id)
    check_version(assignment, version)
    v = Validator()
    _check_units(v, units)
    v.raise_if_any()
    before = describe(assignment)
    if apply_changes(assignment, {"units": units}):
        work.record("assignment.updated", assignment, project.portfolio_id, before=before)
        assert project.id is not None
        work.touched_projects.add(project.id)
    return assignment


async def unassign_resource(work: Work, assignment_id: int) -> Assignment:
    assignment, project = await _assignment_for_edit(work, assignment_id)
    work.record("assignment.deleted", assignment, project.portfolio_id, before=describe(assignment))
    await work.session.delete(assignment)
    await work.session.flush()
    assert project.id is not None
    work.touched_projects.add(project.id)
    return assignment
