"""How failures reach clients.

- A client's bad change: the payload's ``userErrors`` (``UserError``), never a top-level error.
- Authentication, authorization and malformed requests: top-level errors with
  ``extensions.code`` (UNAUTHENTICATED, FORBIDDEN, BAD_USER_INPUT).
- Anything else is our bug: logged with its stack, shown as INTERNAL_SERVER_ERROR with no detail.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator

import strawberry
from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from domain.errors import DomainError, Forbidden, NotAuthenticated
from domain.ids import BadGlobalId

log = logging.getLogger("pmo.api")


class BadRequest(Exception):
    """A request the schema accepts but the server refuses (page too large, conflicting args)."""


@strawberry.type(description="What was wrong with a mutation's input; nothing was changed.")
class UserError:
    field: list[str] = strawberry.field(description="Path into the input, e.g. ['input', 'duration'].")
    message: str
    code: str = strawberry.field(description="INVALID, NOT_FOUND, DUPLICATE, CYCLE, CONFLICT, GOVERNANCE, ...")


def user_errors(error: DomainError) -> list[UserError]:
    return [UserError(field=["input", *p.field], message=p.message, code=p.code.value) for p in error.problems]


def _classify(error: GraphQLError) -> GraphQLError:
    original = error.original_error
    if original is None or isinstance(original, GraphQLError):
        return error
    if isinstance(original, NotAuthenticated):
        code, message = "UNAUTHENTICATED", str(original) or "a valid bearer token is required"
    elif isinstance(original, Forbidden):
        code, message = "FORBIDDEN", str(original)
    elif isinstance(original, BadGlobalId | BadRequest | DomainError):
        code, message = "BAD_USER_INPUT", str(original)
    else:
        log.error("unexpected error in %s", error.path, exc_info=original)
        code, message = "INTERNAL_SERVER_ERROR", "internal server error"
    return GraphQLError(
        message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        extensions={"code": code},
    )


class ErrorPolicy(SchemaExtension):
    """Gives every error a code and hides the details of unexpected ones."""

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        errors = getattr(result, "errors", None)
        if result is not None and errors:
            result.errors = [_classify(e) for e in errors]


class CloseSession(SchemaExtension):
    """Closes the request's read session once the operation is done."""

    async def on_operation(self) -> AsyncIterator[None]:
        try:
            yield
        finally:
            context = self.execution_context.context
            close = getattr(context, "close", None)
            if close is not None:
                await close()
