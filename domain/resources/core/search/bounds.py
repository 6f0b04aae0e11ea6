"""Lower bounds on the makespan: critical path, fixed work, resource energy."""

from __future__ import annotations

import numpy as np

from domain.resources.core.search.compiled import Compiled, IntArray


def makespan_lower_bound(c: Compiled, early: IntArray) -> int:
    bound = int(np.max(early + c.durations, initial=0))
    free = ~c.fixed
    energy = np.sum(c.demand[free] * c.durations[free, None], axis=0)
    for r in range(c.n_resources):
        need = int(energy[r])
        if need == 0:
            continue
        have = np.cumsum(c.residual[r])
        if have.size and int(have[-1]) >= need:
            bound = max(bound, int(np.searchsorted(have, need)) + 1)
        else:
            left = need - (int(have[-1]) if have.size else 0)
            per_day = int(c.base_capacity[r])
            bound = max(bound, int(c.residual.shape[1]) + -(-left // per_day))
    return bound
