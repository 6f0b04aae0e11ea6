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

from domain.base.errors import DomainError, Forbidden, NotAuthenticated
from domain.base.ids import BadGlobalId

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


def classify(original: BaseException) -> tuple[str, str]:
    """The ``extensions.code`` and the message a client sees for an exception."""
    if isinstance(original, NotAuthenticated):
        return "UNAUTHENTICATED", str(original) or "a valid bearer token is required"
    if isinstance(original, Forbidden):
        return "FORBIDDEN", str(original)
    if isinstance(original, BadGlobalId | BadRequest | DomainError):
        return "BAD_USER_INPUT", str(original)
    log.error("unexpected error", exc_info=original)
    return "INTERNAL_SERVER_ERROR", "internal server error"


def coded(original: BaseException) -> GraphQLError:
    """A GraphQL error carrying its code, for places the ErrorPolicy does not reach
    (subscriptions report errors while streaming, outside the operation hooks)."""
    code, message = classify(original)
    return GraphQLError(message, extensions={"code": code})


def _classify(error: GraphQLError) -> GraphQLError:
    original = error.original_error
    if original is None or isinstance(original, GraphQLError):
        return error
    code, message = classify(original)
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
