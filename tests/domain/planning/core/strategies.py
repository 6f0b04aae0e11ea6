"""Hypothesis strategies for random acyclic networks with every optional input."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from hypothesis import strategies as st

from domain.planning.core import Network


@st.composite
def networks(
    draw: st.DrawFn,
    *,
    max_tasks: int = 12,
    constraints: bool = True,
    progress: bool = True,
    caps: bool = True,
    releases: bool = True,
) -> Network:
    """A random DAG: links go forward in a hidden rank, task numbers are shuffled."""
    n = draw(st.integers(1, max_tasks))
    rank = draw(st.permutations(range(n)))
    durations = draw(st.lists(st.integers(0, 6), min_size=n, max_size=n))
    pairs = st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(lambda ab: ab[0] < ab[1])
    ends = draw(st.lists(pairs, max_size=3 * n)) if n > 1 else []
    m = len(ends)
    types = draw(st.lists(st.integers(0, 3), min_size=m, max_size=m))
    lags = draw(st.lists(st.integers(-4, 5), min_size=m, max_size=m))
    optional: dict[str, object] = {}

    def per_task(low: int, high: int) -> npt.NDArray[np.int64]:
        values = draw(st.lists(st.integers(low, high), min_size=n, max_size=n))
        missing = draw(st.lists(st.booleans(), min_size=n, max_size=n))
        return np.array([-1 if gone else v for v, gone in zip(values, missing, strict=True)], np.int64)

    if releases and draw(st.booleans()):
        optional["release"] = per_task(0, 8)
    if constraints and draw(st.booleans()):
        optional["constraint_type"] = np.array(draw(st.lists(st.integers(0, 6), min_size=n, max_size=n)))
        optional["constraint_day"] = np.array(draw(st.lists(st.integers(0, 25), min_size=n, max_size=n)))
    if caps and draw(st.booleans()):
        optional["lf_cap"] = per_task(0, 40)
    if progress and draw(st.booleans()):
        status = draw(st.integers(0, 12))
        optional["status_day"] = status if draw(st.booleans()) else per_task(0, 12)
        states = draw(st.lists(st.sampled_from("ofs"), min_size=n, max_size=n))
        starts = draw(st.lists(st.integers(0, 12), min_size=n, max_size=n))
        lengths = draw(st.lists(st.integers(0, 8), min_size=n, max_size=n))
        actual_start = np.array([s if k != "o" else -1 for s, k in zip(starts, states, strict=True)])
        actual_finish = np.array([s + g if k == "f" else -1 for s, g, k in zip(starts, lengths, states, strict=True)])
        if draw(st.booleans()):
            # A finished task may come without its actual start.
            actual_start[(actual_finish >= 0) & (np.arange(n) % 2 == 0)] = -1
        optional["actual_start"] = actual_start
        optional["actual_finish"] = actual_finish
        if draw(st.booleans()):
            optional["remaining"] = per_task(0, 6)
    return Network(
        durations=np.array(durations, np.int64),
        pred=np.array([rank[a] for a, _ in ends], np.int64),
        succ=np.array([rank[b] for _, b in ends], np.int64),
        link_type=np.array(types, np.int64),
        lag=np.array(lags, np.int64),
        **optional,  # type: ignore[arg-type]
    )
