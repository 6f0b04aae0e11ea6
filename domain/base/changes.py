"""Applying a client's partial update to a row, with optimistic concurrency."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlmodel import SQLModel

from domain.base.errors import DomainError, ErrorCode


def check_version(row: SQLModel, expected: int | None) -> None:
    """Refuse an update that was made against an older version of the row."""
    current = getattr(row, "version")  # noqa: B009 (every mutable entity has one)
    if expected is not None and expected != current:
        raise DomainError.single(
            "version",
            f"this object was changed by someone else (now version {current}, you sent {expected}); "
            "reload it and apply your change again",
            ErrorCode.CONFLICT,
        )


def apply_changes(row: SQLModel, changes: Mapping[str, Any]) -> bool:
    """Set the given fields; bump the version if anything changed. Returns whether it did."""
    changed = False
    for name, value in changes.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    if changed:
        row.version += 1  # type: ignore[attr-defined]
    return changed
