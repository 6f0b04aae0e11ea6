"""Projects whose snapshot data a deletion changes through the database's cascades.

Deleting a task also deletes its subtasks and their links (some to other projects' tasks);
deleting a project or portfolio deletes links into other projects; deleting a resource deletes
its assignments; deleting a user unsets the manager of its projects. Those rows vanish without
the ORM seeing them, so the write log asks here, just before the flush deletes them, which
surviving projects they touch (``domain/base/write_log.py``). Synchronous: it runs inside
the session's ``before_flush`` event.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import or_
from sqlalchemy.orm import Session, aliased
from sqlmodel import col, select

from domain.entities import Assignment, Dependency, Portfolio, Project, Resource, Task, User


def cascaded_projects(session: Session, deleted: Iterable[object]) -> set[int]:
    task_ids = {o.id for o in deleted if isinstance(o, Task) and o.id is not None}
    project_ids = {o.id for o in deleted if isinstance(o, Project) and o.id is not None}
    portfolio_ids = {o.id for o in deleted if isinstance(o, Portfolio) and o.id is not None}
    resource_ids = {o.id for o in deleted if isinstance(o, Resource) and o.id is not None}
    user_ids = {o.id for o in deleted if isinstance(o, User) and o.id is not None}
    found: set[int] = set()
    if portfolio_ids:
        project_ids |= set(session.scalars(select(Project.id).where(col(Project.portfolio_id).in_(portfolio_ids))))
    if project_ids:
        task_ids |= set(session.scalars(select(Task.id).where(col(Task.project_id).in_(project_ids))))
    if task_ids:
        found |= _linked(session, _with_descendants(session, task_ids))
    if resource_ids:
        found |= set(
            session.scalars(
                select(Task.project_id)
                .join(Assignment, col(Assignment.task_id) == col(Task.id))
                .where(col(Assignment.resource_id).in_(resource_ids))
            )
        )
    if user_ids:
        found |= {
            pid for pid in session.scalars(select(Project.id).where(col(Project.manager_id).in_(user_ids))) if pid
        }
    return found


def _with_descendants(session: Session, task_ids: set[int]) -> set[int]:
    found = set(task_ids)
    frontier = set(task_ids)
    while frontier:
        children = {t for t in session.scalars(select(Task.id).where(col(Task.parent_id).in_(frontier))) if t}
        frontier = children - found
        found |= frontier
    return found


def _linked(session: Session, task_ids: set[int]) -> set[int]:
    """The projects of both ends of every link to or from the tasks."""
    pred, succ = aliased(Task), aliased(Task)
    rows = session.execute(
        select(pred.project_id, succ.project_id)
        .select_from(Dependency)
        .join(pred, col(pred.id) == col(Dependency.predecessor_id))
        .join(succ, col(succ.id) == col(Dependency.successor_id))
        .where(or_(col(Dependency.predecessor_id).in_(task_ids), col(Dependency.successor_id).in_(task_ids)))
    )
    return {int(p) for pair in rows for p in pair}
