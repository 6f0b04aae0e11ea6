"""The CPM passes as loops over plain integer arrays.

The same function bodies run compiled by numba (the normal path) and interpreted by
CPython (the fallback, and a cross-check in the tests), so they stay in the subset both
understand: no Python objects, no exceptions.

At a million tasks the passes are bound by memory latency, not arithmetic: each link
costs a few cache misses at random tasks. Hence the packed layouts: everything a pass
reads or writes about one task sits in one 32-byte row of the task table, and each
outgoing link is one 16-byte row of the link table, in CSR order.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]
Int32Array = npt.NDArray[np.int32]

# Link codes as plain ints: numba treats module-level ints as compile-time constants
# but cannot read IntEnum members. A code >= SKIP marks a link that binds nothing.
FS = 0
SS = 1
FF = 2
SF = 3
SKIP = 4
# Tables are int32 to halve the memory traffic; days and lags stay below HORIZON (checked
# by the caller), so FAR is beyond any real day and FAR +- HORIZON still fits.
HORIZON = 1 << 28
FAR = 1 << 30

# Task-table columns. Some columns change meaning once a pass is done with their input.
DUR = 0
KIND = 1  # bits 0-1: OPEN, STARTED or FINISHED; bit 2: CEIL is a start ceiling;
#           bits 3 and up: predecessors not yet scheduled (the Kahn in-degree)
ES = 2  # in: lowest start allowed by release/status/constraints (or the actual start)
EF = 3  # in: lowest finish of a started task (or the actual finish)
LS = 4  # during the forward pass: start bound from links
LF = 5  # during the forward pass: finish bound from links
OWN = 6  # in: late-finish cap, -1 for the project finish; out: free float
CEIL = 7  # constraint ceiling on the late finish (or the late start), FAR if none
TASK_COLUMNS = 8

OPEN = 0
STARTED = 1
FINISHED = 2
START_CEILING = 4
KIND_MASK = 3
ONE_PREDECESSOR = 8

# Link-table columns.
TO = 0
CODE = 1
LAG = 2
LINK_COLUMNS = 4


def build_links(
    pred: IntArray,
    succ: IntArray,
    code: IntArray,
    lag: IntArray,
    offsets: IntArray,
    links: Int32Array,
    table: Int32Array,
) -> None:
    """Outgoing-link CSR by counting sort (O(n + m), no sort), and in-degrees.

    Fills ``offsets`` (zeroed, n + 1) and ``links`` (m rows ``TO, CODE, LAG``) and adds
    each task's in-degree to its KIND. The caller allocates the arrays because numpy
    backs large arrays with huge pages, which numba's allocator does not, and TLB misses
    are a large share of the cost at a million tasks.
    """
    n = table.shape[0]
    m = pred.shape[0]
    for k in range(m):
        offsets[pred[k] + 1] += 1
        table[succ[k], KIND] += ONE_PREDECESSOR
    for i in range(n):
        offsets[i + 1] += offsets[i]
    fill = offsets[:n].copy()
    for k in range(m):
        p = pred[k]
        pos = fill[p]
        fill[p] = pos + 1
        links[pos, TO] = succ[k]
        links[pos, CODE] = code[k]
        links[pos, LAG] = lag[k]


def forward_pass(
    offsets: IntArray,
    links: Int32Array,
    table: Int32Array,
    order: IntArray,
    ordered_offsets: IntArray,
    ordered_links: Int32Array,
) -> tuple[int, int]:
    """Early dates, computed while ordering the tasks topologically (Kahn).

    A task leaves the queue once all its predecessors have pushed their bounds to it, so
    its early dates are final then; ordering and scheduling in one sweep visits each
    task row and each link once. Link bounds arrive on the start (FS, SS) or on the
    finish (FF, SF) and are kept apart because a started task honours only finish
    bounds. Fills ``order`` and returns ``(ordered, finish)``: ``ordered < n`` means the
    tasks left out of ``order`` are on or behind a cycle.

    Also copies the CSR into topological order (``ordered_offsets``, n + 1, and
    ``ordered_links``): sequential writes here make the backward pass read its links
    sequentially instead of at one random place per task.
    """
    n = table.shape[0]
    tail = 0
    for i in range(n):
        if table[i, KIND] < ONE_PREDECESSOR:
            order[tail] = i
            tail += 1
    finish = 0
    head = 0
    copied = 0
    ordered_offsets[0] = 0
    while head < tail:
        j = order[head]
        head += 1
        d = table[j, DUR]
        kind = table[j, KIND] & KIND_MASK
        if kind == OPEN:
            start = table[j, ES]
            if table[j, LS] > start:
                start = table[j, LS]
            if table[j, LF] - d > start:
                start = table[j, LF] - d
            end = start + d
        elif kind == STARTED:
            start = table[j, ES]
            end = table[j, EF]
            if table[j, LF] > end:
                end = table[j, LF]
        else:
            start = table[j, ES]
            end = table[j, EF]
        table[j, ES] = start
        table[j, EF] = end
        if end > finish:
            finish = end
        for q in range(offsets[j], offsets[j + 1]):
            v = links[q, TO]
            t = links[q, CODE]
            ordered_links[copied, TO] = v
            ordered_links[copied, CODE] = t
            ordered_links[copied, LAG] = links[q, LAG]
            copied += 1
            waiting = table[v, KIND] - ONE_PREDECESSOR
            table[v, KIND] = waiting
            if waiting < ONE_PREDECESSOR:
                order[tail] = v
                tail += 1
            if t == FS:
                bound = end + links[q, LAG]
                if bound > table[v, LS]:
                    table[v, LS] = bound
            elif t == SS:
                bound = start + links[q, LAG]
                if bound > table[v, LS]:
                    table[v, LS] = bound
            elif t == FF:
                bound = end + links[q, LAG]
                if bound > table[v, LF]:
                    table[v, LF] = bound
            elif t == SF:
                bound = start + links[q, LAG]
                if bound > table[v, LF]:
                    table[v, LF] = bound
        ordered_offsets[head] = copied
    return tail, finish


def backward_pass(
    order: IntArray,
    ordered_offsets: IntArray,
    ordered_links: Int32Array,
    table: Int32Array,
    finish: int,
) -> None:
    """Late dates and free float in reverse topological order, pulling from successors.

    A task's span ``EF - ES`` is kept rigid (it differs from the duration only for
    progressed tasks). Finished tasks keep their actual dates as late dates. The links
    are the CSR copy in topological order made by the forward pass.
    """
    links = ordered_links
    for idx in range(order.shape[0] - 1, -1, -1):
        j = order[idx]
        early_start = table[j, ES]
        early_end = table[j, EF]
        if table[j, KIND] & KIND_MASK == FINISHED:
            table[j, LS] = early_start
            table[j, LF] = early_end
            table[j, OWN] = 0
            continue
        span = early_end - early_start
        own_finish = table[j, OWN]
        if own_finish < 0:
            own_finish = finish
        late = own_finish
        ceiling = table[j, CEIL]
        if table[j, KIND] & START_CEILING:
            ceiling += span
        if ceiling < late:
            late = ceiling
        slack = FAR
        for q in range(ordered_offsets[idx], ordered_offsets[idx + 1]):
            t = links[q, CODE]
            if t >= SKIP:
                continue
            v = links[q, TO]
            lag = links[q, LAG]
            if t == FS:
                bound = table[v, LS] - lag
                gap = table[v, ES] - lag - early_end
            elif t == SS:
                bound = table[v, LS] - lag + span
                gap = table[v, ES] - lag - early_start
            elif t == FF:
                bound = table[v, LF] - lag
                gap = table[v, EF] - lag - early_end
            else:
                bound = table[v, LF] - lag + span
                gap = table[v, EF] - lag - early_start
            if bound < late:
                late = bound
            if gap < slack:
                slack = gap
        if slack == FAR:
            slack = own_finish - early_end
        table[j, LS] = late - span
        table[j, LF] = late
        table[j, OWN] = slack


def unpack(
    table: Int32Array,
    es: IntArray,
    ef: IntArray,
    ls: IntArray,
    lf: IntArray,
    total_float: IntArray,
    free_float: IntArray,
) -> None:
    """Copy the results out of the task table in one sequential sweep."""
    for j in range(table.shape[0]):
        es[j] = table[j, ES]
        ef[j] = table[j, EF]
        ls[j] = table[j, LS]
        lf[j] = table[j, LF]
        total_float[j] = table[j, LS] - table[j, ES]
        free_float[j] = table[j, OWN]
