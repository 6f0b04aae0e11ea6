"""Project snapshots as governance sees them: with the over-allocations of the resources the
project uses, over the horizon of the over-allocation rule in force. Every place that hands a
snapshot to governance (changes, gates, current findings) builds it here, and the governance
step of a change may patch its cached one here (``governed_parts``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from domain.base.write_log import WriteLog
from domain.entities import Portfolio, Project
from domain.governance.core.enums import PmoType
from domain.governance.core.port import GovernancePort
from domain.governance.core.rules import PortfolioRules
from domain.governance.core.snapshots import ProjectSnapshot
from domain.governance.snapshots.build import SnapshotParts, project_managers, project_parts
from domain.governance.snapshots.patch import patched
from domain.resources.overallocation import horizon_of, over_allocation_feed


async def governed_snapshots(
    session: AsyncSession,
    governance: GovernancePort,
    projects: Sequence[Project],
    rules: Mapping[int, PortfolioRules],
) -> dict[int, ProjectSnapshot]:
    """Snapshots by project ID; ``rules`` holds each project's portfolio rules by portfolio ID."""
    parts = await governed_parts(session, governance, projects, rules)
    return {pid: p.snapshot for pid, p in parts.items()}


async def governed_parts(
    session: AsyncSession,
    governance: GovernancePort,
    projects: Sequence[Project],
    rules: Mapping[int, PortfolioRules],
    bases: Mapping[int, SnapshotParts] | None = None,
    log: WriteLog | None = None,
) -> dict[int, SnapshotParts]:
    """``governed_snapshots`` with their parts; a project with a base in ``bases`` (its
    committed snapshot) is patched with the writes in ``log`` when they allow it."""
    portfolio_ids = sorted({p.portfolio_id for p in projects})
    portfolios = {
        row.id: row
        for row in (await session.execute(select(Portfolio).where(col(Portfolio.id).in_(portfolio_ids)))).scalars()
    }
    horizons = {
        pid: horizon_of(governance.rules_in_force(PmoType(portfolios[pid].pmo_type), rules[pid]))
        for pid in portfolio_ids
    }
    feed = await over_allocation_feed(session, projects, horizons)
    out: dict[int, SnapshotParts] = {}
    patchable = [p for p in projects if bases and p.id in bases] if log is not None and not log.structural else []
    if patchable:
        assert log is not None and bases is not None
        managers = await project_managers(session, patchable)
        for project in patchable:
            pid = project.id or 0
            found = await patched(
                session,
                bases[pid],
                project,
                portfolios[project.portfolio_id],
                managers.get(project.manager_id) if project.manager_id else None,
                log,
                feed.by_project.get(pid, ()),
                feed.tasks,
            )
            if found is not None:
                out[pid] = found
    rest = [p for p in projects if p.id not in out]
    if rest:
        out.update(await project_parts(session, rest, feed.by_project, feed.tasks))
    return out
