"""Tasks: the WBS, durations, constraints and progress."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from domain.base.changes import apply_changes, check_version
from domain.base.errors import ErrorCode, Validator
from domain.base.records import describe, get_or_404
from domain.base.work import Work
from domain.entities import Dependency, Project, Task
from domain.monitoring.progress import record_progress
from domain.planning.dependencies import ensure_acyclic

CONSTRAINT_TYPES = ("ASAP", "SNET", "SNLT", "FNET", "FNLT", "MSO", "MFO")
EDITABLE = frozenset(
    {
        "name",
        "duration",
        "milestone",
        "parent_id",
        "percent_complete",
        "actual_start",
        "actual_finish",
        "constraint_type",
        "constraint_date",
    }
)
MAX_DURATION = 100_000


async def project_for_edit(work: Work, project_id: int, field: str, action: str) -> Project:
    project = await get_or_404(work.session, Project, project_id, field)
    work.viewer.require_project_edit(project.portfolio_id, project.manager_id, action)
    return project


async def _descendants(session: AsyncSession, task_id: int) -> set[int]:
    found: set[int] = set()
    frontier = {task_id}
    while frontier:
        children = set(await session.scalars(select(Task.id).where(col(Task.parent_id).in_(frontier))))
        frontier = {c for c in children if c is not None} - found
        found |= frontier
    return found


def _check_fields(v: Validator, merged: Mapping[str, Any], given: Mapping[str, Any]) -> None:
    v.not_null(given, "name", "duration", "milestone", "percent_complete", "constraint_type")
    v.name("name", given.get("name"))
    duration = merged.get("duration")
    if "duration" in given and (not isinstance(duration, int) or duration < 0 or duration > MAX_DURATION):
        v.add("duration", f"duration must be a whole number of working days from 0 to {MAX_DURATION}")
    if merged.get("milestone") and isinstance(duration, int) and duration > 0:
        v.add("duration" if "duration" in given else "milestone", "a milestone has duration 0")
    pct = merged.get("percent_complete")
    if "percent_complete" in given and (pct is None or not 0 <= pct <= 100):
        v.add("percentComplete", "percentComplete must be between 0 and 100")
    start, finish = merged.get("actual_start"), merged.get("actual_finish")
    if finish is not None and start is None:
        v.add("actualFinish", "actualFinish needs an actualStart")
    if isinstance(start, date) and isinstance(finish, date) and finish < start:
        v.add("actualFinish", "actualFinish is before actualStart")
    ctype = merged.get("constraint_type", "ASAP")
    if ctype not in CONSTRAINT_TYPES:
        v.add("constraintType", f"constraintType must be one of {', '.join(CONSTRAINT_TYPES)}")
    elif ctype != "ASAP" and merged.get("constraint_date") is None:
        v.add("constraintDate", f"a {ctype} constraint needs a constraintDate")


def _derive_progress(task: Task, values: dict[str, Any]) -> None:
    """Fill what progress implies, as MS Project does: finished means 100 %; started work has a start."""
    if values.get("actual_finish") is not None and "percent_complete" not in values:
        values["percent_complete"] = 100.0
    pct = values.get("percent_complete", task.percent_complete)
    if pct and pct > 0 and values.get("actual_start", task.actual_start) is None:
        values["actual_start"] = task.start or task.early_start
    if values.get("constraint_type") == "ASAP":
        values["constraint_date"] = None


async def _check_parent(work: Work, task: Task | None, project_id: int, parent_id: int | None, v: Validator) -> None:
    if parent_id is None:
        return
    parent = await work.session.get(Task, parent_id)
    if parent is None or parent.project_id != project_id:
        v.add("parentId", "no task with this ID in the same project", ErrorCode.NOT_FOUND)
    elif parent.milestone:
        v.add("parentId", "a milestone cannot have subtasks")
    elif (
        task is not None
        and task.id is not None
        and (parent_id == task.id or parent_id in await _descendants(work.session, task.id))
    ):
        v.add("parentId", "a task cannot be placed under itself or one of its subtasks", ErrorCode.CYCLE)


async def create_task(work: Work, *, project_id: int, fields: Mapping[str, Any]) -> Task:
    project = await project_for_edit(work, project_id, "projectId", "add tasks to this project")
    values = {"duration": 0 if fields.get("milestone") else 1, **fields}
    v = Validator()
    _check_fields(v, values, {**values, "name": fields.get("name", "")})
    await _check_parent(work, None, project_id, values.get("parent_id"), v)
    v.raise_if_any()
    task = Task(project_id=project_id, **values)
    _derive_progress(task, values)
    for name, value in values.items():
        setattr(task, name, value)
    work.session.add(task)
    await work.session.flush()
    if task.percent_complete:
        record_progress(work, task, project)
    work.record("task.created", task, project.portfolio_id)
    work.reschedule.add(project_id)
    work.touched_projects.add(project_id)
    return task


async def update_task(work: Work, task_id: int, changes: Mapping[str, Any], version: int | None) -> Task:
    task = await get_or_404(work.session, Task, task_id, "id", for_update=True)
    project = await project_for_edit(work, task.project_id, "id", "change this task")
    check_version(task, version)
    assert not set(changes) - EDITABLE
    values = dict(changes)
    _derive_progress(task, values)
    merged = {**describe(task), **{k: getattr(task, k) for k in EDITABLE}, **values}
    v = Validator()
    _check_fields(v, merged, values)
    if "parent_id" in values:
        await _check_parent(work, task, task.project_id, values["parent_id"], v)
    if values.get("milestone") is False and "duration" not in values and task.duration == 0:
        values["duration"] = 1
    v.raise_if_any()
    before = describe(task)
    old_percent = task.percent_complete
    if apply_changes(task, values):
        if task.percent_complete != old_percent:
            record_progress(work, task, project)
        if "parent_id" in values:
            # A link on a summary binds the tasks under it: moving a task in the WBS can close a loop.
            await work.session.flush()
            await ensure_acyclic(
                work, project.portfolio_id, "parentId", "under this parent, the task's links would form a cycle"
            )
        work.record("task.updated", task, project.portfolio_id, before=before)
        work.reschedule.add(task.project_id)
        work.touched_projects.add(task.project_id)
    return task


async def delete_task(work: Work, task_id: int) -> Task:
    """Delete a task with its subtasks, links and assignments (the database cascades)."""
    task = await get_or_404(work.session, Task, task_id, "id", for_update=True)
    project = await project_for_edit(work, task.project_id, "id", "delete this task")
    doomed = {task_id} | await _descendants(work.session, task_id)
    # Projects linked to the doomed tasks move too once the links are gone.
    linked = await work.session.scalars(
        select(Task.project_id)
        .join(Dependency, (col(Dependency.predecessor_id) == Task.id) | (col(Dependency.successor_id) == Task.id))
        .where(col(Dependency.predecessor_id).in_(doomed) | col(Dependency.successor_id).in_(doomed))
    )
    work.reschedule.update(linked)
    work.record("task.deleted", task, project.portfolio_id, before=describe(task))
    await work.session.delete(task)
    await work.session.flush()
    work.reschedule.add(task.project_id)
    work.touched_projects.add(task.project_id)
    return task
