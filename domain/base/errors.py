"""Domain outcomes that refuse a change.

Services raise these; the API maps them to ``userErrors`` (field path, message, code) or, for
authentication and authorization, to top-level GraphQL errors. Nothing here knows GraphQL.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum


class ErrorCode(StrEnum):
    INVALID = "INVALID"
    NOT_FOUND = "NOT_FOUND"
    DUPLICATE = "DUPLICATE"
    CYCLE = "CYCLE"
    CONFLICT = "CONFLICT"
    GOVERNANCE = "GOVERNANCE"
    CALENDAR_MISMATCH = "CALENDAR_MISMATCH"


@dataclass(frozen=True)
class FieldProblem:
    """One thing wrong with the input: where (a path into the input) and what."""

    field: tuple[str, ...]
    message: str
    code: ErrorCode = ErrorCode.INVALID


class DomainError(Exception):
    """A client's change was refused; nothing was written."""

    def __init__(self, problems: Sequence[FieldProblem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems: tuple[FieldProblem, ...] = tuple(problems)

    @classmethod
    def single(cls, field: str | Sequence[str], message: str, code: ErrorCode = ErrorCode.INVALID) -> DomainError:
        path = (field,) if isinstance(field, str) else tuple(field)
        return cls([FieldProblem(path, message, code)])


class Refused(DomainError):
    """Governance refused the change: its BLOCKING violations come along for the payload."""

    def __init__(self, problems: Sequence[FieldProblem], violations: Sequence[object]) -> None:
        super().__init__(problems)
        self.violations: tuple[object, ...] = tuple(violations)


class NotAuthenticated(Exception):
    """No valid token accompanied a request that needs one."""


@dataclass
class Forbidden(Exception):
    """The viewer's role does not allow this read or change."""

    action: str
    detail: str = field(default="")

    def __str__(self) -> str:
        return f"not allowed to {self.action}" + (f": {self.detail}" if self.detail else "")


def camel(name: str) -> str:
    """The API's name for a field (``start_date`` -> ``startDate``)."""
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


class Validator:
    """Collects every problem with an input before refusing it, so a client sees all at once."""

    def __init__(self) -> None:
        self.problems: list[FieldProblem] = []

    def add(self, field: str | Sequence[str], message: str, code: ErrorCode = ErrorCode.INVALID) -> None:
        path = (field,) if isinstance(field, str) else tuple(field)
        self.problems.append(FieldProblem(path, message, code))

    def check(self, ok: bool, field: str, message: str) -> None:
        if not ok:
            self.add(field, message)

    def not_null(self, fields: Mapping[str, object], *names: str) -> None:
        """Refuse an explicit null for fields that must always hold a value."""
        for name in names:
            if name in fields and fields[name] is None:
                label = camel(name)
                self.add(label, f"{label} cannot be null")

    def name(self, field: str, value: str | None, *, max_length: int = 200) -> None:
        if value is None:
            return
        if not value.strip():
            self.add(field, f"{field} must not be empty")
        elif len(value) > max_length:
            self.add(field, f"{field} must be at most {max_length} characters")

    def raise_if_any(self) -> None:
        if self.problems:
            raise DomainError(self.problems)
