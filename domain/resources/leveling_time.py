"""What ``timeLimitSeconds`` means for ``levelResources``: wall-clock seconds for the whole
request (reading the plan, the search, storing the result), or, with ``deterministic``, a work
budget for the search alone (docs/leveling.md, "Time limits").

The search runs between two database phases and cannot see the second one's cost in advance:
the store phase re-reads the plan inside the transaction, writes the delays, reschedules the
projects, runs governance and builds the before/after report. Its estimate is the larger of
``STORE_PER_READ`` times the reading time just measured (both grow with the portfolio, and a
loaded machine slows both) and the cost per task the last requests of this process actually
took (``StoreCost``, which learns the machine, the database and the load). The search gets the
limit less the time spent so far and that estimate, and never less than ``MIN_SEARCH_SHARE``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

# Store phase / read phase, wall time, on a quiet machine (benchmarks/level_request.py).
STORE_PER_READ = 2.0
# Fixed part of the store phase (transaction, governance, commit), seconds.
STORE_FIXED = 0.02
# The search always gets this share of the limit, so that a tiny limit still levels.
MIN_SEARCH_SHARE = 0.05
# Weight of the newest request in the learnt store cost per task.
LEARNING_RATE = 0.5


class StoreCost:
    """Store-phase seconds per task, learnt from this process's requests (0: nothing learnt yet)."""

    per_task = 0.0

    @classmethod
    def observe(cls, seconds: float, tasks: int) -> None:
        per_task = max(0.0, seconds - STORE_FIXED) / max(1, tasks)
        cls.per_task = (
            per_task if cls.per_task == 0.0 else (1 - LEARNING_RATE) * cls.per_task + LEARNING_RATE * per_task
        )


@dataclass
class RequestClock:
    limit: float
    deterministic: bool = False
    began: float = field(default_factory=time.perf_counter)
    searched: float | None = None  # when the search ended
    tasks: int = 0

    def search_limit(self, tasks: int) -> float:
        """Seconds (or, when deterministic, the work budget) for the search of ``tasks`` tasks,
        asked right after reading the plan."""
        self.tasks = tasks
        if self.deterministic:
            return self.limit
        read = time.perf_counter() - self.began
        store = max(STORE_PER_READ * read, StoreCost.per_task * tasks) + STORE_FIXED
        return max(MIN_SEARCH_SHARE * self.limit, self.limit - read - store)

    def search_done(self) -> None:
        self.searched = time.perf_counter()

    def stored(self) -> None:
        """The store phase is over (applied, previewed or refused): learn what it cost."""
        if self.searched is not None and self.tasks:
            StoreCost.observe(time.perf_counter() - self.searched, self.tasks)
