"""The ASGI application: ``/graphql`` (HTTP, GraphiQL, WebSocket) and ``/healthz``."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL

from api.config import Settings
from api.context import Context
from api.runtime import Runtime, settle_heap
from api.schema import build_schema

log = logging.getLogger("pmo.api")


def bearer_token(header: str | None) -> str | None:
    if not header:
        return None
    scheme, _, token = header.partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


class GraphQLEndpoint(GraphQL[Context, None]):
    """Strawberry's ASGI view with our per-request context (viewer, session, loaders)."""

    def __init__(self, runtime_holder: dict[str, Runtime], settings: Settings) -> None:
        super().__init__(build_schema(settings), graphql_ide="graphiql" if settings.graphiql else None)
        self._holder = runtime_holder

    async def get_context(self, request: Request | WebSocket, response: Response | WebSocket) -> Context:
        runtime = self._holder["runtime"]
        header = request.headers.get("authorization")
        if isinstance(request, WebSocket):
            params: Any = getattr(request, "connection_params", None)
            header = header or (params or {}).get("Authorization")
        token = bearer_token(header)
        viewer = await runtime.authenticate(token) if token else None
        return Context(runtime, viewer)


def create_app(settings: Settings | None = None, runtime: Runtime | None = None) -> Starlette:
    """Build the app. With no runtime given, one is started (and migrated) in the lifespan."""
    settings = settings or Settings.from_env()
    holder: dict[str, Runtime] = {}
    if runtime is not None:
        holder["runtime"] = runtime

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        owned = "runtime" not in holder
        if owned:
            holder["runtime"] = await Runtime.start(settings)
            settle_heap()
        try:
            yield
        finally:
            if owned:
                await holder.pop("runtime").stop()

    async def healthz(_request: Request) -> Response:
        healthy = "runtime" in holder and await holder["runtime"].healthy()
        return JSONResponse({"status": "ok" if healthy else "unavailable"}, status_code=200 if healthy else 503)

    graphql = GraphQLEndpoint(holder, settings)
    return Starlette(
        routes=[
            Route("/graphql", graphql, methods=["GET", "POST"]),
            WebSocketRoute("/graphql", graphql),
            Route("/healthz", healthz),
        ],
        lifespan=lifespan,
    )
