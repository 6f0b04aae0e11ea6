"""The context of one GraphQL request: who asks, a read session, dataloaders, governance."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.types import Info as StrawberryInfo

from api.config import Settings
from api.loaders import Loaders
from domain.base.authz import Viewer
from domain.base.errors import NotAuthenticated
from domain.base.work import Work
from domain.governance.core.port import GovernancePort

if TYPE_CHECKING:
    from api.runtime import Runtime


@dataclass
class Context:
    runtime: Runtime
    viewer_or_none: Viewer | None
    _reader: AsyncSession | None = None
    # Set by strawberry from a WebSocket's connection_init payload.
    connection_params: Any = None
    loaders: Loaders = field(init=False)

    def __post_init__(self) -> None:
        self._lock = asyncio.Lock()
        self.loaders = Loaders(self.reading)

    @property
    def viewer(self) -> Viewer:
        """The caller; every protected field goes through here."""
        if self.viewer_or_none is None:
            raise NotAuthenticated("a valid bearer token is required (Authorization: Bearer <token>)")
        return self.viewer_or_none

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[AsyncSession]:
        """The request's read session, opened on first use. Resolvers and dataloaders run
        concurrently, and a session allows one operation at a time, so use is serialized."""
        async with self._lock:
            if self._reader is None:
                self._reader = self.runtime.db.reader()
            yield self._reader

    async def authenticate_connection(self) -> Viewer:
        """The viewer of a WebSocket: the token comes in connection_init (``Authorization``)."""
        if self.viewer_or_none is None and isinstance(self.connection_params, dict):
            header = self.connection_params.get("Authorization") or self.connection_params.get("authorization")
            scheme, _, token = str(header or "").partition(" ")
            if scheme.lower() == "bearer" and token.strip():
                self.viewer_or_none = await self.runtime.authenticate(token.strip())
        return self.viewer

    @property
    def settings(self) -> Settings:
        return self.runtime.settings

    @property
    def governance(self) -> GovernancePort:
        return self.runtime.governance

    @asynccontextmanager
    async def work(self) -> AsyncIterator[Work]:
        """One change in one transaction; afterwards reads see it (fresh session and loaders)."""
        async with self.runtime.work(self.viewer) as work:
            yield work
        await self.reset()

    async def reset(self) -> None:
        if self._reader is not None:
            await self._reader.close()
            self._reader = None
        self.loaders = Loaders(self.reading)

    async def close(self) -> None:
        if self._reader is not None:
            await self._reader.close()
            self._reader = None


Info = StrawberryInfo[Context, Any]
