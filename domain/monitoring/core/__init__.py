"""Pure earned-value core: arrays (or plain objects) in, exact figures out, no I/O.

Typical use (see docs/monitoring.md for the formulas and their sources)::

    data = project_data([TaskInput(budget=Decimal("1000.00"), start=..., finish=...,
                                   progress=[(status_date, 40.0)], actuals=[(day, Decimal("450.00"))])],
                        calendar=WorkCalendar(), method=EvMethod.PERCENT_COMPLETE)
    c = curves([data, ...])                          # PV / EV / AC of many projects, built once
    values = earned_values(c, as_of, EacMethod.CPI)  # one EarnedValue per project, with earned schedule
    tasks = task_earned_values(c, 0, as_of)          # per task of the first project
    weekly = project_series(c, first, last, Granularity.WEEK)   # cumulative S-curves per project
    total = portfolio_earned_value(c, as_of)

Amounts are whole minor units inside and exact ``Decimal`` outside; anything not a whole
number of minor units is rounded half to even (see ``minor.py``). An index with a zero
denominator is ``None``.
"""

from domain.monitoring.core.build import curves
from domain.monitoring.core.curves import Curves
from domain.monitoring.core.data import NONE, ProjectData
from domain.monitoring.core.indices import EarnedSchedule, EarnedValue, earned_value, estimates
from domain.monitoring.core.inputs import TaskInput, basis_points, project_data
from domain.monitoring.core.methods import EacMethod, EvMethod
from domain.monitoring.core.minor import from_minor, round_div, to_minor
from domain.monitoring.core.portfolio import portfolio_earned_value, portfolio_series
from domain.monitoring.core.project import earned_values, task_earned_values, task_totals, totals
from domain.monitoring.core.schedule import earned_schedule, earned_schedule_periods
from domain.monitoring.core.series import Granularity, Series, period_ends, project_series

__all__ = [
    "NONE",
    "Curves",
    "EacMethod",
    "EarnedSchedule",
    "EarnedValue",
    "EvMethod",
    "Granularity",
    "ProjectData",
    "Series",
    "TaskInput",
    "basis_points",
    "curves",
    "earned_schedule",
    "earned_schedule_periods",
    "earned_value",
    "earned_values",
    "estimates",
    "from_minor",
    "period_ends",
    "portfolio_earned_value",
    "portfolio_series",
    "project_data",
    "project_series",
    "round_div",
    "task_earned_values",
    "task_totals",
    "to_minor",
    "totals",
]
