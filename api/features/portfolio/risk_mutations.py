"""Mutations on risks."""

from __future__ import annotations

import strawberry

from api.context import Info
from api.features.base.common import (
    DeleteInput,
    DeletePayload,
    Outcome,
    Payload,
    blank_nulls,
    deleted,
    input_id,
    perform,
    provided,
)
from api.features.portfolio.risk_types import Risk
from domain.entities import Risk as RiskRow
from domain.portfolio import risks


@strawberry.input
class CreateRiskInput:
    project_id: strawberry.ID
    title: str
    probability: float = strawberry.field(description="0..1")
    impact: int = strawberry.field(description="1..5")
    owner: str | None = None
    mitigation: str | None = None
    description: str = ""
    status: str = "OPEN"


@strawberry.input
class UpdateRiskInput:
    id: strawberry.ID
    version: int | None = None
    title: str | None = strawberry.UNSET
    probability: float | None = strawberry.UNSET
    impact: int | None = strawberry.UNSET
    owner: str | None = strawberry.UNSET
    mitigation: str | None = strawberry.UNSET
    description: str | None = strawberry.UNSET
    status: str | None = strawberry.UNSET


@strawberry.type
class RiskPayload(Payload):
    risk: Risk | None


def _payload(out: Outcome[RiskRow]) -> RiskPayload:
    return RiskPayload(
        risk=Risk.of(out.value) if out.value else None, user_errors=out.user_errors, violations=out.violations
    )


@strawberry.type
class RiskMutations:
    @strawberry.mutation
    async def create_risk(self, info: Info, input: CreateRiskInput) -> RiskPayload:
        fields = {
            "title": input.title,
            "probability": input.probability,
            "impact": input.impact,
            "owner": input.owner,
            "mitigation": input.mitigation,
            "description": input.description,
            "status": input.status,
        }
        out = await perform(
            info,
            lambda w: risks.create_risk(
                w, project_id=input_id(input.project_id, "Project", "projectId"), fields=fields
            ),
        )
        return _payload(out)

    @strawberry.mutation
    async def update_risk(self, info: Info, input: UpdateRiskInput) -> RiskPayload:
        changes = provided(
            title=input.title,
            probability=input.probability,
            impact=input.impact,
            owner=input.owner,
            mitigation=input.mitigation,
            description=input.description,
            status=input.status,
        )
        changes = blank_nulls(changes, "description")
        out = await perform(
            info, lambda w: risks.update_risk(w, input_id(input.id, "Risk", "id"), changes, input.version)
        )
        return _payload(out)

    @strawberry.mutation
    async def delete_risk(self, info: Info, input: DeleteInput) -> DeletePayload:
        out = await perform(info, lambda w: risks.delete_risk(w, input_id(input.id, "Risk", "id")))
        return deleted(out, input.id)
