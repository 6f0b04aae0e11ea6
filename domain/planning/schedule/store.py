"""Storing computed schedules: only the rows whose dates changed, in one executemany, and the
``Work`` step that keeps every stored schedule current before a change commits."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import Table, bindparam, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import col, select

from domain.base.errors import DomainError, ErrorCode
from domain.base.work import Work
from domain.base.write_log import PROJECT, ROWS
from domain.entities import Project, Task
from domain.planning.core import (
    CycleError,
)
from domain.planning.schedule.compute import GroupSchedule, compute_group
from domain.planning.schedule.load import OUTPUTS, TASKS, linked_group

# Both writes name their rows for the write log (domain/base/write_log.py): a cached
# governance snapshot is patched with exactly the rows the schedule rewrote.
_WRITE = (
    update(TASKS)
    .where(TASKS.c.id == bindparam("pk"))
    .values({name: bindparam(f"new_{name}") for name in OUTPUTS})
    .execution_options(**{ROWS: "pk", PROJECT: "project"})
)
_PROJECTS: Table = Project.__table__  # type: ignore[attr-defined]
_WRITE_FINISH = (
    update(_PROJECTS)
    .where(_PROJECTS.c.id == bindparam("pk"))
    .values(finish_date=bindparam("finish"))
    .execution_options(**{ROWS: "pk"})
)


async def reschedule(session: AsyncSession, project_ids: Iterable[int]) -> list[GroupSchedule]:
    """Recompute and store the schedules of ``project_ids`` and of every project linked to them."""
    pending = set(project_ids)
    results = []
    while pending:
        group_ids = await linked_group(session, {pending.pop()})
        pending -= group_ids
        projects = list((await session.execute(select(Project).where(col(Project.id).in_(group_ids)))).scalars())
        if not projects:
            continue
        result = await compute_group(session, projects)
        await _store(session, result, projects)
        results.append(result)
    return results


async def _store(session: AsyncSession, result: GroupSchedule, projects: Sequence[Project]) -> None:
    """Write the rows whose schedule changed (one executemany) and refresh loaded objects."""
    changed = result.changed()
    if len(changed):
        ids = [result.task_ids[k] for k in changed.tolist()]
        columns = {name: result.python_values(name, changed) for name in OUTPUTS}
        # "project" is not bound: it tells the write log whose rows these are.
        params = [{"pk": pk, "project": result.project_of[k]} for pk, k in zip(ids, changed.tolist(), strict=True)]
        for name, values in columns.items():
            key = f"new_{name}"
            for row, value in zip(params, values, strict=True):
                row[key] = value
        conn = await session.connection()
        await conn.execute(_WRITE, params)
        position = {pk: k for k, pk in enumerate(ids)}
        for obj in list(session.sync_session.identity_map.values()):
            k = position.get(obj.id, -1) if isinstance(obj, Task) else -1
            if k >= 0:
                for name, values in columns.items():
                    set_committed_value(obj, name, values[k])
    for project in projects:
        finish = result.project_finish.get(project.id or 0)
        if project.finish_date != finish:
            conn = await session.connection()
            await conn.execute(_WRITE_FINISH, [{"pk": project.id, "finish": finish}])
            set_committed_value(project, "finish_date", finish)


async def after_change(work: Work) -> None:
    """The ``Work`` step that keeps schedules current. The services refuse links and WBS moves
    that would loop; should a loop still reach the scheduler, the change is refused, not crashed."""
    if not work.reschedule:
        return
    try:
        await reschedule(work.session, work.reschedule)
    except CycleError as exc:
        raise DomainError.single(
            "input", f"this change would make the schedule loop ({len(exc.tasks)} tasks on the cycle)", ErrorCode.CYCLE
        ) from exc
