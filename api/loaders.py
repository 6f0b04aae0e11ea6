"""Per-request dataloaders: every relationship a query walks is fetched in batches, so the
number of statements grows with the depth of a query, not with the number of rows."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from datetime import date
from decimal import Decimal
from typing import Any, Generic, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import SQLModel, col, select
from strawberry.dataloader import DataLoader

from domain.base.money import DEFAULT_CURRENCY
from domain.base.paging import Page, PageRequest, load_child_pages
from domain.entities import (
    ActualCost,
    Assignment,
    Baseline,
    Dependency,
    GateRequest,
    Portfolio,
    Program,
    Project,
    Resource,
    Risk,
    Task,
    User,
)
from domain.monitoring.actuals import actual_cost_entries, project_actual_costs, task_actual_costs
from domain.planning.baselines import TaskVariance, task_variances
from domain.planning.schedule import PortfolioView, portfolio_views
from domain.resources.costs import project_currencies, project_planned_costs, task_planned_costs
from domain.resources.load import resources_over_dates, tasks_over_allocated

RowT = TypeVar("RowT", bound=SQLModel)
ValueT = TypeVar("ValueT")
SessionGetter = Callable[[], AbstractAsyncContextManager[AsyncSession]]


def _by_id(session: SessionGetter, model: type[RowT]) -> DataLoader[int, RowT | None]:
    async def load(ids: list[int]) -> list[RowT | None]:
        async with session() as s:
            rows = (await s.execute(select(model).where(col(model.id).in_(ids)))).scalars()  # type: ignore[attr-defined]
            found = {r.id: r for r in rows}  # type: ignore[attr-defined]
            return [found.get(i) for i in ids]

    return DataLoader(load_fn=load)


def _lists(session: SessionGetter, model: type[RowT], column: Any) -> DataLoader[int, list[RowT]]:
    """All rows of ``model`` whose ``column`` equals each key (for short, bounded lists)."""
    key: str = column.key

    async def load(ids: list[int]) -> list[list[RowT]]:
        async with session() as s:
            rows = (await s.execute(select(model).where(col(column).in_(ids)).order_by(col(model.id)))).scalars()  # type: ignore[attr-defined]
            grouped: dict[int, list[RowT]] = defaultdict(list)
            for r in rows:
                grouped[getattr(r, key)].append(r)
            return [grouped.get(i, []) for i in ids]

    return DataLoader(load_fn=load)


def _critical_tasks(session: SessionGetter) -> DataLoader[int, list[Task]]:
    """Critical leaf tasks per project, in schedule order (early start, early finish, ID)."""

    async def load(ids: list[int]) -> list[list[Task]]:
        async with session() as s:
            summaries = select(Task.parent_id).where(col(Task.parent_id).is_not(None), col(Task.project_id).in_(ids))
            stmt = (
                select(Task)
                .where(col(Task.project_id).in_(ids), col(Task.critical), col(Task.id).not_in(summaries))
                .order_by(col(Task.early_start), col(Task.early_finish), col(Task.id))
            )
            grouped: dict[int, list[Task]] = defaultdict(list)
            for task in (await s.execute(stmt)).scalars():
                grouped[task.project_id].append(task)
            return [grouped.get(i, []) for i in ids]

    return DataLoader(load_fn=load)


def _task_variances(session: SessionGetter) -> DataLoader[int, TaskVariance | None]:
    """Each task against its project's active baseline (None without one)."""

    async def load(ids: list[int]) -> list[TaskVariance | None]:
        async with session() as s:
            found = await task_variances(s, ids)
        return [found.get(i) for i in ids]

    return DataLoader(load_fn=load)


def _portfolio_schedules(session: SessionGetter) -> DataLoader[int, PortfolioView]:
    async def load(ids: list[int]) -> list[PortfolioView]:
        async with session() as s:
            found = await portfolio_views(s, ids)
        return [found[i] for i in ids]

    return DataLoader(load_fn=load)


def _by_key(
    session: SessionGetter, fetch: Callable[[AsyncSession, list[int]], Awaitable[dict[int, ValueT]]], default: ValueT
) -> DataLoader[int, ValueT]:
    """One batched read per request depth: ``fetch`` answers a dict for many keys at once."""

    async def load(ids: list[int]) -> list[ValueT]:
        async with session() as s:
            found = await fetch(s, ids)
        return [found.get(i, default) for i in ids]

    return DataLoader(load_fn=load)


def _tasks_over_allocated(session: SessionGetter) -> DataLoader[int, bool]:
    async def load(ids: list[int]) -> list[bool]:
        async with session() as s:
            found = await tasks_over_allocated(s, ids)
        return [i in found for i in ids]

    return DataLoader(load_fn=load)


def _resource_over_days(session: SessionGetter) -> DataLoader[tuple[int, date, date], list[date]]:
    """Over-allocated days per resource, batched per distinct window."""

    async def load(keys: list[tuple[int, date, date]]) -> list[list[date]]:
        by_window: dict[tuple[date, date], list[int]] = defaultdict(list)
        for rid, first, last in keys:
            by_window[(first, last)].append(rid)
        found: dict[tuple[int, date, date], list[date]] = {}
        async with session() as s:
            for (first, last), rids in by_window.items():
                days = await resources_over_dates(s, rids, first, last)
                found.update({(rid, first, last): days.get(rid, []) for rid in rids})
        return [found[k] for k in keys]

    return DataLoader(load_fn=load)


class PageLoader(Generic[RowT]):
    """Pages of children per parent, batched per distinct set of page arguments."""

    def __init__(self, session: SessionGetter, model: type[RowT], column: Any) -> None:
        async def load(keys: list[tuple[int, PageRequest]]) -> list[Page[RowT]]:
            async with session() as s:
                by_request: dict[PageRequest, list[int]] = defaultdict(list)
                for parent, req in keys:
                    by_request[req].append(parent)
                results: dict[tuple[int, PageRequest], Page[RowT]] = {}
                for req, parents in by_request.items():
                    pages = await load_child_pages(s, model, column, parents, req)
                    results.update({(p, req): page for p, page in pages.items()})
                return [results[k] for k in keys]

        self._loader: DataLoader[tuple[int, PageRequest], Page[RowT]] = DataLoader(load_fn=load)

    async def load(self, parent_id: int, req: PageRequest) -> Page[RowT]:
        return await self._loader.load((parent_id, req))


class Loaders:
    """Fresh for every request (and after every mutation), so nothing leaks between them."""

    def __init__(self, session: SessionGetter) -> None:
        self.portfolio = _by_id(session, Portfolio)
        self.project = _by_id(session, Project)
        self.user = _by_id(session, User)
        self.task = _by_id(session, Task)
        self.resource = _by_id(session, Resource)
        self.program = _by_id(session, Program)
        self.projects_of_portfolio = PageLoader(session, Project, Project.portfolio_id)
        self.projects_of_program = PageLoader(session, Project, Project.program_id)
        self.programs_of_portfolio = PageLoader(session, Program, Program.portfolio_id)
        self.resources_of_portfolio = PageLoader(session, Resource, Resource.portfolio_id)
        self.tasks_of_project = PageLoader(session, Task, Task.project_id)
        self.risks_of_project = PageLoader(session, Risk, Risk.project_id)
        self.predecessors = _lists(session, Dependency, Dependency.successor_id)
        self.successors = _lists(session, Dependency, Dependency.predecessor_id)
        self.assignments_of_task = _lists(session, Assignment, Assignment.task_id)
        self.assignments_of_resource = _lists(session, Assignment, Assignment.resource_id)
        self.subtasks = _lists(session, Task, Task.parent_id)
        self.gate_requests = _lists(session, GateRequest, GateRequest.project_id)
        self.critical_tasks = _critical_tasks(session)
        self.baselines_of_project = _lists(session, Baseline, Baseline.project_id)
        self.task_variance = _task_variances(session)
        self.portfolio_schedule = _portfolio_schedules(session)
        self.task_planned_cost = _by_key(session, task_planned_costs, Decimal(0))
        self.project_planned_cost = _by_key(session, project_planned_costs, Decimal(0))
        self.task_actual_cost = _by_key(session, task_actual_costs, Decimal(0))
        self.project_actual_cost = _by_key(session, project_actual_costs, Decimal(0))
        no_entries: list[ActualCost] = []
        self.actual_costs_of_task: DataLoader[int, list[ActualCost]] = _by_key(session, actual_cost_entries, no_entries)
        self.project_currency = _by_key(session, project_currencies, DEFAULT_CURRENCY)
        self.task_overallocated = _tasks_over_allocated(session)
        self.resource_overallocated_days = _resource_over_days(session)
