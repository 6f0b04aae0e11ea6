"""``node(id:)``: any object by its global ID, if the viewer may read its portfolio. Every feature's
node types are registered here, as in ``api/schema.py``."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import SQLModel

from api.context import Context, Info
from api.features.access.types import User
from api.features.governance.types import GateRequest
from api.features.planning.schedule_types import Baseline
from api.features.planning.task_types import Dependency, Task
from api.features.portfolio.portfolio_types import Calendar, Event, Portfolio, Program
from api.features.portfolio.project_types import Project
from api.features.portfolio.risk_types import Risk
from api.features.resources.resource_types import Assignment, Resource
from api.relay import Node
from domain import entities as e
from domain.base.authz import Role
from domain.base.errors import Forbidden
from domain.base.ids import from_global_id

PortfolioOf = Callable[[AsyncSession, Any], Awaitable[int | None]]


async def _direct(_s: AsyncSession, row: Any) -> int | None:
    return int(row.portfolio_id) if row.portfolio_id is not None else None


async def _self(_s: AsyncSession, row: Any) -> int | None:
    return int(row.id)


async def _via_project(s: AsyncSession, row: Any) -> int | None:
    project = await s.get(e.Project, row.project_id)
    return project.portfolio_id if project else None


async def _via_task(s: AsyncSession, row: Any) -> int | None:
    task = await s.get(e.Task, row.task_id if hasattr(row, "task_id") else row.successor_id)
    return await _via_project(s, task) if task else None


_KINDS: dict[str, tuple[type[SQLModel], Callable[[Any], Node], PortfolioOf]] = {
    "Portfolio": (e.Portfolio, Portfolio.of, _self),
    "Program": (e.Program, Program.of, _direct),
    "Project": (e.Project, Project.of, _direct),
    "Resource": (e.Resource, Resource.of, _direct),
    "Calendar": (e.Calendar, Calendar.of, _direct),
    "Event": (e.Event, Event.of, _direct),
    "Task": (e.Task, Task.of, _via_project),
    "Risk": (e.Risk, Risk.of, _via_project),
    "GateRequest": (e.GateRequest, GateRequest.of, _via_project),
    "Baseline": (e.Baseline, Baseline.of, _via_project),
    "Dependency": (e.Dependency, Dependency.of, _via_task),
    "Assignment": (e.Assignment, Assignment.of, _via_task),
}


async def resolve_node(ctx: Context, global_id: str) -> Node | None:
    kind, pk = from_global_id(global_id)
    viewer = ctx.viewer
    async with ctx.reading() as session:
        if kind == "User":
            if pk != viewer.user_id and (viewer.global_role or Role.VIEWER) < Role.PMO:
                raise Forbidden("read another user")
            user = await session.get(e.User, pk)
            return User.of(user) if user else None
        if kind not in _KINDS:
            return None
        model, wrap, portfolio_of = _KINDS[kind]
        row = await session.get(model, pk)
        if row is None:
            return None
        portfolio_id = await portfolio_of(session, row)
        if portfolio_id is None:
            raise Forbidden("read this object")
        viewer.require_read(portfolio_id)
        return wrap(row)


@strawberry.type
class NodeQueries:
    @strawberry.field(description="Any object by its global ID.")
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        return await resolve_node(info.context, str(id))
