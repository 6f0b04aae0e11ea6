"""The viewer (who is asking) and users."""

from __future__ import annotations

import strawberry

from api.features.base.common import gid
from api.relay import Node
from domain.base.authz import Viewer as DomainViewer
from domain.entities import User as UserRow


@strawberry.type(description="A role held for one portfolio, or for all when portfolioId is null.")
class RoleGrant:
    role: str
    portfolio_id: strawberry.ID | None


@strawberry.type
class User(Node):
    name: str

    @classmethod
    def of(cls, row: UserRow) -> User:
        return cls(id=gid("User", row.id), name=row.name)


@strawberry.type(description="The caller of this request.")
class Viewer:
    name: str
    user_id: strawberry.ID | None
    roles: list[RoleGrant]

    @classmethod
    def of(cls, viewer: DomainViewer) -> Viewer:
        return cls(
            name=viewer.name,
            user_id=gid("User", viewer.user_id) if viewer.user_id is not None else None,
            roles=[
                RoleGrant(
                    role=g.role.name.lower(),
                    portfolio_id=gid("Portfolio", g.portfolio_id) if g.portfolio_id is not None else None,
                )
                for g in viewer.grants
            ],
        )
