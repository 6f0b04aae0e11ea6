"""Finding dependency cycles: to refuse a proposed link, and to explain a cyclic network."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from domain.planning.core.network import IntArray, as_int_array


def find_cycle_with(
    task_count: int,
    pred: npt.ArrayLike,
    succ: npt.ArrayLike,
    new_pred: int,
    new_succ: int,
) -> list[int] | None:
    """The cycle that adding the link ``new_pred -> new_succ`` would close, if any.

    Every existing link counts as an edge whatever its type or lag. Returns ``None``
    when the new link keeps the network acyclic, otherwise the tasks of one shortest
    such cycle in link order, starting with ``new_pred`` then ``new_succ`` (a self link
    gives ``[new_pred]``). The existing network is assumed acyclic.
    """
    if not (0 <= new_pred < task_count and 0 <= new_succ < task_count):
        raise ValueError(f"task index out of range 0..{task_count - 1}")
    if new_pred == new_succ:
        return [new_pred]
    preds = as_int_array(pred, "pred")
    succs = as_int_array(succ, "succ")
    path = _shortest_path(task_count, preds, succs, new_succ, new_pred)
    if path is None:
        return None
    # path runs new_succ .. new_pred; the cycle reads new_pred -> new_succ -> ... .
    return [new_pred, *path[:-1]]


def _shortest_path(task_count: int, pred: IntArray, succ: IntArray, source: int, target: int) -> list[int] | None:
    """Breadth-first search by whole frontiers so each level is a few numpy operations."""
    order = np.argsort(pred, kind="stable")
    heads = succ[order]
    offsets = np.zeros(task_count + 1, np.int64)
    np.cumsum(np.bincount(pred, minlength=task_count), out=offsets[1:])
    parent = np.full(task_count, -1, np.int64)
    parent[source] = source
    frontier = np.array([source], np.int64)
    while frontier.size:
        starts = offsets[frontier]
        counts = offsets[frontier + 1] - starts
        total = int(counts.sum())
        if total == 0:
            break
        # Positions of every outgoing link of the frontier, concatenated.
        base = np.repeat(starts - np.cumsum(counts) + counts, counts)
        positions = base + np.arange(total, dtype=np.int64)
        targets = heads[positions]
        sources = np.repeat(frontier, counts)
        fresh = parent[targets] < 0
        targets, sources = targets[fresh], sources[fresh]
        targets, first = np.unique(targets, return_index=True)
        parent[targets] = sources[first]
        if parent[target] >= 0:
            path = [target]
            while path[-1] != source:
                path.append(int(parent[path[-1]]))
            path.reverse()
            return path
        frontier = targets
    return None


def cycle_among(unordered: IntArray, pred: IntArray, succ: IntArray) -> list[int]:
    """One cycle among tasks a topological sort could not place.

    Every such task has a predecessor that is also unplaced, so following any one
    predecessor from any of them must revisit a task; the revisited stretch is a cycle.
    """
    stuck = np.zeros(int(max(pred.max(initial=0), succ.max(initial=0))) + 1, np.bool_)
    stuck[unordered] = True
    inner = stuck[pred] & stuck[succ]
    some_pred = np.full(stuck.shape[0], -1, np.int64)
    some_pred[succ[inner]] = pred[inner]
    seen: dict[int, int] = {}
    walk: list[int] = []
    task = int(unordered[0])
    while task not in seen:
        seen[task] = len(walk)
        walk.append(task)
        task = int(some_pred[task])
    cycle = walk[seen[task] :]
    cycle.reverse()
    return cycle
