"""A project's governance snapshot patched with one transaction's in-place writes.

Only what ``WriteLog.structural`` lets through is patched: task rows updated in place (by the
change itself or by the schedule step), risks, and the header (project row, portfolio,
manager), which is rebuilt from the rows every time. Links, assignment counts and the baseline
cannot have changed, so they are taken from the base. The over-allocation flags come from the
feed computed for this change, as in a full build. Every task and the header are made by the
same functions as a full build (``domain/governance/snapshots/build.py``), so a patched snapshot equals
a fresh one.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.ext.asyncio import AsyncSession

from domain.base.write_log import WriteLog
from domain.entities import Portfolio, Project
from domain.governance.core.snapshots import ResourceOverAllocation
from domain.governance.snapshots.build import (
    SnapshotParts,
    project_risks,
    project_snapshot,
    risk_snapshot,
    task_rows,
    task_snapshot,
)


async def patched(
    session: AsyncSession,
    base: SnapshotParts,
    project: Project,
    portfolio: Portfolio,
    manager: str | None,
    log: WriteLog,
    over_allocations: tuple[ResourceOverAllocation, ...],
    over_allocated_tasks: frozenset[int],
) -> SnapshotParts | None:
    """``base`` (the committed snapshot) with this transaction's writes; None if the patch
    cannot be made (the caller rebuilds)."""
    assert not log.structural
    pid = project.id
    tasks = dict(base.tasks)
    parent_of = base.parent_of
    reread = sorted(t for t in log.task_ids() if t in tasks)
    rows = await task_rows(session, reread) if reread else []
    if len(rows) != len(reread) or any(row[1] != pid for row in rows):
        return None  # a task left the project: not an in-place update after all
    if any(parent_of[row[0]] != row[2] for row in rows):
        parent_of = {**parent_of, **{row[0]: row[2] for row in rows}}
    parents = {p for p in parent_of.values() if p is not None}
    over = frozenset(t for t in over_allocated_tasks if t in tasks)
    for row in rows:
        tid = row[0]
        tasks[tid] = task_snapshot(
            row,
            tid in parents,
            base.plan.get(tid),
            base.assignment_counts.get(tid, 0),
            tid in over,
            base.in_links.get(tid, 0),
            base.out_links.get(tid, 0),
        )
    # Tasks not reread whose summary or over-allocation flag moved (a child moved, a resource
    # got over-allocated elsewhere).
    done = {row[0] for row in rows}
    flags: set[int | None] = set(over ^ base.over_tasks)
    if parent_of is not base.parent_of:
        flags |= parents ^ {p for p in base.parent_of.values() if p is not None}
    for tid in flags:
        if tid is not None and tid in tasks and tid not in done:
            tasks[tid] = replace(tasks[tid], is_summary=tid in parents, over_allocated=tid in over)
    if log.risks_written:
        risks = tuple(risk_snapshot(r) for r in (await project_risks(session, [pid or 0])).get(pid or 0, []))
    else:
        risks = base.snapshot.risks
    return SnapshotParts(
        snapshot=project_snapshot(
            project,
            portfolio,
            manager,
            base.plan,
            tuple(tasks.values()),
            base.snapshot.dependencies,
            risks,
            over_allocations,
        ),
        tasks=tasks,
        parent_of=parent_of,
        plan=base.plan,
        assignment_counts=base.assignment_counts,
        in_links=base.in_links,
        out_links=base.out_links,
        over_tasks=over,
    )
