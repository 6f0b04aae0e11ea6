"""Keeps stored schedules current: after every change that can move dates, the projects it
touches (and every project linked to them across the portfolio) are recomputed with the CPM
core inside the same transaction, and only rows whose dates changed are written.

Conventions: a linked group of projects shares one calendar (``add_dependency`` refuses links
between projects on different calendars) and one integer time line whose day 0 is the group's
earliest project start; each project's tasks are released at its own start. Late dates, floats
and ``critical`` are taken against each project's own finish; ``portfolio_total_float`` and
``portfolio_critical`` (the portfolio view) against the finish of the whole linked group.

The hot path (one mutation on a large project) works on columns, not objects: two Core selects
(tasks, links), numpy for link expansion, date conversion and the diff against what is stored,
and one executemany UPDATE of the rows that changed.

The package splits that work by what it does: ``load`` (reading inputs as columns), ``compute``
(the CPM core over a group), ``store`` (writing what changed; the ``Work`` step) and ``view`` (a
portfolio's stored schedule seen whole).
"""

from domain.planning.schedule.compute import GroupSchedule, compute_group
from domain.planning.schedule.load import OUTPUTS, linked_group
from domain.planning.schedule.store import after_change, reschedule
from domain.planning.schedule.view import PortfolioView, portfolio_views

__all__ = [
    "OUTPUTS",
    "GroupSchedule",
    "PortfolioView",
    "after_change",
    "compute_group",
    "linked_group",
    "portfolio_views",
    "reschedule",
]
