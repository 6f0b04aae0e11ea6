"""The unit of work of one change: a transaction, its audit events, and what must follow it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import SQLModel

from domain.base.authz import Viewer
from domain.base.ids import to_global_id
from domain.base.records import describe
from domain.base.types import JSONObject
from domain.entities import Event


class AfterChange(Protocol):
    """What runs after a change is applied and before it commits (rescheduling, governance).

    It may raise ``DomainError`` to refuse the whole change.
    """

    def __call__(self, work: Work) -> Awaitable[None]: ...


@dataclass
class Work:
    session: AsyncSession
    viewer: Viewer
    # The lifecycle phases of a methodology by name (None: no such methodology installed).
    lifecycle: Callable[[str], Sequence[str] | None]
    after_change: Sequence[AfterChange] = ()
    # Projects whose schedule the change may have moved.
    reschedule: set[int] = field(default_factory=set)
    # Projects whose governance rules must look at the change.
    touched_projects: set[int] = field(default_factory=set)
    events: list[Event] = field(default_factory=list)
    # Non-blocking findings to return with the payload (filled by the governance step).
    findings: list[object] = field(default_factory=list)
    # What to do once the transaction has committed (never after a rollback): publishing the
    # snapshots governance saw to the snapshot cache.
    after_commit: list[Callable[[], None]] = field(default_factory=list)

    def record(
        self,
        kind: str,
        subject: SQLModel,
        portfolio_id: int | None,
        *,
        before: JSONObject | None = None,
        after: JSONObject | None = None,
    ) -> Event:
        """Add an audit event to this transaction: it commits or rolls back with the change."""
        pk = getattr(subject, "id", None)
        assert isinstance(pk, int), "record after flush, so the subject has its ID"
        data: JSONObject = {"before": before, "after": after if after is not None else describe(subject)}
        if kind.endswith(".deleted"):
            data["after"] = None
        event = Event(
            portfolio_id=portfolio_id,
            actor=self.viewer.name,
            kind=kind,
            subject_id=to_global_id(type(subject).__name__, pk),
            data=data,
        )
        self.session.add(event)
        self.events.append(event)
        return event

    async def finish(self) -> None:
        """Flush the change, then run what must follow it; any of them may refuse it."""
        await self.session.flush()
        for step in self.after_change:
            await step(self)
        await self.session.flush()
