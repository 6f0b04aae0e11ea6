"""Keeps stored schedules current: after every change that can move dates, the projects it
touches (and every project linked to them across the portfolio) are recomputed with the CPM
core inside the same transaction, and only rows whose dates changed are written.

Conventions: a linked group of projects shares one calendar (``add_dependency`` refuses links
between projects on different calendars) and one integer time line whose day 0 is the group's
earliest project start; each project's tasks are released at its own start. Late dates, floats
and ``critical`` are taken against each project's own finish; ``portfolio_total_float`` and
``portfolio_critical`` (the portfolio view) against the finish of the whole linked group.

The hot path (one mutation on a large project) works on columns, not objects: two Core selects
(tasks, links), numpy for link expansion, date conversion and the diff against what is stored,
and one executemany UPDATE of the rows that changed.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import Column, Integer, Select, String, Table, bindparam, func, literal_column, update
from sqlalchemy import select as select_columns
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col, select

from domain.entities import Calendar, Dependency, Project, Task
from domain.errors import DomainError, ErrorCode
from domain.scheduling import (
    ConstraintType,
    CycleError,
    LinkType,
    Network,
    Schedule,
    WorkCalendar,
    compute_schedule,
    rollup_summaries,
)
from domain.services import wbs
from domain.services.calendars import default_calendar, work_calendar
from domain.services.work import Work
from domain.services.write_log import PROJECT, ROWS

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

_TASKS: Table = Task.__table__  # type: ignore[attr-defined]
_LINKS: Table = Dependency.__table__  # type: ignore[attr-defined]

_INPUTS = (
    "id",
    "project_id",
    "parent_id",
    "duration",
    "percent_complete",
    "actual_start",
    "actual_finish",
    "constraint_type",
    "constraint_date",
    "leveling_delay",
)
_DATES = ("early_start", "early_finish", "late_start", "late_finish", "start", "finish")
_INTS = ("total_float", "free_float", "portfolio_total_float")
_BOOLS = ("critical", "portfolio_critical")
OUTPUTS = _DATES + _INTS + _BOOLS
_LOAD = tuple(_TASKS.c[name] for name in (*_INPUTS, *OUTPUTS))
_LINK_LOAD = tuple(_LINKS.c[name] for name in ("predecessor_id", "successor_id", "type", "lag"))
# Both writes name their rows for the write log (domain/services/write_log.py): a cached
# governance snapshot is patched with exactly the rows the schedule rewrote.
_WRITE = (
    update(_TASKS)
    .where(_TASKS.c.id == bindparam("pk"))
    .values({name: bindparam(f"new_{name}") for name in OUTPUTS})
    .execution_options(**{ROWS: "pk", PROJECT: "project"})
)
_PROJECTS: Table = Project.__table__  # type: ignore[attr-defined]
_WRITE_FINISH = (
    update(_PROJECTS)
    .where(_PROJECTS.c.id == bindparam("pk"))
    .values(finish_date=bindparam("finish"))
    .execution_options(**{ROWS: "pk"})
)
_LINK_CODE = {t.name: int(t) for t in LinkType}
_CONSTRAINT_CODE = {t.name: int(t) for t in ConstraintType}
_FINISH_LIKE = [int(ConstraintType.FNET), int(ConstraintType.FNLT), int(ConstraintType.MFO)]
# Dates as int64 day numbers (days since 1970-01-01, as datetime64[D]); a missing date is _NO_DAY.
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_NO_DAY = np.iinfo(np.int64).min


@dataclass
class GroupSchedule:
    """The computed schedule of one linked group of projects (indices follow ``task_ids``)."""

    calendar: WorkCalendar
    origin: date
    task_ids: list[int]
    project_of: list[int]
    leaf: BoolArray
    # Per output column: the new values (dates as day numbers) and what is stored now.
    values: dict[str, npt.NDArray[Any]] = field(default_factory=dict)
    stored: dict[str, npt.NDArray[Any]] = field(default_factory=dict)
    project_finish: dict[int, date | None] = field(default_factory=dict)

    def changed(self) -> IntArray:
        """Positions of the tasks whose stored schedule differs from the new one."""
        mask = np.zeros(len(self.task_ids), np.bool_)
        for name in OUTPUTS:
            mask |= self.values[name] != self.stored[name]
        return np.flatnonzero(mask)

    def python_values(self, name: str, positions: IntArray) -> list[Any]:
        picked = self.values[name][positions]
        if name in _DATES:
            return picked.astype("datetime64[D]").astype(object).tolist()  # type: ignore[no-any-return]
        return picked.tolist()  # type: ignore[no-any-return]


async def linked_group(session: AsyncSession, project_ids: Iterable[int]) -> set[int]:
    """The given projects plus every project linked to them, transitively."""
    await session.flush()  # the select goes around the ORM: it must see pending changes
    conn = await session.connection()
    group = set(project_ids)
    frontier = set(group)
    pred_task, succ_task = _TASKS.alias(), _TASKS.alias()
    while frontier:
        rows = await conn.execute(
            select_columns(pred_task.c.project_id, succ_task.c.project_id)
            .select_from(_LINKS)
            .join(pred_task, pred_task.c.id == _LINKS.c.predecessor_id)
            .join(succ_task, succ_task.c.id == _LINKS.c.successor_id)
            .where(
                pred_task.c.project_id != succ_task.c.project_id,
                pred_task.c.project_id.in_(frontier) | succ_task.c.project_id.in_(frontier),
            )
        )
        found = {p for pair in rows.all() for p in pair}
        frontier = found - group
        group |= found
    return group


def _index(calendar: WorkCalendar, days: IntArray, origin: date, *, finish: bool = False) -> IntArray:
    """Working-day indices of day numbers in one vectorized call; -1 where a date is missing."""
    out = np.full(len(days), -1, np.int64)
    present = days != _NO_DAY
    if present.any():
        convert = calendar.finish_index_of if finish else calendar.index_of
        out[present] = convert(days[present].astype("datetime64[D]"), origin)
    return out


def _remaining(duration: int, percent: float) -> int:
    return max(0, math.ceil(duration * (1.0 - percent / 100.0) - 1e-9))


# How each column is read: int, float, date (day numbers, _NO_DAY for null), str.
_KIND = {
    "id": "int",
    "project_id": "int",
    "parent_id": "int",
    "duration": "int",
    "percent_complete": "float",
    "actual_start": "date",
    "actual_finish": "date",
    "constraint_type": "str",
    "constraint_date": "date",
    "leveling_delay": "int",
    **dict.fromkeys(_DATES, "date"),
    **dict.fromkeys(_INTS, "int"),
    **dict.fromkeys(_BOOLS, "int"),
    "predecessor_id": "int",
    "successor_id": "int",
    "type": "str",
    "lag": "int",
}


def _aggregate(dialect: str, column: Column[Any]) -> ColumnElement[Any]:
    """One column of many rows as one comma-separated string (nulls: empty, or -1 for parent_id).

    Reading a large schedule as a few strings instead of thousands of row tuples is several
    times faster and leaves the garbage collector almost nothing to trace. All aggregates of
    one SELECT see the rows in the same order, so the columns stay aligned.
    """
    kind = _KIND[column.name]
    value: ColumnElement[Any] = column
    if dialect == "postgresql":
        if kind == "date":
            value = func.to_char(column, "YYYY-MM-DD")
        elif column.name in _BOOLS:
            value = func.cast(column, Integer)
        value = func.cast(value, String)
    if column.nullable:
        # Literals inline, not bound: SQLite evaluates coalesce(x, ?) several times slower.
        value = func.coalesce(value, literal_column("'-1'" if column.name == "parent_id" else "''"))
    if dialect == "postgresql":
        return func.string_agg(value, literal_column("','"))
    return func.group_concat(value, literal_column("','"))


_GROUP_TASKS = _TASKS.c.project_id.in_(bindparam("projects", expanding=True))
_STATEMENTS: dict[tuple[str, str], Select[Any]] = {}


def _statement(dialect: str, which: str) -> Select[Any]:
    """The two loading statements, built once per dialect (the project IDs are bound)."""
    key = (dialect, which)
    if key not in _STATEMENTS:
        if which == "tasks":
            stmt = select_columns(*(_aggregate(dialect, c) for c in _LOAD)).where(_GROUP_TASKS)
        else:
            stmt = (
                select_columns(*(_aggregate(dialect, c) for c in _LINK_LOAD))
                .join(_TASKS, _TASKS.c.id == _LINKS.c.successor_id)
                .where(_GROUP_TASKS)
            )
        _STATEMENTS[key] = stmt
    return _STATEMENTS[key]


async def _read_columns(conn: AsyncConnection, which: str, project_ids: list[int]) -> dict[str, npt.NDArray[Any]]:
    """The tasks or the links of a group as numpy arrays per column (dates as day numbers)."""
    columns = _LOAD if which == "tasks" else _LINK_LOAD
    stmt = _statement(conn.dialect.name, which)
    row = (await conn.execute(stmt, {"projects": project_ids})).one()
    out: dict[str, npt.NDArray[Any]] = {}
    for column, text in zip(columns, row, strict=True):
        kind = _KIND[column.name]
        if text is None:  # no rows
            out[column.name] = np.zeros(0, np.float64 if kind == "float" else np.int64)
        elif kind in ("int", "float"):  # never empty tokens: these columns are not null
            out[column.name] = np.fromstring(text, np.int64 if kind == "int" else np.float64, sep=",")
        elif kind == "date":
            out[column.name] = np.array(text.split(","), "datetime64[D]").astype(np.int64)
        else:
            out[column.name] = np.array(text.split(","), np.str_)
    return out


def _links(
    links: dict[str, npt.NDArray[Any]], task_ids: IntArray, leaf: BoolArray, parent_ids: IntArray
) -> tuple[IntArray, IntArray, IntArray, IntArray]:
    """Links as network arrays; a link on a summary task stands for links on all its leaves."""
    pred_ids, succ_ids = links["predecessor_id"], links["successor_id"]
    kind = np.array([_LINK_CODE[t] for t in links["type"].tolist()], np.int64)
    lag = links["lag"]
    if not len(task_ids):
        return pred_ids, succ_ids, kind, lag
    p = np.searchsorted(task_ids, pred_ids)
    s = np.searchsorted(task_ids, succ_ids)
    # A link from a project outside the group cannot exist (groups are closed under links).
    inside = (p < len(task_ids)) & (task_ids[np.minimum(p, len(task_ids) - 1)] == pred_ids)
    p, s, kind, lag = p[inside], s[inside], kind[inside], lag[inside]
    net_of = np.cumsum(leaf) - 1
    plain = leaf[p] & leaf[s]
    if plain.all():
        return net_of[p], net_of[s], kind, lag
    children: dict[int, list[int]] = defaultdict(list)
    for tid, parent in zip(task_ids.tolist(), parent_ids.tolist(), strict=True):
        if parent >= 0:
            children[parent].append(tid)
    extra: list[tuple[int, int, int, int]] = []
    for k in np.flatnonzero(~plain).tolist():
        for a in wbs.leaves(children, int(task_ids[p[k]])):
            for b in wbs.leaves(children, int(task_ids[s[k]])):
                extra.append((a, b, int(kind[k]), int(lag[k])))
    more = np.array(extra, np.int64).reshape(-1, 4)
    return (
        np.concatenate([net_of[p[plain]], net_of[np.searchsorted(task_ids, more[:, 0])]]),
        np.concatenate([net_of[s[plain]], net_of[np.searchsorted(task_ids, more[:, 1])]]),
        np.concatenate([kind[plain], more[:, 2]]),
        np.concatenate([lag[plain], more[:, 3]]),
    )


async def compute_group(session: AsyncSession, projects: Sequence[Project]) -> GroupSchedule:
    """Schedule a linked group of projects from what is stored now."""
    first = min(projects, key=lambda p: p.id or 0)
    cal_row = await session.get(Calendar, first.calendar_id) if first.calendar_id else None
    calendar = work_calendar(cal_row or await default_calendar(session, first.portfolio_id))
    origin = calendar.origin_day(min(p.start_date for p in projects))
    by_id = {p.id: p for p in projects if p.id is not None}
    conn = await session.connection()
    cols = await _read_columns(conn, "tasks", sorted(by_id))
    order = np.argsort(cols["id"], kind="stable")
    cols = {name: values[order] for name, values in cols.items()}
    links = await _read_columns(conn, "links", sorted(by_id))
    n = len(cols["id"])
    task_ids = cols["id"]
    project_of = cols["project_id"]
    has_parent = cols["parent_id"] >= 0
    parent = np.where(has_parent, np.searchsorted(task_ids, cols["parent_id"]), -1)
    leaf = np.ones(n, np.bool_)
    leaf[parent[has_parent]] = False
    pred, succ, kind, lag = _links(links, task_ids, leaf, cols["parent_id"])

    sel = np.flatnonzero(leaf)
    start_of = {pid: int(calendar.index_of(np.datetime64(p.start_date, "D"), origin)) for pid, p in by_id.items()}
    status_of = {
        pid: int(calendar.index_of(np.datetime64(p.status_date, "D"), origin)) if p.status_date else -1
        for pid, p in by_id.items()
    }
    leaf_projects = project_of[sel]
    if len(by_id) == 1:
        (only,) = by_id
        release = np.full(len(sel), start_of[only], np.int64)
        status = np.full(len(sel), status_of[only], np.int64)
    else:
        release = np.array([start_of[p] for p in leaf_projects.tolist()], np.int64)
        status = np.array([status_of[p] for p in leaf_projects.tolist()], np.int64)
    ctype = np.array([_CONSTRAINT_CODE[c] for c in cols["constraint_type"][sel].tolist()], np.int64)
    cdays = cols["constraint_date"][sel].copy()
    cdays[ctype == ConstraintType.ASAP] = _NO_DAY
    cday = np.where(
        np.isin(ctype, _FINISH_LIKE),
        _index(calendar, cdays, origin, finish=True),
        _index(calendar, cdays, origin),
    )
    astart_days = cols["actual_start"][sel]
    afinish_days = np.where(astart_days == _NO_DAY, _NO_DAY, cols["actual_finish"][sel])
    astart = _index(calendar, astart_days, origin)
    afinish = _index(calendar, afinish_days, origin, finish=True)
    afinish = np.where(afinish >= 0, np.maximum(afinish, astart), -1)
    durations = cols["duration"][sel]
    remaining = np.full(len(sel), -1, np.int64)
    percent = cols["percent_complete"][sel]
    for k in np.flatnonzero((astart_days != _NO_DAY) & (afinish_days == _NO_DAY)).tolist():
        remaining[k] = _remaining(int(durations[k]), float(percent[k]))
    base: dict[str, Any] = {
        "durations": durations,
        "pred": pred,
        "succ": succ,
        "link_type": kind,
        "lag": lag,
        "release": release,
        "constraint_type": ctype,
        "constraint_day": cday,
        "status_day": status,
        "actual_start": astart,
        "actual_finish": afinish,
        "remaining": remaining,
    }
    group = compute_schedule(Network(**base))
    if len(by_id) > 1:
        # Each project's floats against its own finish; the group run gives the portfolio view.
        own_finish: dict[int, int] = defaultdict(int)
        for pid, ef in zip(leaf_projects.tolist(), group.ef.tolist(), strict=True):
            own_finish[pid] = max(own_finish[pid], ef)
        cap = np.array([own_finish[pid] for pid in leaf_projects.tolist()], np.int64)
        plan = compute_schedule(Network(**base, lf_cap=cap))
    else:
        plan = group
    delays = np.maximum(cols["leveling_delay"][sel], 0)
    if delays.any():
        leveled = compute_schedule(Network(**{**base, "release": np.maximum(release, plan.es + delays)}))
        start_idx, finish_idx = leveled.es, leveled.ef
    else:
        start_idx, finish_idx = plan.es, plan.ef
    finished = cols["actual_finish"] != _NO_DAY
    milestone = cols["duration"] == 0
    values = _outputs(calendar, origin, sel, parent, finished, milestone, plan, group, start_idx, finish_idx)
    stored = {name: cols[name] for name in (*_DATES, *_INTS)}
    stored.update({name: cols[name] != 0 for name in _BOOLS})
    result = GroupSchedule(calendar, origin, task_ids.tolist(), project_of.tolist(), leaf, values, stored)
    roots = parent < 0
    for pid in by_id:
        mine = roots & (project_of == pid)
        last = int(values["finish"][mine].max()) if mine.any() else None
        result.project_finish[pid] = date.fromordinal(last + _EPOCH_ORDINAL) if last is not None else None
    return result


def _outputs(
    calendar: WorkCalendar,
    origin: date,
    sel: IntArray,
    parent: IntArray,
    finished: BoolArray,
    milestone: BoolArray,
    plan: Schedule,
    group: Schedule,
    start_idx: IntArray,
    finish_idx: IntArray,
) -> dict[str, npt.NDArray[Any]]:
    """Per-task output columns (all tasks, summaries rolled up); dates as day numbers."""
    n = len(parent)

    def full(values: IntArray) -> IntArray:
        arr = np.zeros(n, np.int64)
        arr[sel] = values
        return arr

    up = rollup_summaries(
        parent, full(plan.es), full(plan.ef), full(plan.ls), full(plan.lf), full(plan.total_float), finished
    )
    sched = rollup_summaries(
        parent, full(start_idx), full(finish_idx), full(start_idx), full(finish_idx), full(plan.total_float)
    )
    if group is plan:
        portfolio_float, portfolio_critical = up.total_float, up.critical
    else:
        wide = rollup_summaries(
            parent, full(group.es), full(group.ef), full(group.ls), full(group.lf), full(group.total_float), finished
        )
        portfolio_float, portfolio_critical = wide.total_float, wide.critical
    free = full(plan.free_float)
    free[up.is_summary] = up.total_float[up.is_summary]
    # A milestone (no work) is shown on the day its predecessors finish: date(t - 1).
    shown_as_milestone = milestone & ~up.is_summary

    def before(t: IntArray) -> IntArray:
        # The last working day before t: a finish (ef is exclusive) or a milestone; day 0 at t <= 0.
        return np.where(t > 0, t - 1, 0)

    dates = {
        "early_start": np.where(shown_as_milestone, before(up.es), up.es),
        "early_finish": before(up.ef),
        "late_start": np.where(shown_as_milestone, before(up.ls), up.ls),
        "late_finish": before(up.lf),
        "start": np.where(shown_as_milestone, before(sched.es), sched.es),
        "finish": before(sched.ef),
    }
    # Index -> date in one busday_offset call over all six columns.
    shown = calendar.date_of(np.concatenate(list(dates.values())), origin).astype(np.int64).reshape(len(dates), n)
    out: dict[str, npt.NDArray[Any]] = {name: shown[k] for k, name in enumerate(dates)}
    out["total_float"] = up.total_float
    out["free_float"] = free
    out["critical"] = up.critical
    out["portfolio_total_float"] = portfolio_float
    out["portfolio_critical"] = portfolio_critical
    return out


async def reschedule(session: AsyncSession, project_ids: Iterable[int]) -> list[GroupSchedule]:
    """Recompute and store the schedules of ``project_ids`` and of every project linked to them."""
    pending = set(project_ids)
    results = []
    while pending:
        group_ids = await linked_group(session, {pending.pop()})
        pending -= group_ids
        projects = list((await session.execute(select(Project).where(col(Project.id).in_(group_ids)))).scalars())
        if not projects:
            continue
        result = await compute_group(session, projects)
        await _store(session, result, projects)
        results.append(result)
    return results


async def _store(session: AsyncSession, result: GroupSchedule, projects: Sequence[Project]) -> None:
    """Write the rows whose schedule changed (one executemany) and refresh loaded objects."""
    changed = result.changed()
    if len(changed):
        ids = [result.task_ids[k] for k in changed.tolist()]
        columns = {name: result.python_values(name, changed) for name in OUTPUTS}
        # "project" is not bound: it tells the write log whose rows these are.
        params = [{"pk": pk, "project": result.project_of[k]} for pk, k in zip(ids, changed.tolist(), strict=True)]
        for name, values in columns.items():
            key = f"new_{name}"
            for row, value in zip(params, values, strict=True):
                row[key] = value
        conn = await session.connection()
        await conn.execute(_WRITE, params)
        position = {pk: k for k, pk in enumerate(ids)}
        for obj in list(session.sync_session.identity_map.values()):
            k = position.get(obj.id, -1) if isinstance(obj, Task) else -1
            if k >= 0:
                for name, values in columns.items():
                    set_committed_value(obj, name, values[k])
    for project in projects:
        finish = result.project_finish.get(project.id or 0)
        if project.finish_date != finish:
            conn = await session.connection()
            await conn.execute(_WRITE_FINISH, [{"pk": project.id, "finish": finish}])
            set_committed_value(project, "finish_date", finish)


async def after_change(work: Work) -> None:
    """The ``Work`` step that keeps schedules current. The services refuse links and WBS moves
    that would loop; should a loop still reach the scheduler, the change is refused, not crashed."""
    if not work.reschedule:
        return
    try:
        await reschedule(work.session, work.reschedule)
    except CycleError as exc:
        raise DomainError.single(
            "input", f"this change would make the schedule loop ({len(exc.tasks)} tasks on the cycle)", ErrorCode.CYCLE
        ) from exc


@dataclass
class PortfolioView:
    """The stored schedule of a portfolio seen whole (read as stored; nothing is recomputed)."""

    finish_date: date | None
    # Portfolio-critical leaf tasks of the linked group(s) that finish last, in schedule order.
    critical_path: list[Task]
    projects: list[Project]
    critical_projects: set[int]


async def portfolio_views(session: AsyncSession, portfolio_ids: Sequence[int]) -> dict[int, PortfolioView]:
    """The schedule view of each portfolio in three statements, whatever their sizes."""
    projects = list(
        (
            await session.execute(
                select(Project).where(col(Project.portfolio_id).in_(portfolio_ids)).order_by(col(Project.id))
            )
        ).scalars()
    )
    pids = [p.id for p in projects if p.id is not None]
    pred_task, succ_task = _TASKS.alias(), _TASKS.alias()
    pairs = (
        await session.execute(
            select_columns(pred_task.c.project_id, succ_task.c.project_id)
            .distinct()
            .select_from(_LINKS)
            .join(pred_task, pred_task.c.id == _LINKS.c.predecessor_id)
            .join(succ_task, succ_task.c.id == _LINKS.c.successor_id)
            .where(pred_task.c.project_id != succ_task.c.project_id, succ_task.c.project_id.in_(pids))
        )
    ).all()
    root = {pid: pid for pid in pids}

    def find(p: int) -> int:
        while root[p] != p:
            root[p] = root[root[p]]
            p = root[p]
        return p

    for a, b in pairs:
        if a in root and b in root:
            root[find(a)] = find(b)
    out: dict[int, PortfolioView] = {}
    driving: set[int] = set()
    for portfolio_id in portfolio_ids:
        mine = [p for p in projects if p.portfolio_id == portfolio_id]
        finish = max((p.finish_date for p in mine if p.finish_date is not None), default=None)
        groups = {find(p.id) for p in mine if p.id is not None and finish is not None and p.finish_date == finish}
        members = {p.id for p in mine if p.id is not None and find(p.id) in groups}
        driving |= members
        out[portfolio_id] = PortfolioView(finish, [], mine, set())
    if driving:
        summaries = select(Task.parent_id).where(
            col(Task.parent_id).is_not(None), col(Task.project_id).in_(sorted(driving))
        )
        tasks = (
            await session.execute(
                select(Task)
                .where(
                    col(Task.project_id).in_(sorted(driving)),
                    col(Task.portfolio_critical),
                    col(Task.id).not_in(summaries),
                )
                .order_by(col(Task.early_start), col(Task.early_finish), col(Task.id))
            )
        ).scalars()
        portfolio_of = {p.id: p.portfolio_id for p in projects}
        for task in tasks:
            view = out[portfolio_of[task.project_id]]
            view.critical_path.append(task)
            view.critical_projects.add(task.project_id)
    return out
