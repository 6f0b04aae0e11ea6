"""Mutations on tasks and dependencies."""

from __future__ import annotations

from datetime import date
from typing import Any

import strawberry

from api.context import Info
from api.features.base.common import (
    DeleteInput,
    DeletePayload,
    DependencyType,
    Outcome,
    Payload,
    deleted,
    input_id,
    perform,
    provided,
)
from api.features.planning.task_types import Dependency, Task
from domain.base.work import Work
from domain.entities import Dependency as DependencyRow
from domain.entities import Task as TaskRow
from domain.planning import dependencies, tasks


@strawberry.input
class CreateTaskInput:
    project_id: strawberry.ID
    name: str
    duration: int | None = strawberry.field(default=None, description="Working days; default 1 (0 for a milestone).")
    milestone: bool = False
    parent_id: strawberry.ID | None = None
    constraint_type: str = "ASAP"
    constraint_date: date | None = None


@strawberry.input
class UpdateTaskInput:
    id: strawberry.ID
    version: int | None = strawberry.field(default=None, description="The version you read; a stale one is refused.")
    name: str | None = strawberry.UNSET
    duration: int | None = strawberry.UNSET
    milestone: bool | None = strawberry.UNSET
    parent_id: strawberry.ID | None = strawberry.UNSET
    percent_complete: float | None = strawberry.UNSET
    actual_start: date | None = strawberry.UNSET
    actual_finish: date | None = strawberry.UNSET
    constraint_type: str | None = strawberry.UNSET
    constraint_date: date | None = strawberry.UNSET


@strawberry.input(description="ASAP (default), SNET, SNLT, FNET, FNLT, MSO or MFO, with its date.")
class SetTaskConstraintInput:
    task_id: strawberry.ID
    constraint_type: str
    constraint_date: date | None = None
    version: int | None = None


@strawberry.input
class AddDependencyInput:
    predecessor_id: strawberry.ID
    successor_id: strawberry.ID
    type: DependencyType = DependencyType.FS
    lag: int = strawberry.field(default=0, description="Working days; negative for a lead.")


@strawberry.input
class UpdateDependencyInput:
    id: strawberry.ID
    version: int | None = None
    type: DependencyType | None = strawberry.UNSET
    lag: int | None = strawberry.UNSET


@strawberry.type
class TaskPayload(Payload):
    task: Task | None


@strawberry.type
class DependencyPayload(Payload):
    dependency: Dependency | None


def _task_payload(out: Outcome[TaskRow]) -> TaskPayload:
    return TaskPayload(
        task=Task.of(out.value) if out.value else None, user_errors=out.user_errors, violations=out.violations
    )


def _dep_payload(out: Outcome[DependencyRow]) -> DependencyPayload:
    return DependencyPayload(
        dependency=Dependency.of(out.value) if out.value else None,
        user_errors=out.user_errors,
        violations=out.violations,
    )


@strawberry.type
class TaskMutations:
    @strawberry.mutation
    async def create_task(self, info: Info, input: CreateTaskInput) -> TaskPayload:
        async def act(w: Work) -> TaskRow:
            fields: dict[str, Any] = {
                "name": input.name,
                "milestone": input.milestone,
                "constraint_type": input.constraint_type,
                "constraint_date": input.constraint_date,
            }
            if input.duration is not None:
                fields["duration"] = input.duration
            if input.parent_id is not None:
                fields["parent_id"] = input_id(input.parent_id, "Task", "parentId")
            return await tasks.create_task(
                w, project_id=input_id(input.project_id, "Project", "projectId"), fields=fields
            )

        return _task_payload(await perform(info, act))

    @strawberry.mutation(
        description="Change a task, including progress (percentComplete, actualStart, actualFinish); actual costs "
        "are dated entries: recordActualCost."
    )
    async def update_task(self, info: Info, input: UpdateTaskInput) -> TaskPayload:
        async def act(w: Work) -> TaskRow:
            changes = provided(
                name=input.name,
                duration=input.duration,
                milestone=input.milestone,
                percent_complete=input.percent_complete,
                actual_start=input.actual_start,
                actual_finish=input.actual_finish,
                constraint_type=input.constraint_type,
                constraint_date=input.constraint_date,
            )
            if input.parent_id is not strawberry.UNSET:
                changes["parent_id"] = input_id(input.parent_id, "Task", "parentId") if input.parent_id else None
            return await tasks.update_task(w, input_id(input.id, "Task", "id"), changes, input.version)

        return _task_payload(await perform(info, act))

    @strawberry.mutation(description="Set a task's scheduling constraint.")
    async def set_task_constraint(self, info: Info, input: SetTaskConstraintInput) -> TaskPayload:
        out = await perform(
            info,
            lambda w: tasks.update_task(
                w,
                input_id(input.task_id, "Task", "taskId"),
                {"constraint_type": input.constraint_type, "constraint_date": input.constraint_date},
                input.version,
            ),
        )
        return _task_payload(out)

    @strawberry.mutation(description="Delete a task with its subtasks, dependencies and assignments.")
    async def delete_task(self, info: Info, input: DeleteInput) -> DeletePayload:
        out = await perform(info, lambda w: tasks.delete_task(w, input_id(input.id, "Task", "id")))
        return deleted(out, input.id)

    @strawberry.mutation(description="Link two tasks (across projects of one portfolio too); a cycle is refused.")
    async def add_dependency(self, info: Info, input: AddDependencyInput) -> DependencyPayload:
        async def act(w: Work) -> DependencyRow:
            v_pred = input_id(input.predecessor_id, "Task", "predecessorId")
            v_succ = input_id(input.successor_id, "Task", "successorId")
            return await dependencies.add_dependency(
                w, predecessor_id=v_pred, successor_id=v_succ, type=input.type.value, lag=input.lag
            )

        return _dep_payload(await perform(info, act))

    @strawberry.mutation
    async def update_dependency(self, info: Info, input: UpdateDependencyInput) -> DependencyPayload:
        async def act(w: Work) -> DependencyRow:
            changes = provided(type=input.type, lag=input.lag)
            if changes.get("type") is not None:
                changes["type"] = changes["type"].value
            return await dependencies.update_dependency(
                w, input_id(input.id, "Dependency", "id"), changes, input.version
            )

        return _dep_payload(await perform(info, act))

    @strawberry.mutation
    async def remove_dependency(self, info: Info, input: DeleteInput) -> DeletePayload:
        out = await perform(info, lambda w: dependencies.remove_dependency(w, input_id(input.id, "Dependency", "id")))
        return deleted(out, input.id)
