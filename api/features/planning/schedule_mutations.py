"""Mutations on baselines."""

from __future__ import annotations

import strawberry

from api.context import Info
from api.features.base.common import DeleteInput, DeletePayload, Outcome, Payload, deleted, input_id, perform
from api.features.planning.schedule_types import Baseline
from domain.entities import Baseline as BaselineRow
from domain.planning import baselines


@strawberry.input
class SaveBaselineInput:
    project_id: strawberry.ID
    name: str
    active: bool | None = strawberry.field(
        default=None, description="Make it the active baseline; by default only a project's first one is."
    )


@strawberry.input
class SetActiveBaselineInput:
    baseline_id: strawberry.ID


@strawberry.type
class BaselinePayload(Payload):
    baseline: Baseline | None


def _payload(out: Outcome[BaselineRow]) -> BaselinePayload:
    return BaselinePayload(
        baseline=Baseline.of(out.value) if out.value else None, user_errors=out.user_errors, violations=out.violations
    )


@strawberry.type
class ScheduleMutations:
    @strawberry.mutation(
        description="Snapshot every task's scheduled start, finish, duration and planned cost "
        "(units x duration x cost rate over its assignments)."
    )
    async def save_baseline(self, info: Info, input: SaveBaselineInput) -> BaselinePayload:
        out = await perform(
            info,
            lambda w: baselines.save_baseline(
                w, project_id=input_id(input.project_id, "Project", "projectId"), name=input.name, active=input.active
            ),
        )
        return _payload(out)

    @strawberry.mutation(description="Measure variances against this baseline (its project's others become inactive).")
    async def set_active_baseline(self, info: Info, input: SetActiveBaselineInput) -> BaselinePayload:
        out = await perform(
            info, lambda w: baselines.set_active_baseline(w, input_id(input.baseline_id, "Baseline", "baselineId"))
        )
        return _payload(out)

    @strawberry.mutation(description="Delete a baseline; deleting the active one leaves none active.")
    async def delete_baseline(self, info: Info, input: DeleteInput) -> DeletePayload:
        out = await perform(info, lambda w: baselines.delete_baseline(w, input_id(input.id, "Baseline", "id")))
        return deleted(out, input.id)
