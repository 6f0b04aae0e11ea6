"""Baseline and the portfolio schedule view."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from api.features.base.common import gid
from api.relay import Node
from domain.entities import Baseline as BaselineRow
from domain.planning.schedule import PortfolioView

if TYPE_CHECKING:
    from api.features.planning.task_types import Task
    from api.features.portfolio.project_types import Project

_Project = Annotated["Project", strawberry.lazy("api.features.portfolio.project_types")]
_Task = Annotated["Task", strawberry.lazy("api.features.planning.task_types")]


@strawberry.type(description="A saved snapshot of a project's schedule and planned cost.")
class Baseline(Node):
    name: str
    active: bool = strawberry.field(description="Variances are measured against the active baseline.")
    created_at: datetime
    row: strawberry.Private[BaselineRow]

    @classmethod
    def of(cls, row: BaselineRow) -> Baseline:
        return cls(id=gid("Baseline", row.id), name=row.name, active=row.active, created_at=row.created_at, row=row)


@strawberry.type(description="A project's place in the portfolio schedule.")
class ProjectFinish:
    project: _Project
    finish_date: date | None
    critical: bool = strawberry.field(description="The project holds tasks of the portfolio's critical path.")


@strawberry.type(description="The stored schedule of a portfolio seen whole, across linked projects.")
class PortfolioSchedule:
    finish_date: date | None = strawberry.field(description="The latest finish of any of its projects.")
    critical_path: list[_Task] = strawberry.field(
        description="Tasks with no float against the finish of their linked group of projects, in the "
        "group(s) that finish last, in schedule order (early start, early finish); may cross projects."
    )
    projects: list[ProjectFinish]

    @classmethod
    def of(cls, view: PortfolioView) -> PortfolioSchedule:
        from api.features.planning.task_types import Task
        from api.features.portfolio.project_types import Project

        return cls(
            finish_date=view.finish_date,
            critical_path=[Task.of(t) for t in view.critical_path],
            projects=[
                ProjectFinish(project=Project.of(p), finish_date=p.finish_date, critical=p.id in view.critical_projects)
                for p in view.projects
            ],
        )
