"""Over-allocations within a horizon, as the governance rule ``resource.overallocation`` reads them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta

import numpy as np
import numpy.typing as npt
from sqlalchemy import select as select_columns
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from domain.base.ids import to_global_id
from domain.entities import Assignment, Project, Task
from domain.governance.core.rules import ConfiguredRule
from domain.governance.core.snapshots import ResourceOverAllocation
from domain.resources.core.load import TOLERANCE as TOLERANCE
from domain.resources.load import daily_load

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

# The rule that reads over-allocations, and its horizon when the rule set does not say.
OVERALLOCATION_RULE = "resource.overallocation"
DEFAULT_HORIZON_DAYS = 90


@dataclass(frozen=True)
class OverAllocationFeed:
    by_project: dict[int, tuple[ResourceOverAllocation, ...]]
    tasks: frozenset[int]


async def over_allocation_feed(
    session: AsyncSession, projects: Sequence[Project], horizon_days: Mapping[int, int]
) -> OverAllocationFeed:
    """What ``project_snapshots`` needs for ``resource.overallocation``: per project, the
    resources its tasks use that are over-allocated (by anyone's work) on some day from its
    status date (or start) over ``horizon_days[portfolio_id]`` calendar days, and the
    project's tasks working on such a day. One statement when the projects use no resource,
    four otherwise (per portfolio)."""
    pids = sorted({p.id for p in projects if p.id is not None})
    if not pids:
        return OverAllocationFeed({}, frozenset())
    used: dict[int, set[int]] = defaultdict(set)
    for pid, rid in (
        await session.execute(
            select_columns(col(Task.project_id), col(Assignment.resource_id))
            .distinct()
            .join(Assignment, col(Assignment.task_id) == col(Task.id))
            .where(col(Task.project_id).in_(pids), col(Task.duration) > 0)
        )
    ).all():
        used[int(pid)].add(int(rid))
    if not used:
        return OverAllocationFeed({}, frozenset())
    by_project: dict[int, tuple[ResourceOverAllocation, ...]] = {}
    tasks: set[int] = set()
    by_portfolio: dict[int, list[Project]] = defaultdict(list)
    for p in projects:
        if p.id in used:
            by_portfolio[p.portfolio_id].append(p)
    for portfolio_id, mine in by_portfolio.items():
        horizon = max(1, horizon_days.get(portfolio_id, DEFAULT_HORIZON_DAYS))
        window = {
            p.id or 0: (p.status_date or p.start_date, (p.status_date or p.start_date) + timedelta(horizon - 1))
            for p in mine
        }
        first = min(a for a, _ in window.values())
        last = max(b for _, b in window.values())
        resources = set().union(*(used[p.id or 0] for p in mine))
        load = await daily_load(session, [portfolio_id], first, last, resources)
        over = load.over
        over_tasks = load.over_tasks()
        rows = load.rows
        for p in mine:
            pid = p.id or 0
            a, b = ((d - first).days for d in window[pid])
            found = []
            for rid in sorted(used[pid]):
                r = load.index.get(rid)
                if r is None:
                    continue
                days = np.flatnonzero(over[r, a : b + 1]) + a
                if len(days):
                    res = load.resources[r]
                    found.append(
                        ResourceOverAllocation(
                            to_global_id("Resource", rid), res.name, tuple(load.day(int(d)) for d in days)
                        )
                    )
            by_project[pid] = tuple(found)
            mine_rows = rows.project_id == pid
            tasks |= {int(t) for t in rows.task_id[mine_rows].tolist() if int(t) in over_tasks}
    return OverAllocationFeed(by_project, frozenset(tasks))


def horizon_of(configured: Iterable[ConfiguredRule]) -> int:
    """``horizon_days`` of the over-allocation rule in a rule set in force (its default if absent)."""
    for rule in configured:
        if rule.rule_id == OVERALLOCATION_RULE:
            value = rule.parameters.get("horizon_days", DEFAULT_HORIZON_DAYS)
            return int(value) if isinstance(value, int | float) else DEFAULT_HORIZON_DAYS
    return DEFAULT_HORIZON_DAYS
