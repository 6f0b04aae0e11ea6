"""Computing the schedule of a linked group of projects with the CPM core (no writes)."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy.ext.asyncio import AsyncSession

from domain.entities import Calendar, Project
from domain.planning import wbs
from domain.planning.calendars import default_calendar, work_calendar
from domain.planning.core import (
    ConstraintType,
    LinkType,
    Network,
    Schedule,
    WorkCalendar,
    compute_schedule,
    rollup_summaries,
)
from domain.planning.schedule.load import BOOLS, DATES, EPOCH_ORDINAL, INTS, NO_DAY, OUTPUTS, read_columns

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

_LINK_CODE = {t.name: int(t) for t in LinkType}
_CONSTRAINT_CODE = {t.name: int(t) for t in ConstraintType}
_FINISH_LIKE = [int(ConstraintType.FNET), int(ConstraintType.FNLT), int(ConstraintType.MFO)]


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
        if name in DATES:
            return picked.astype("datetime64[D]").astype(object).tolist()  # type: ignore[no-any-return]
        return picked.tolist()  # type: ignore[no-any-return]


def _index(calendar: WorkCalendar, days: IntArray, origin: date, *, finish: bool = False) -> IntArray:
    """Working-day indices of day numbers in one vectorized call; -1 where a date is missing."""
    out = np.full(len(days), -1, np.int64)
    present = days != NO_DAY
    if present.any():
        convert = calendar.finish_index_of if finish else calendar.index_of
        out[present] = convert(days[present].astype("datetime64[D]"), origin)
    return out


def _remaining(duration: int, percent: float) -> int:
    return max(0, math.ceil(duration * (1.0 - percent / 100.0) - 1e-9))


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
    cols = await read_columns(conn, "tasks", sorted(by_id))
    order = np.argsort(cols["id"], kind="stable")
    cols = {name: values[order] for name, values in cols.items()}
    links = await read_columns(conn, "links", sorted(by_id))
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
    cdays[ctype == ConstraintType.ASAP] = NO_DAY
    cday = np.where(
        np.isin(ctype, _FINISH_LIKE),
        _index(calendar, cdays, origin, finish=True),
        _index(calendar, cdays, origin),
    )
    astart_days = cols["actual_start"][sel]
    afinish_days = np.where(astart_days == NO_DAY, NO_DAY, cols["actual_finish"][sel])
    astart = _index(calendar, astart_days, origin)
    afinish = _index(calendar, afinish_days, origin, finish=True)
    afinish = np.where(afinish >= 0, np.maximum(afinish, astart), -1)
    durations = cols["duration"][sel]
    remaining = np.full(len(sel), -1, np.int64)
    percent = cols["percent_complete"][sel]
    for k in np.flatnonzero((astart_days != NO_DAY) & (afinish_days == NO_DAY)).tolist():
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
    finished = cols["actual_finish"] != NO_DAY
    milestone = cols["duration"] == 0
    values = _outputs(calendar, origin, sel, parent, finished, milestone, plan, group, start_idx, finish_idx)
    stored = {name: cols[name] for name in (*DATES, *INTS)}
    stored.update({name: cols[name] != 0 for name in BOOLS})
    result = GroupSchedule(calendar, origin, task_ids.tolist(), project_of.tolist(), leaf, values, stored)
    roots = parent < 0
    for pid in by_id:
        mine = roots & (project_of == pid)
        last = int(values["finish"][mine].max()) if mine.any() else None
        result.project_finish[pid] = date.fromordinal(last + EPOCH_ORDINAL) if last is not None else None
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
