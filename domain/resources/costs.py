"""Planned cost of tasks and projects: assigned units x working days x cost rate."""

from __future__ import annotations

from collections.abc import Collection

import numpy as np
import numpy.typing as npt
from sqlalchemy import select as select_columns
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, func

from domain.entities import Assignment, Resource, Task
from domain.resources.core.load import TOLERANCE as TOLERANCE

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


async def task_planned_costs(session: AsyncSession, task_ids: Collection[int]) -> dict[int, float]:
    """Cost rate x assigned work (units x duration in working days), summed over assignments."""
    rows = await session.execute(
        select_columns(col(Task.id), func.sum(col(Assignment.units) * col(Resource.cost_rate) * col(Task.duration)))
        .join(Assignment, col(Assignment.task_id) == col(Task.id))
        .join(Resource, col(Resource.id) == col(Assignment.resource_id))
        .where(col(Task.id).in_(sorted(task_ids)))
        .group_by(col(Task.id))
    )
    return {int(tid or 0): float(cost or 0.0) for tid, cost in rows.all()}


async def project_planned_costs(session: AsyncSession, project_ids: Collection[int]) -> dict[int, float]:
    """The planned labour cost of each project: the sum of its tasks' planned costs."""
    rows = await session.execute(
        select_columns(
            col(Task.project_id), func.sum(col(Assignment.units) * col(Resource.cost_rate) * col(Task.duration))
        )
        .join(Assignment, col(Assignment.task_id) == col(Task.id))
        .join(Resource, col(Resource.id) == col(Assignment.resource_id))
        .where(col(Task.project_id).in_(sorted(project_ids)))
        .group_by(col(Task.project_id))
    )
    return {int(pid): float(cost or 0.0) for pid, cost in rows.all()}
