"""Dependencies between tasks, within a project or across projects of one portfolio."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

import networkx as nx
from sqlmodel import col, select

from domain.base.changes import apply_changes, check_version
from domain.base.errors import DomainError, ErrorCode, Validator
from domain.base.records import describe, get_or_404
from domain.base.work import Work
from domain.entities import Calendar, Dependency, Project, Task
from domain.planning import wbs
from domain.planning.calendars import project_calendar

LINK_TYPES = ("FS", "SS", "FF", "SF")
MAX_LAG = 10_000


async def _leaf_graph(
    work: Work, portfolio_id: int, extra: tuple[int, int] | None
) -> tuple[nx.DiGraph[int], dict[int, str]]:
    """The portfolio's links between leaf tasks (a link on a summary task binds its subtasks)."""
    rows = (
        await work.session.execute(
            select(Task.id, Task.parent_id, Task.name).join(Project).where(Project.portfolio_id == portfolio_id)
        )
    ).all()
    names = {r.id: r.name for r in rows}
    children: dict[int, list[int]] = defaultdict(list)
    for r in rows:
        if r.parent_id is not None:
            children[r.parent_id].append(r.id)

    links = [
        (p, s)
        for p, s in (
            await work.session.execute(
                select(Dependency.predecessor_id, Dependency.successor_id)
                .join(Task, col(Task.id) == Dependency.predecessor_id)
                .join(Project)
                .where(Project.portfolio_id == portfolio_id)
            )
        ).all()
    ]
    if extra is not None:
        links.append(extra)
    graph: nx.DiGraph[int] = nx.DiGraph()
    for p, s in links:
        graph.add_edges_from((a, b) for a in wbs.leaves(children, p) for b in wbs.leaves(children, s))
    return graph, names


async def ensure_acyclic(
    work: Work, portfolio_id: int, field: str, message: str, extra: tuple[int, int] | None = None
) -> None:
    """Refuse (``CYCLE``, naming the tasks) if the portfolio's links, expanded through the WBS as
    the scheduler expands them, would loop: with a new link ``extra``, or after a WBS change."""
    graph, names = await _leaf_graph(work, portfolio_id, extra)
    try:
        cycle = nx.find_cycle(graph)
    except nx.NetworkXNoCycle:
        return
    tasks = [names[a] for a, _b in cycle]
    raise DomainError.single(field, f"{message}: " + " -> ".join([*tasks, tasks[0]]), ErrorCode.CYCLE)


def _check_link(v: Validator, fields: Mapping[str, Any]) -> None:
    v.not_null(fields, "type", "lag")
    if fields.get("type") is not None and fields["type"] not in LINK_TYPES:
        v.add("type", f"type must be one of {', '.join(LINK_TYPES)}")
    lag = fields.get("lag")
    if lag is not None and (not isinstance(lag, int) or abs(lag) > MAX_LAG):
        v.add("lag", f"lag must be a whole number of working days between -{MAX_LAG} and {MAX_LAG}")


async def _same_calendar(work: Work, a: Project, b: Project) -> bool:
    cal_a: Calendar = await project_calendar(work.session, a)
    cal_b: Calendar = await project_calendar(work.session, b)
    return cal_a.id == cal_b.id or (cal_a.workdays, cal_a.holidays) == (cal_b.workdays, cal_b.holidays)


async def add_dependency(
    work: Work, *, predecessor_id: int, successor_id: int, type: str = "FS", lag: int = 0
) -> Dependency:
    v = Validator()
    _check_link(v, {"type": type, "lag": lag})
    pred = await work.session.get(Task, predecessor_id)
    succ = await work.session.get(Task, successor_id)
    if pred is None:
        v.add("predecessorId", "no task with this ID", ErrorCode.NOT_FOUND)
    if succ is None:
        v.add("successorId", "no task with this ID", ErrorCode.NOT_FOUND)
    v.raise_if_any()
    assert pred is not None and succ is not None
    pred_project = await get_or_404(work.session, Project, pred.project_id, "predecessorId")
    succ_project = await get_or_404(work.session, Project, succ.project_id, "successorId")
    work.viewer.require_project_edit(succ_project.portfolio_id, succ_project.manager_id, "link tasks of this project")
    work.viewer.require_read(pred_project.portfolio_id)
    if pred.id == succ.id:
        raise DomainError.single("successorId", "a task cannot depend on itself", ErrorCode.CYCLE)
    if pred_project.portfolio_id != succ_project.portfolio_id:
        raise DomainError.single("predecessorId", "dependencies may cross projects but not portfolios")
    if pred_project.id != succ_project.id and not await _same_calendar(work, pred_project, succ_project):
        raise DomainError.single(
            "predecessorId",
            "projects linked across must share one working calendar; give both the same calendar first",
            ErrorCode.CALENDAR_MISMATCH,
        )
    existing = await work.session.scalar(
        select(Dependency.id).where(Dependency.predecessor_id == pred.id, Dependency.successor_id == succ.id)
    )
    if existing is not None:
        raise DomainError.single("successorId", "these tasks are already linked", ErrorCode.DUPLICATE)
    await ensure_acyclic(
        work,
        pred_project.portfolio_id,
        "successorId",
        "this dependency would form a cycle through the tasks",
        (predecessor_id, successor_id),
    )
    dep = Dependency(predecessor_id=predecessor_id, successor_id=successor_id, type=type, lag=lag)
    work.session.add(dep)
    await work.session.flush()
    work.record("dependency.created", dep, succ_project.portfolio_id)
    work.reschedule.update({pred.project_id, succ.project_id})
    work.touched_projects.update({pred.project_id, succ.project_id})
    return dep


def _ids(*projects: Project) -> set[int]:
    return {p.id for p in projects if p.id is not None}


async def _load_for_edit(work: Work, dependency_id: int) -> tuple[Dependency, Project, Project]:
    dep = await get_or_404(work.session, Dependency, dependency_id, "id", for_update=True)
    pred = await get_or_404(work.session, Task, dep.predecessor_id, "id")
    succ = await get_or_404(work.session, Task, dep.successor_id, "id")
    succ_project = await get_or_404(work.session, Project, succ.project_id, "id")
    pred_project = await get_or_404(work.session, Project, pred.project_id, "id")
    work.viewer.require_project_edit(succ_project.portfolio_id, succ_project.manager_id, "change this dependency")
    return dep, pred_project, succ_project


async def update_dependency(
    work: Work, dependency_id: int, changes: Mapping[str, Any], version: int | None
) -> Dependency:
    dep, pred_project, succ_project = await _load_for_edit(work, dependency_id)
    check_version(dep, version)
    v = Validator()
    _check_link(v, changes)
    v.raise_if_any()
    before = describe(dep)
    if apply_changes(dep, changes):
        work.record("dependency.updated", dep, succ_project.portfolio_id, before=before)
        work.reschedule.update(_ids(pred_project, succ_project))
        work.touched_projects.update(_ids(pred_project, succ_project))
    return dep


async def remove_dependency(work: Work, dependency_id: int) -> Dependency:
    dep, pred_project, succ_project = await _load_for_edit(work, dependency_id)
    work.record("dependency.deleted", dep, succ_project.portfolio_id, before=describe(dep))
    await work.session.delete(dep)
    await work.session.flush()
    work.reschedule.update(_ids(pred_project, succ_project))
    work.touched_projects.update(_ids(pred_project, succ_project))
    return dep
