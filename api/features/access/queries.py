"""The Query root's ``viewer``: who is asking."""

from __future__ import annotations

import strawberry

from api.context import Info
from api.features.access.types import Viewer


@strawberry.type
class AccessQueries:
    @strawberry.field(description="Who is asking, with their roles.")
    def viewer(self, info: Info) -> Viewer:
        return Viewer.of(info.context.viewer)
