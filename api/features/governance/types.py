"""GateRequest (more governance types arrive with the governance API)."""

from __future__ import annotations

from datetime import datetime

import strawberry

from api.features.common import gid
from api.relay import Node
from domain.entities import GateRequest as GateRequestRow


@strawberry.type(description="A phase transition waiting for, or decided by, the PMO.")
class GateRequest(Node):
    from_phase: str
    to_phase: str
    status: str = strawberry.field(description="PENDING, APPROVED or REJECTED.")
    reasons: list[str]
    requested_by: str | None
    decided_by: str | None
    comment: str | None
    created_at: datetime
    decided_at: datetime | None

    @classmethod
    def of(cls, row: GateRequestRow) -> GateRequest:
        return cls(
            id=gid("GateRequest", row.id),
            from_phase=row.from_phase,
            to_phase=row.to_phase,
            status=row.status,
            reasons=list(row.reasons),
            requested_by=row.requested_by,
            decided_by=row.decided_by,
            comment=row.comment,
            created_at=row.created_at,
            decided_at=row.decided_at,
        )
