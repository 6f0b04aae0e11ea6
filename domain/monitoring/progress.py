"""Progress history: every change of a task's percent complete, kept with the project's status
date (today, UTC, while the project has none), so earned value can be computed for any past
date: the latest entry on or before it counts, and of entries on one date the last recorded."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from domain.base.work import Work
from domain.entities import ProgressEntry, Project, Task


def record_progress(work: Work, task: Task, project: Project) -> None:
    """Keep the task's (new) percent complete as of the project's status date."""
    assert task.id is not None
    day = project.status_date or dt.datetime.now(dt.UTC).date()
    work.session.add(ProgressEntry(task_id=task.id, status_date=day, percent_complete=task.percent_complete))


async def progress_history(session: AsyncSession, task_ids: Collection[int]) -> dict[int, list[ProgressEntry]]:
    """Each task's entries, by status date, then in recording order."""
    rows = await session.execute(
        select(ProgressEntry)
        .where(col(ProgressEntry.task_id).in_(sorted(task_ids)))
        .order_by(col(ProgressEntry.task_id), col(ProgressEntry.status_date), col(ProgressEntry.id))
    )
    out: dict[int, list[ProgressEntry]] = defaultdict(list)
    for entry in rows.scalars():
        out[entry.task_id].append(entry)
    return out
