"""Helpers every feature uses: IDs in inputs, enums, the mutation runner and payloads."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any, Generic, TypeVar

import strawberry
from sqlalchemy.exc import IntegrityError

from api.context import Info
from api.errors import UserError, user_errors
from domain.base.errors import DomainError, ErrorCode, Refused
from domain.base.ids import BadGlobalId, expect_global_id, to_global_id
from domain.base.work import Work
from domain.governance.core.enums import PmoType as DomainPmoType
from domain.governance.core.enums import Severity as DomainSeverity
from domain.governance.core.outcomes import Violation as DomainViolation

T = TypeVar("T")

# The domain's enums are the GraphQL enums: registering them keeps one source of truth.
PmoType = strawberry.enum(DomainPmoType, name="PmoType")
Severity = strawberry.enum(DomainSeverity, name="Severity")


@strawberry.enum(description="How a dependency ties its tasks: finish-to-start, start-to-start, ...")
class DependencyType(Enum):
    FS = "FS"
    SS = "SS"
    FF = "FF"
    SF = "SF"


@strawberry.type(description="A governance rule's finding about a project or a proposed change.")
class Violation:
    rule_id: str
    severity: DomainSeverity
    message: str
    subject_id: strawberry.ID | None

    @classmethod
    def of(cls, v: DomainViolation) -> Violation:
        return cls(
            rule_id=v.rule_id,
            severity=v.severity,
            message=v.message,
            subject_id=strawberry.ID(v.subject_id) if v.subject_id else None,
        )


def gid(type_name: str, pk: int | None) -> strawberry.ID:
    assert pk is not None
    return strawberry.ID(to_global_id(type_name, pk))


def input_id(global_id: str | strawberry.ID, type_name: str, field: str) -> int:
    """The primary key named by an input's ID; a malformed one is the client's error."""
    try:
        return expect_global_id(str(global_id), type_name, field)
    except BadGlobalId as exc:
        raise DomainError.single(field, str(exc), ErrorCode.NOT_FOUND) from None


def provided(**fields: Any) -> dict[str, Any]:
    """The fields a client actually sent (strawberry marks the others UNSET)."""
    return {k: v for k, v in fields.items() if v is not strawberry.UNSET}


def blank_nulls(fields: dict[str, Any], *names: str) -> dict[str, Any]:
    """``null`` for a free-text field clears it: stored as empty text, as when it was never set."""
    return {k: "" if v is None and k in names else v for k, v in fields.items()}


@strawberry.type
class Payload:
    user_errors: list[UserError]
    violations: list[Violation]


@dataclass
class Outcome(Generic[T]):
    value: T | None
    user_errors: list[UserError]
    violations: list[Violation]


async def perform(info: Info, action: Callable[[Work], Awaitable[T]]) -> Outcome[T]:
    """Run one change in one transaction. A refusal rolls everything back and comes back as
    ``userErrors``; governance findings come back as ``violations`` either way."""
    try:
        async with info.context.work() as work:
            value = await action(work)
    except Refused as exc:
        return Outcome(None, user_errors(exc), [Violation.of(v) for v in exc.violations])  # type: ignore[arg-type]
    except DomainError as exc:
        return Outcome(None, user_errors(exc), [])
    except IntegrityError:
        # Two requests raced past the same uniqueness check; the loser is told, not crashed.
        message = "this change clashes with one committed at the same moment; reload and try again"
        return Outcome(None, [UserError(field=["input"], message=message, code=ErrorCode.CONFLICT.value)], [])
    findings = [Violation.of(v) for v in work.findings if isinstance(v, DomainViolation)]
    return Outcome(value, [], findings)


@strawberry.input
class DeleteInput:
    id: strawberry.ID


@strawberry.type
class DeletePayload(Payload):
    deleted_id: strawberry.ID | None


def deleted(out: Outcome[Any], global_id: strawberry.ID) -> DeletePayload:
    return DeletePayload(
        deleted_id=global_id if out.value is not None else None, user_errors=out.user_errors, violations=out.violations
    )
