"""The ``Work`` step that runs governance on every change before it commits.

Validation rules see each touched project as it would be committed. A BLOCKING violation
refuses the change (the transaction rolls back and the payload carries the violations);
WARNING and INFO findings let it commit and come back with the payload.

A change is refused for what it breaks, not for what was broken before: when a BLOCKING
violation turns up, the project's state before the change (the committed state: the cached
snapshot when it is exactly that, else read on a separate read session) is passed to
``validate`` as ``previous``, so a violation that was already there is reported as a WARNING.

The step first bumps ``Project.snapshot_revision`` of every project the change wrote. With a
snapshot cache, a touched project whose cached snapshot was built at the revision it had before
this bump gets that snapshot patched with the change's writes instead of a full rebuild; the
snapshots are published to the cache once the change commits.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from domain.base.errors import ErrorCode, FieldProblem, Refused
from domain.base.work import AfterChange, Work
from domain.base.write_log import session_log
from domain.entities import Portfolio, Project
from domain.governance.core.enums import PmoType, Severity
from domain.governance.core.outcomes import Violation
from domain.governance.core.port import GovernancePort
from domain.governance.core.rules import PortfolioRules
from domain.governance.core.snapshots import Change, ProjectSnapshot
from domain.governance.snapshots.build import SnapshotParts, portfolios_rules
from domain.governance.snapshots.cache import SnapshotCache, Version
from domain.governance.snapshots.governed import governed_parts, governed_snapshots
from domain.governance.snapshots.revisions import bump, changed_projects

Reader = Callable[[], AsyncSession]


def change_of(work: Work) -> Change:
    """The change as rules see it: the first event the work recorded (its main subject)."""
    if not work.events:
        return Change(kind="unknown")
    event = work.events[0]
    data = event.data or {}
    return Change(
        kind=event.kind, subject_id=event.subject_id, before=data.get("before") or {}, after=data.get("after") or {}
    )


def refusal(violations: Iterable[Violation]) -> Refused:
    found = list(violations)
    problems = [
        FieldProblem(("governance", v.rule_id), f"{v.rule_id}: {v.message}", ErrorCode.GOVERNANCE)
        for v in found
        if v.severity == Severity.BLOCKING
    ]
    return Refused(problems, found)


async def _committed(
    reader: Reader, governance: GovernancePort, project_ids: list[int], rules: dict[int, PortfolioRules]
) -> dict[int, ProjectSnapshot]:
    """The projects as last committed: the state before this change."""
    async with reader() as session:
        rows = list((await session.execute(select(Project).where(col(Project.id).in_(project_ids)))).scalars())
        return await governed_snapshots(session, governance, rows, rules)


def make_governance_step(
    governance: GovernancePort, reader: Reader | None = None, cache: SnapshotCache | None = None
) -> AfterChange:
    """``reader`` opens a session outside the change's transaction; without one, violations
    that were already there before the change are not told apart (they block too). With a
    ``cache``, the snapshots are patched from the last committed ones when those are current."""

    async def step(work: Work) -> None:
        revisions = await _bump_revisions(work)
        if not work.touched_projects:
            return
        change = change_of(work)
        projects = list(
            (
                await work.session.execute(select(Project).where(col(Project.id).in_(sorted(work.touched_projects))))
            ).scalars()
        )
        rules = await portfolios_rules(work.session, {p.portfolio_id for p in projects})
        portfolios = {
            row.id: row
            for row in (
                await work.session.execute(
                    select(Portfolio).where(col(Portfolio.id).in_({p.portfolio_id for p in projects}))
                )
            ).scalars()
        }
        projects = [
            p
            for p in projects
            if governance.validates(
                PmoType(portfolios[p.portfolio_id].pmo_type),
                portfolios[p.portfolio_id].methodology,
                p.phase,
                change.kind,
                rules[p.portfolio_id],
            )
        ]
        if not projects:
            return
        # The committed snapshots this change starts from, where the cache holds them current.
        bases: dict[int, SnapshotParts] = {}
        if cache is not None:
            for p in projects:
                pid = p.id or 0
                if pid in revisions:
                    base = cache.get(pid, Version(revisions[pid] - 1, p.created_at))
                    if base is not None:
                        bases[pid] = base
        log = session_log(work.session.sync_session)
        parts = await governed_parts(work.session, governance, projects, rules, bases, log)
        snapshots = {pid: built.snapshot for pid, built in parts.items()}
        found: dict[int, list[Violation]] = {}
        for project in projects:
            assert project.id is not None
            found[project.id] = governance.validate(snapshots[project.id], change, rules[project.portfolio_id])
        blocked = [p for p in projects if any(v.blocking for v in found[p.id or 0])]
        if blocked:
            before = {pid: b.snapshot for pid, b in bases.items() if _exact_before(b)}
            missing = [p.id or 0 for p in blocked if p.id not in before]
            if missing and reader is not None:
                before.update(await _committed(reader, governance, missing, rules))
            for project in blocked:
                assert project.id is not None
                if project.id in before:
                    found[project.id] = governance.validate(
                        snapshots[project.id], change, rules[project.portfolio_id], previous=before[project.id]
                    )
        violations = [v for vs in found.values() for v in vs]
        if any(v.blocking for v in violations):
            raise refusal(violations)
        work.findings.extend(violations)
        if cache is not None:
            for project in projects:
                pid = project.id or 0
                if pid in revisions:
                    work.after_commit.append(
                        partial(cache.publish, pid, Version(revisions[pid], project.created_at), parts[pid])
                    )

    return step


def _exact_before(base: SnapshotParts) -> bool:
    """Whether a cached committed snapshot is still exactly the committed state: its revision
    vouches for everything but the over-allocation feed, which other projects' work on shared
    resources moves; a project without assignments has none to be moved."""
    return not base.assignment_counts


async def _bump_revisions(work: Work) -> dict[int, int]:
    """Bump the revisions of the projects this change wrote (all its writes are done: the
    governance step is the last); the new revisions of the touched projects."""
    log = session_log(work.session.sync_session)
    if log is None or (log.writes == 0 and not work.touched_projects):
        return {}
    changed = await changed_projects(work.session, log, work.touched_projects | work.reschedule)
    revisions = await bump(work.session, changed, work.touched_projects)
    log.accounted = log.writes
    return revisions
