"""Pure Critical Path Method core: plain arrays in, plain arrays out, no I/O.

Typical use (see docs/scheduling.md for the exact semantics)::

    network = Network(durations, pred, succ, link_type, lag, constraint_type=..., ...)
    schedule = compute_schedule(network)      # raises CycleError on a cyclic network
    path = critical_path(schedule)            # critical tasks in schedule order
    rollup = rollup_summaries(parent, schedule)  # WBS parents spanning their children
    cycle = find_cycle_with(n, pred, succ, p, s)  # None, or the tasks a new link would loop

Dates are working-day indices; :class:`WorkCalendar` converts them to and from dates.
"""

from domain.planning.core.calendar import WorkCalendar
from domain.planning.core.codes import NONE, ConstraintType, LinkType
from domain.planning.core.cpm import Schedule, compute_schedule, critical_path, warm_up
from domain.planning.core.cycles import find_cycle_with
from domain.planning.core.errors import CycleError
from domain.planning.core.network import Network
from domain.planning.core.summaries import Rollup, rollup_summaries

__all__ = [
    "NONE",
    "ConstraintType",
    "CycleError",
    "LinkType",
    "Network",
    "Rollup",
    "Schedule",
    "WorkCalendar",
    "compute_schedule",
    "critical_path",
    "find_cycle_with",
    "rollup_summaries",
    "warm_up",
]
