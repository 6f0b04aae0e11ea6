"""The stored schedule of whole portfolios: finish and the critical path across linked projects."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select as select_columns
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from domain.entities import Project, Task
from domain.planning.schedule.load import LINKS, TASKS


@dataclass
class PortfolioView:
    """The stored schedule of a portfolio seen whole (read as stored; nothing is recomputed)."""

    finish_date: date | None
    # Portfolio-critical leaf tasks of the linked group(s) that finish last, in schedule order.
    critical_path: list[Task]
    projects: list[Project]
    critical_projects: set[int]


async def portfolio_views(session: AsyncSession, portfolio_ids: Sequence[int]) -> dict[int, PortfolioView]:
    """The schedule view of each portfolio in three statements, whatever their sizes."""
    projects = list(
        (
            await session.execute(
                select(Project).where(col(Project.portfolio_id).in_(portfolio_ids)).order_by(col(Project.id))
            )
        ).scalars()
    )
    pids = [p.id for p in projects if p.id is not None]
    pred_task, succ_task = TASKS.alias(), TASKS.alias()
    pairs = (
        await session.execute(
            select_columns(pred_task.c.project_id, succ_task.c.project_id)
            .distinct()
            .select_from(LINKS)
            .join(pred_task, pred_task.c.id == LINKS.c.predecessor_id)
            .join(succ_task, succ_task.c.id == LINKS.c.successor_id)
            .where(pred_task.c.project_id != succ_task.c.project_id, succ_task.c.project_id.in_(pids))
        )
    ).all()
    root = {pid: pid for pid in pids}

    def find(p: int) -> int:
        while root[p] != p:
            root[p] = root[root[p]]
            p = root[p]
        return p

    for a, b in pairs:
        if a in root and b in root:
            root[find(a)] = find(b)
    out: dict[int, PortfolioView] = {}
    driving: set[int] = set()
    for portfolio_id in portfolio_ids:
        mine = [p for p in projects if p.portfolio_id == portfolio_id]
        finish = max((p.finish_date for p in mine if p.finish_date is not None), default=None)
        groups = {find(p.id) for p in mine if p.id is not None and finish is not None and p.finish_date == finish}
        members = {p.id for p in mine if p.id is not None and find(p.id) in groups}
        driving |= members
        out[portfolio_id] = PortfolioView(finish, [], mine, set())
    if driving:
        summaries = select(Task.parent_id).where(
            col(Task.parent_id).is_not(None), col(Task.project_id).in_(sorted(driving))
        )
        tasks = (
            await session.execute(
                select(Task)
                .where(
                    col(Task.project_id).in_(sorted(driving)),
                    col(Task.portfolio_critical),
                    col(Task.id).not_in(summaries),
                )
                .order_by(col(Task.early_start), col(Task.early_finish), col(Task.id))
            )
        ).scalars()
        portfolio_of = {p.id: p.portfolio_id for p in projects}
        for task in tasks:
            view = out[portfolio_of[task.project_id]]
            view.critical_path.append(task)
            view.critical_projects.add(task.project_id)
    return out
