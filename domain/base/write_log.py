"""What a write transaction wrote, as the governance snapshot cache needs to know it.

Every statement runs through the engine's ``before_execute`` event, so a transaction's log sees
all its writes, however they were made: ORM flushes (the rows are the flushed objects), Core
writes that name their rows (``ROWS`` execution option: the bind parameter holding each row's
primary key) or declare they write no cached column (``UNCACHED``), and anything else, which
is *untracked*: the cache must then rebuild, and every project's revision is bumped at commit.

The log lives on the connection (``Connection.info``) from ``begin`` to the end of the
transaction: a write session holds one connection for its whole transaction.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import UpdateBase
from sqlalchemy.sql.elements import TextClause
from sqlmodel import col

from domain.base.write_cascades import cascaded_projects
from domain.entities import (
    Assignment,
    Baseline,
    BaselineTask,
    Dependency,
    Portfolio,
    Project,
    Resource,
    Risk,
    Task,
    User,
)

# Execution options a Core write declares itself with: the bind parameter holding each row's
# primary key (and, optionally, its project's ID), or that it writes no column a snapshot holds.
ROWS = "pmo_rows"
PROJECT = "pmo_project"
UNCACHED = "pmo_uncached"

# Tables a project's snapshot is built from (``domain/governance/snapshots/build.py``).
TRACKED_TABLES = frozenset(
    {
        "task",
        "dependency",
        "assignment",
        "risk",
        "baseline",
        "baseline_task",
        "resource",
        "project",
        "portfolio",
        "user",
    }
)
# Of these, the ones a patch reads afresh (the snapshot's header) or rereads (risks), so that
# writing them in place does not force a rebuild.
_PATCHABLE = frozenset({"task", "risk", "project", "portfolio", "user"})
_KEY = "pmo_write_log"


@dataclass
class WriteLog:
    # Rows updated in place by declared Core writes (primary keys by table), and the ORM
    # objects flushed: changed, added, deleted.
    updated: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    # Projects written that the rows do not name: those of declared rows that named them
    # (``PROJECT``; the others are in ``unowned``), and those deletions cascade into.
    owners: set[int] = field(default_factory=set)
    unowned: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    changed: list[object] = field(default_factory=list)
    added: list[object] = field(default_factory=list)
    deleted: list[object] = field(default_factory=list)
    # Tables written by statements that said nothing of their rows.
    untracked: set[str] = field(default_factory=set)
    # Writes to cached tables so far, and how many of them a revision bump has accounted for.
    writes: int = 0
    accounted: int = 0
    # The session flushing on this connection: its flushes are logged as objects, not statements.
    session: Session | None = None

    @property
    def in_flush(self) -> bool:
        # Session._flushing is the one flag set exactly while a flush emits statements (its
        # before_flush event also fires for flushes that find nothing to write and emit none).
        return self.session is not None and bool(self.session._flushing)

    @property
    def structural(self) -> bool:
        """Whether the transaction did more than update tasks, risks and the snapshot header in
        place, or add or delete risks (a cached snapshot is then rebuilt rather than patched)."""
        if self.untracked or any(not isinstance(o, Risk) for o in (*self.added, *self.deleted)):
            return True
        return any(table not in _PATCHABLE for table in self.updated) or any(
            type(o).__tablename__ not in _PATCHABLE  # type: ignore[attr-defined]
            for o in self.changed
        )

    def task_ids(self) -> set[int]:
        """Tasks updated in place."""
        found = set(self.updated.get("task", ()))
        found.update(o.id for o in self.changed if isinstance(o, Task) and o.id is not None)
        return found

    @property
    def risks_written(self) -> bool:
        return "risk" in self.updated or any(isinstance(o, Risk) for o in (*self.changed, *self.added, *self.deleted))


def log_of(conn: Connection) -> WriteLog | None:
    found = conn.info.get(_KEY)
    return found if isinstance(found, WriteLog) else None


def session_log(session: Session) -> WriteLog | None:
    """The log of the session's current transaction (None before its first statement)."""
    if not session.in_transaction():
        return None
    return log_of(session.connection())


def _table(statement: UpdateBase) -> str:
    return str(getattr(statement.table, "name", ""))


def _on_begin(conn: Connection) -> None:
    conn.info[_KEY] = WriteLog()


def _on_end(conn: Connection) -> None:
    # Connection.info outlives the transaction (it belongs to the pooled DBAPI connection):
    # let go of the flushed objects now.
    conn.info.pop(_KEY, None)


def _before_execute(conn: Connection, clause: Any, multiparams: Any, params: Any, options: Any, *_args: Any) -> None:
    log = log_of(conn)
    if log is None:
        return
    if isinstance(clause, UpdateBase):
        table = _table(clause)
        if table not in TRACKED_TABLES:
            return
        log.writes += 1
        merged = {**clause._execution_options, **(options or {})}
        if log.in_flush or merged.get(UNCACHED):
            return
        key = merged.get(ROWS)
        # One parameter set comes as ``params``, several as ``multiparams``.
        rows = list(multiparams) or ([params] if params else [])
        if isinstance(key, str) and clause.is_update and rows and all(key in r for r in rows):
            ids = [int(r[key]) for r in rows]
            log.updated[table].update(ids)
            owner = merged.get(PROJECT)
            if table == "project":
                log.owners.update(ids)
            elif isinstance(owner, str) and all(owner in r for r in rows):
                log.owners.update(int(r[owner]) for r in rows)
            else:
                log.unowned[table].update(ids)
        else:
            log.untracked.add(table)
    elif isinstance(clause, TextClause | str):
        text = str(clause).lstrip().upper()
        if text.startswith(("INSERT", "UPDATE", "DELETE", "REPLACE")):
            log.writes += 1
            log.untracked.add("?")


def _before_flush(session: Session, *_args: Any) -> None:
    log = session_log(session)
    if log is None:
        return
    log.session = session
    if any(isinstance(o, _CASCADING) for o in session.deleted):
        log.owners |= cascaded_projects(session, list(session.deleted))


def _after_flush(session: Session, *_args: Any) -> None:
    # The session still lists what this flush wrote (new, dirty, deleted) here.
    log = session_log(session)
    if log is None:
        return
    log.added.extend(o for o in session.new if isinstance(o, _TRACKED))
    log.deleted.extend(o for o in session.deleted if isinstance(o, _TRACKED))
    log.changed.extend(o for o in session.dirty if isinstance(o, _TRACKED) and session.is_modified(o))


def _before_commit(session: Session) -> None:
    """The safety net: cached rows written and not accounted for by a precise revision bump
    (a write outside ``Work``, or after its governance step) invalidate every project's cache."""
    log = session_log(session)
    if log is not None and log.writes > log.accounted:
        session.execute(
            update(Project)
            .values(snapshot_revision=col(Project.snapshot_revision) + 1)
            .execution_options(**{UNCACHED: True})
        )
        log.accounted = log.writes


_TRACKED = (Task, Dependency, Assignment, Risk, Baseline, BaselineTask, Resource, Project, Portfolio, User)
# Deleting these deletes or changes rows of other projects in the database (cascades).
_CASCADING = (Task, Project, Portfolio, Resource, User)


def install(conn_target: Any) -> None:
    """Log the writes of every transaction on an engine (``AsyncEngine.sync_engine``)."""
    if event.contains(conn_target, "begin", _on_begin):
        return
    event.listen(conn_target, "begin", _on_begin)
    event.listen(conn_target, "before_execute", _before_execute)
    event.listen(conn_target, "commit", _on_end)
    event.listen(conn_target, "rollback", _on_end)
    if not _session_events_installed:
        _install_session_events()


_session_events_installed = False


def _install_session_events() -> None:
    global _session_events_installed
    _session_events_installed = True
    event.listen(Session, "before_flush", _before_flush)
    event.listen(Session, "after_flush", _after_flush)
    event.listen(Session, "before_commit", _before_commit)
