"""``Project.snapshot_revision``: which projects a transaction changed, and their bump.

Every write transaction that changes what a project's governance snapshot is built from bumps
the project's revision before it commits, so a snapshot cached by any worker is known valid
exactly while the revision it was built at is current. The bump is an ``UPDATE`` of the
project rows: on PostgreSQL it holds their row locks until commit, so between the bump and the
commit no other transaction can commit a change to these projects (it would have to bump too);
SQLite runs one writer at a time anyway.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from sqlalchemy import bindparam, update
from sqlalchemy import select as select_columns
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from domain.base.write_log import UNCACHED, WriteLog
from domain.entities import (
    Assignment,
    Baseline,
    BaselineTask,
    Dependency,
    Portfolio,
    Project,
    Risk,
    Task,
    User,
)

EVERY_PROJECT = None


async def changed_projects(session: AsyncSession, log: WriteLog, declared: Iterable[int]) -> set[int] | None:
    """The projects whose snapshot data the logged writes changed, with the ``declared`` ones
    (the change's touched and rescheduled projects); None when that cannot be told (a write
    that said nothing of its rows)."""
    if log.untracked:
        return EVERY_PROJECT
    projects = set(declared) | log.owners
    task_ids: set[int] = set(log.unowned.get("task", ()))
    baseline_ids: set[int] = set()
    portfolio_ids: set[int] = set()
    user_ids: set[int] = set()
    written = [(o, "changed") for o in log.changed] + [(o, "added") for o in log.added]
    for obj, how in [*written, *((o, "deleted") for o in log.deleted)]:
        if isinstance(obj, Task | Risk | Baseline):
            projects.add(obj.project_id)
        elif isinstance(obj, Project):
            if obj.id is not None:
                projects.add(obj.id)
        elif isinstance(obj, Dependency):
            task_ids.update((obj.predecessor_id, obj.successor_id))
        elif isinstance(obj, Assignment):
            task_ids.add(obj.task_id)
        elif isinstance(obj, BaselineTask):
            baseline_ids.add(obj.baseline_id)
        elif isinstance(obj, Portfolio) and how == "changed":
            portfolio_ids.add(obj.id or 0)  # its type and methodology are in its projects' snapshots
        elif isinstance(obj, User) and how == "changed":
            user_ids.add(obj.id or 0)  # a manager's name is in the snapshots of its projects
        # Deleted resources, users, projects, portfolios and tasks: the projects their deletion
        # cascades into are in ``log.owners``; an updated resource changes only the
        # over-allocation feed, which is recomputed on every change.
    if any(ids for table, ids in log.unowned.items() if table != "task"):
        return EVERY_PROJECT  # no declared Core write updates other tables today
    if task_ids:
        projects.update(await _projects_of(session, col(Task.id), col(Task.project_id), task_ids))
    if baseline_ids:
        projects.update(await _projects_of(session, col(Baseline.id), col(Baseline.project_id), baseline_ids))
    if portfolio_ids:
        projects.update(await _projects_of(session, col(Project.portfolio_id), col(Project.id), portfolio_ids))
    if user_ids:
        projects.update(await _projects_of(session, col(Project.manager_id), col(Project.id), user_ids))
    return projects


async def _projects_of(session: AsyncSession, key: object, project: object, ids: Collection[int]) -> set[int]:
    conn = await session.connection()
    rows = await conn.execute(select_columns(project).distinct().where(key.in_(sorted(ids))))  # type: ignore[attr-defined,call-overload]
    return {int(pid) for (pid,) in rows}


# Built once (the project IDs are bound): the bump runs in every change.
_BUMP_ALL = (
    update(Project).values(snapshot_revision=col(Project.snapshot_revision) + 1).execution_options(**{UNCACHED: True})
)
_BUMP = _BUMP_ALL.where(col(Project.id).in_(bindparam("ids", expanding=True))).returning(
    col(Project.id), col(Project.snapshot_revision)
)
_REVISIONS = select_columns(col(Project.id), col(Project.snapshot_revision)).where(
    col(Project.id).in_(bindparam("ids", expanding=True))
)


async def bump(session: AsyncSession, projects: set[int] | None, wanted: Collection[int]) -> dict[int, int]:
    """Bump the revisions of ``projects`` (every project for None); returns the new revisions of
    the ``wanted`` ones (each bumped by exactly one in this call)."""
    conn = await session.connection()
    if projects is not EVERY_PROJECT:
        if not projects:
            return {}
        # One statement: the new revisions come back from the bump itself.
        rows = await conn.execute(_BUMP, {"ids": sorted(projects)})
        return {int(pid or 0): int(rev) for pid, rev in rows if pid in wanted}
    await conn.execute(_BUMP_ALL)
    if not wanted:
        return {}
    return {int(pid or 0): int(rev) for pid, rev in await conn.execute(_REVISIONS, {"ids": sorted(wanted)})}
