"""When the search stops: by the wall clock (default) or by counted work (deterministic).

A ``Budget`` covers one ``level`` call; each stage of the search takes a ``Stage`` for a
fraction of what is left. In wall-clock mode a stage ends at a deadline; in deterministic
mode it ends when the shared work counter (``Decoder.ops``, see ``kernels.decode``) reaches
its share of ``time_limit * OPS_PER_SECOND`` units, so the same problem, seed and limit give
the same schedule on any machine, however loaded.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from domain.resources.core.search.compiled import IntArray

# Units of SGS work (see kernels.decode) per second of one core, calibrated once
# (measured 4.7e8 to 5e8 on PSPLIB; kept below for headroom).
OPS_PER_SECOND = 400_000_000
# Wall-clock mode keeps this share of the limit (at most RESERVE_MAX seconds) for what
# follows the search: the final justification and the result.
RESERVE_SHARE = 0.03
RESERVE_MAX = 0.05
# The compiled GA runs in slices of about this many seconds between clock checks.
SLICE_SECONDS = 0.02


def now() -> float:
    return time.perf_counter()


@dataclass
class Stage:
    """One stage's share: ``done()`` says when to stop."""

    budget: Budget
    deadline: float  # wall clock (perf_counter)
    op_limit: int  # deterministic

    def done(self) -> bool:
        if self.budget.deterministic:
            return int(self.budget.ops[0]) >= self.op_limit
        return now() >= self.deadline

    def seconds_left(self) -> float:
        if self.budget.deterministic:
            return max(0, self.op_limit - int(self.budget.ops[0])) / OPS_PER_SECOND
        return max(0.0, self.deadline - now())

    def slice_limit(self) -> int:
        """Absolute work count the next compiled slice may run to."""
        if self.budget.deterministic:
            return self.op_limit
        return int(self.budget.ops[0]) + int(SLICE_SECONDS * OPS_PER_SECOND)


class Budget:
    def __init__(self, time_limit: float, deterministic: bool, ops: IntArray | None = None, began: float | None = None):
        self.deterministic = deterministic
        self.ops = ops if ops is not None else np.zeros(1, dtype=np.int64)
        self.began = now() if began is None else began
        self.time_limit = time_limit
        reserve = min(RESERVE_MAX, RESERVE_SHARE * time_limit)
        self.deadline = self.began + time_limit - reserve
        self.op_limit = int(self.ops[0]) + int(time_limit * OPS_PER_SECOND)

    def stage(self, fraction: float) -> Stage:
        """A stage with ``fraction`` of what is left now."""
        left_ops = max(0, self.op_limit - int(self.ops[0]))
        left_s = max(0.0, self.deadline - now())
        return Stage(self, now() + fraction * left_s, int(self.ops[0]) + int(fraction * left_ops))

    def seconds_left(self) -> float:
        return self.stage(1.0).seconds_left()
