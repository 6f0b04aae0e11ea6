"""The choices a project makes: how work is credited (EV methods) and how EAC is forecast."""

from __future__ import annotations

from enum import StrEnum

import numpy as np
import numpy.typing as npt

from domain.monitoring.core.minor import IntArray, round_div

# Percent complete travels as whole hundredths of a percent (basis points): 0 .. 10_000.
FULL = 10_000


class EvMethod(StrEnum):
    """How a task's progress earns its budget (PMI, Practice Standard for EVM, 2nd ed., 2011, ch. 4).

    ``PERCENT_COMPLETE``: the budget times percent complete. ``ZERO_HUNDRED`` (0/100): nothing
    until the task is complete, then all of it. ``FIFTY_FIFTY`` (50/50): half when the task
    starts (an actual start or any progress), the other half when it is complete.
    """

    PERCENT_COMPLETE = "PERCENT_COMPLETE"
    ZERO_HUNDRED = "ZERO_HUNDRED"
    FIFTY_FIFTY = "FIFTY_FIFTY"


class EacMethod(StrEnum):
    """Estimate at completion formulas (PMI, Practice Standard for EVM, 2nd ed., 2011, ch. 6;
    PMBOK Guide, 6th ed., 7.4.2.2).

    ``CPI``: the rest of the work at the cost efficiency so far, ``AC + (BAC - EV) / CPI``.
    ``CPI_SPI``: cost and schedule efficiency both weigh on the rest,
    ``AC + (BAC - EV) / (CPI x SPI)``. ``BUDGET_RATE``: the rest at the budgeted rate,
    ``AC + (BAC - EV)``.
    """

    CPI = "CPI"
    CPI_SPI = "CPI_SPI"
    BUDGET_RATE = "BUDGET_RATE"


def credit(method: EvMethod, budget: IntArray, basis_points: IntArray, started: npt.NDArray[np.bool_]) -> IntArray:
    """Earned value of tasks with these budgets (minor units) at this progress, rounded half to even."""
    complete = basis_points >= FULL
    if method is EvMethod.PERCENT_COMPLETE:
        return round_div(budget * np.clip(basis_points, 0, FULL), FULL)
    if method is EvMethod.ZERO_HUNDRED:
        return np.where(complete, budget, 0)
    half = round_div(budget, 2)
    return np.where(complete, budget, np.where(started | (basis_points > 0), half, 0))
