"""Project snapshots as governance sees them: with the over-allocations of the resources the
project uses, over the horizon of the over-allocation rule in force. Every place that hands a
snapshot to governance (changes, gates, current findings) builds it here."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from domain.entities import Portfolio, Project
from domain.governance.enums import PmoType
from domain.governance.port import GovernancePort
from domain.governance.rules import PortfolioRules
from domain.governance.snapshots import ProjectSnapshot
from domain.services.allocation_load import horizon_of, over_allocation_feed
from domain.services.snapshots import project_snapshots


async def governed_snapshots(
    session: AsyncSession,
    governance: GovernancePort,
    projects: Sequence[Project],
    rules: Mapping[int, PortfolioRules],
) -> dict[int, ProjectSnapshot]:
    """Snapshots by project ID; ``rules`` holds each project's portfolio rules by portfolio ID."""
    portfolio_ids = sorted({p.portfolio_id for p in projects})
    pmo_types = {
        row.id: PmoType(row.pmo_type)
        for row in (await session.execute(select(Portfolio).where(col(Portfolio.id).in_(portfolio_ids)))).scalars()
    }
    horizons = {pid: horizon_of(governance.rules_in_force(pmo_types[pid], rules[pid])) for pid in portfolio_ids}
    feed = await over_allocation_feed(session, projects, horizons)
    return await project_snapshots(session, projects, feed.by_project, feed.tasks)
