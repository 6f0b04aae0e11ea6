"""Roll-up of WBS summary tasks over their children, after the CPM passes."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from domain.planning.core.network import IntArray, as_int_array

_FAR = np.int64(1 << 60)


@dataclass(frozen=True, slots=True)
class Rollup:
    """Dates of every WBS node; leaves are passed through, summaries span their children.

    Attributes:
        es, ef: earliest child ES and latest child EF.
        ls, lf: earliest child LS and latest child LF.
        total_float: a summary's smallest total float over its unfinished descendants
            (0 when all are finished); leaves keep their own.
        critical: a summary is critical when an unfinished descendant has float <= 0.
        is_summary: nodes with at least one child.
    """

    es: IntArray
    ef: IntArray
    ls: IntArray
    lf: IntArray
    total_float: IntArray
    critical: npt.NDArray[np.bool_]
    is_summary: npt.NDArray[np.bool_]


def rollup_summaries(
    parent: npt.ArrayLike,
    es: npt.ArrayLike,
    ef: npt.ArrayLike,
    ls: npt.ArrayLike,
    lf: npt.ArrayLike,
    total_float: npt.ArrayLike,
    finished: npt.ArrayLike | None = None,
) -> Rollup:
    """Roll leaf dates up a WBS given as a parent index per node (``-1`` for roots).

    All arrays are per WBS node; the values given for summary nodes (nodes with
    children) are ignored and replaced. ``finished`` marks leaves with an actual finish,
    whose float does not count towards their summaries. Raises ``ValueError`` if the
    parent links loop.
    """
    parents = as_int_array(parent, "parent")
    n = parents.shape[0]
    if n and (int(parents.min()) < -1 or int(parents.max()) >= n):
        raise ValueError("parent index out of range")
    depth = _depths(parents)
    is_summary = np.zeros(n, np.bool_)
    is_summary[parents[parents >= 0]] = True
    out = {name: as_int_array(values, name).copy() for name, values in (("es", es), ("ef", ef), ("ls", ls), ("lf", lf))}
    tf = as_int_array(total_float, "total_float").copy()
    done = np.zeros(n, np.bool_) if finished is None else np.asarray(finished, np.bool_)
    tf[done & ~is_summary] = _FAR
    for name in ("es", "ls", "ef", "lf"):
        out[name][is_summary] = _FAR if name in ("es", "ls") else -_FAR
    tf[is_summary] = _FAR
    # Deepest level first, so a summary is complete before it feeds its own parent.
    for level in range(int(depth.max(initial=0)), 0, -1):
        nodes = np.flatnonzero(depth == level)
        up = parents[nodes]
        np.minimum.at(out["es"], up, out["es"][nodes])
        np.minimum.at(out["ls"], up, out["ls"][nodes])
        np.maximum.at(out["ef"], up, out["ef"][nodes])
        np.maximum.at(out["lf"], up, out["lf"][nodes])
        np.minimum.at(tf, up, tf[nodes])
    unfinished = tf < _FAR
    tf[~unfinished] = 0
    critical = unfinished & (tf <= 0)
    return Rollup(out["es"], out["ef"], out["ls"], out["lf"], tf, critical, is_summary)


def _depths(parents: IntArray) -> IntArray:
    """Distance of each node from its root, one vectorised step per WBS level."""
    n = parents.shape[0]
    depth = np.zeros(n, np.int64)
    cursor = parents.copy()
    for _ in range(n + 1):
        climbing = cursor >= 0
        if not climbing.any():
            return depth
        depth[climbing] += 1
        cursor[climbing] = parents[cursor[climbing]]
    raise ValueError("the WBS parent links form a loop")
