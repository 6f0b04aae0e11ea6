"""An independent CPM for the tests: relax every link until nothing moves.

No topological order, no CSR, no packed tables: just the rules of docs/scheduling.md
applied literally, link by link, to a fixed point (Bellman-Ford style). It is slow and
simple, which is the point.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.planning.core import ConstraintType, LinkType, Network

C = ConstraintType
L = LinkType


@dataclass
class Reference:
    es: list[int]
    ef: list[int]
    ls: list[int]
    lf: list[int]
    free_float: list[int]
    finish: int
    finished: list[bool]


def value(array: object, j: int) -> int:
    """Entry ``j`` of an optional per-task array, -1 when absent."""
    if array is None:
        return -1
    if isinstance(array, int):
        return array
    return int(array[j])  # type: ignore[index]


def progress(net: Network, j: int) -> str:
    if value(net.actual_finish, j) >= 0:
        return "finished"
    if value(net.actual_start, j) >= 0:
        return "started"
    return "open"


def binds(net: Network, k: int) -> bool:
    """Whether link ``k`` constrains its successor (see docs: progress)."""
    state = progress(net, int(net.succ[k]))
    if state == "finished":
        return False
    return not (state == "started" and int(net.link_type[k]) in (L.FS, L.SS))


def start_floor(net: Network, j: int) -> int:
    """Lowest early start of an open task from everything but links."""
    d = int(net.durations[j])
    floor = max(0, value(net.release, j), value(net.status_day, j))
    ctype, cday = value(net.constraint_type, j), value(net.constraint_day, j)
    if ctype in (C.SNET, C.MSO):
        floor = max(floor, cday)
    if ctype in (C.FNET, C.MFO):
        floor = max(floor, cday - d)
    return floor


def started_finish_floor(net: Network, j: int) -> int:
    d = int(net.durations[j])
    actual = value(net.actual_start, j)
    resume = max(actual, value(net.status_day, j))
    left = value(net.remaining, j)
    if left < 0:
        left = max(d - (resume - actual), 0)
    floor = resume + left
    if value(net.constraint_type, j) in (C.FNET, C.MFO):
        floor = max(floor, value(net.constraint_day, j))
    return floor


def link_bound(kind: int, lag: int, es_p: int, ef_p: int) -> tuple[str, int]:
    """Which date of the successor the link bounds from below, and the bound."""
    if kind == L.FS:
        return "start", ef_p + lag
    if kind == L.SS:
        return "start", es_p + lag
    if kind == L.FF:
        return "finish", ef_p + lag
    return "finish", es_p + lag


def late_bound(kind: int, lag: int, ls_s: int, lf_s: int, span: int) -> int:
    """Upper bound the link puts on its predecessor's late finish."""
    if kind == L.FS:
        return ls_s - lag
    if kind == L.SS:
        return ls_s - lag + span
    if kind == L.FF:
        return lf_s - lag
    return lf_s - lag + span


def slack(kind: int, lag: int, es_p: int, ef_p: int, es_s: int, ef_s: int) -> int:
    if kind == L.FS:
        return es_s - lag - ef_p
    if kind == L.SS:
        return es_s - lag - es_p
    if kind == L.FF:
        return ef_s - lag - ef_p
    return ef_s - lag - es_p


def own_finish(net: Network, j: int, finish: int) -> int:
    cap = value(net.lf_cap, j)
    return cap if cap >= 0 else finish


def late_ceiling(net: Network, j: int, finish: int, span: int) -> int:
    ceiling = own_finish(net, j, finish)
    ctype, cday = value(net.constraint_type, j), value(net.constraint_day, j)
    if ctype in (C.FNLT, C.MFO):
        ceiling = min(ceiling, cday)
    if ctype in (C.SNLT, C.MSO):
        ceiling = min(ceiling, cday + span)
    return ceiling


def reference_schedule(net: Network) -> Reference:
    n, m = net.task_count, net.link_count
    d = [int(x) for x in net.durations]
    states = [progress(net, j) for j in range(n)]
    es, ef = [0] * n, [0] * n
    for j in range(n):
        if states[j] == "finished":
            actual = value(net.actual_start, j)
            ef[j] = value(net.actual_finish, j)
            es[j] = actual if actual >= 0 else ef[j] - d[j]
        elif states[j] == "started":
            es[j] = value(net.actual_start, j)
            ef[j] = started_finish_floor(net, j)
        else:
            es[j] = start_floor(net, j)
            ef[j] = es[j] + d[j]
    changed = True
    while changed:
        changed = False
        for k in range(m):
            if not binds(net, k):
                continue
            p, s = int(net.pred[k]), int(net.succ[k])
            which, bound = link_bound(int(net.link_type[k]), int(net.lag[k]), es[p], ef[p])
            if states[s] == "open":
                start = bound if which == "start" else bound - d[s]
                if start > es[s]:
                    es[s], ef[s] = start, start + d[s]
                    changed = True
            elif which == "finish" and bound > ef[s]:
                ef[s] = bound
                changed = True
    finish = max([0, *ef])
    span = [ef[j] - es[j] for j in range(n)]
    lf = [ef[j] if states[j] == "finished" else late_ceiling(net, j, finish, span[j]) for j in range(n)]
    changed = True
    while changed:
        changed = False
        for k in range(m):
            p, s = int(net.pred[k]), int(net.succ[k])
            if not binds(net, k) or states[p] == "finished":
                continue
            kind, lag = int(net.link_type[k]), int(net.lag[k])
            bound = late_bound(kind, lag, lf[s] - span[s], lf[s], span[p])
            if bound < lf[p]:
                lf[p] = bound
                changed = True
    ls = [lf[j] - span[j] for j in range(n)]
    free = [own_finish(net, j, finish) - ef[j] for j in range(n)]
    has_succ = [False] * n
    for k in range(m):
        p, s = int(net.pred[k]), int(net.succ[k])
        if not binds(net, k):
            continue
        gap = slack(int(net.link_type[k]), int(net.lag[k]), es[p], ef[p], es[s], ef[s])
        free[p] = gap if not has_succ[p] else min(free[p], gap)
        has_succ[p] = True
    finished = [state == "finished" for state in states]
    for j in range(n):
        if finished[j]:
            free[j] = 0
    return Reference(es, ef, ls, lf, free, finish, finished)
