"""What ``timeLimitSeconds`` means for ``levelResources``: wall-clock seconds for the whole
request (reading the plan, the search, storing the result), or, with ``deterministic``, a work
budget for the search alone (docs/leveling.md, "Time limits").

The search runs between two database phases whose cost it cannot see in advance: the store
phase re-reads the plan inside the transaction, writes the delays, reschedules the projects,
runs governance and builds the before/after report. Its cost grows with the plan much as
reading it does, and a loaded machine slows both alike, so the search gets the limit less the
time already spent and ``STORE_PER_READ`` times the reading time (measured with
``benchmarks/level_request.py``), and never less than ``MIN_SEARCH_SHARE`` of the limit.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

# Store phase / read phase, wall time, on 1,000 to 10,000-task portfolios (SQLite and PostgreSQL).
STORE_PER_READ = 2.0
# Fixed part of the store phase (transaction, governance, commit), seconds.
STORE_FIXED = 0.02
# The search always gets this share of the limit, so that a tiny limit still levels.
MIN_SEARCH_SHARE = 0.05


@dataclass
class RequestClock:
    limit: float
    deterministic: bool = False
    began: float = field(default_factory=time.perf_counter)

    def search_limit(self) -> float:
        """Seconds (or, when deterministic, the work budget) for the search, asked right after reading."""
        if self.deterministic:
            return self.limit
        read = time.perf_counter() - self.began
        left = self.limit - read - STORE_PER_READ * read - STORE_FIXED
        return max(MIN_SEARCH_SHARE * self.limit, left)
