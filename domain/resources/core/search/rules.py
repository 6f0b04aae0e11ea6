"""Priority rules: one key per task for the serial SGS (smaller is placed first)."""

from __future__ import annotations

import numpy as np

from domain.resources.core.search.compiled import Compiled, IntArray, early_starts, late_starts
from domain.resources.core.search.decoder import FloatArray

# Weight of the project's CPM finish in the portfolio rule: projects that can finish
# early go first (the sum of finishes rewards it), without running them strictly in turn.
PROJECT_FINISH_WEIGHT = 0.5


def _successor_counts(c: Compiled) -> IntArray:
    """Number of transitive successors (MTS rule), via bitsets in reverse topological order."""
    reach = [0] * c.n
    for j in c.topo[::-1].tolist():
        acc = 0
        for s in c.out_dst[c.out_ptr[j] : c.out_ptr[j + 1]].tolist():
            acc |= reach[s] | (1 << s)
        reach[j] = acc
    return np.array([r.bit_count() for r in reach], dtype=np.int64)


def priority_rules(c: Compiled) -> dict[str, FloatArray]:
    """Keys of the classic rules (smaller first), ties broken by the LFT."""
    es = early_starts(c)
    ls = late_starts(c, es)
    lft = (ls + c.durations).astype(np.float64)
    tie = lft / (1.0 + float(np.max(np.abs(lft), initial=0.0)))
    mts = _successor_counts(c).astype(np.float64)
    arc_src = np.repeat(np.arange(c.n), np.diff(c.out_ptr))
    grpw = c.durations + np.bincount(arc_src, weights=c.durations[c.out_dst], minlength=c.n)
    return {
        "LFT": lft + ls / (1.0 + float(np.max(np.abs(ls), initial=0.0))),
        "LST": ls.astype(np.float64) + tie,
        "MTS": -mts + tie,
        "GRPW": -grpw + tie,
    }


def project_late_starts(c: Compiled, es: IntArray) -> tuple[IntArray, IntArray]:
    """CPM backward pass with each task due by its own project's CPM finish; returns the late
    starts and the CPM finish of each task's project."""
    finish = np.zeros(c.n_projects, dtype=np.int64)
    if c.n:
        np.maximum.at(finish, c.project, es + c.durations)
    due = finish[c.project]
    return late_starts(c, es, due), due


def portfolio_rule_keys(c: Compiled, weight: float = PROJECT_FINISH_WEIGHT) -> FloatArray:
    """Per-project latest finish plus ``weight`` times the project's CPM finish, ties by the
    latest start: the one-pass rule the portfolio search must beat (docs/leveling.md)."""
    ls, due = project_late_starts(c, early_starts(c))
    lft = (ls + c.durations).astype(np.float64)
    return lft + weight * due + ls / (1.0 + float(np.max(np.abs(ls), initial=0.0)))
