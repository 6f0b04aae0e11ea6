"""Risk."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from api.context import Info
from api.features.base.common import gid
from api.relay import Node
from domain.entities import Risk as RiskRow

if TYPE_CHECKING:
    from api.features.portfolio.project_types import Project

_Project = Annotated["Project", strawberry.lazy("api.features.portfolio.project_types")]


@strawberry.type(description="Something that may happen and hurt the project.")
class Risk(Node):
    title: str
    description: str
    probability: float = strawberry.field(description="0..1")
    impact: int = strawberry.field(description="1 (negligible) .. 5 (severe)")
    owner: str | None
    mitigation: str | None
    status: str = strawberry.field(description="OPEN, MITIGATING, CLOSED or OCCURRED.")
    version: int
    row: strawberry.Private[RiskRow]

    @classmethod
    def of(cls, row: RiskRow) -> Risk:
        return cls(
            id=gid("Risk", row.id),
            title=row.title,
            description=row.description,
            probability=row.probability,
            impact=row.impact,
            owner=row.owner,
            mitigation=row.mitigation,
            status=row.status,
            version=row.version,
            row=row,
        )

    @strawberry.field(description="probability x impact (0..5).")
    def score(self) -> float:
        return round(self.probability * self.impact, 4)

    @strawberry.field
    async def project(self, info: Info) -> _Project:
        from api.features.portfolio.project_types import Project

        row = await info.context.loaders.project.load(self.row.project_id)
        assert row is not None
        return Project.of(row)
