"""Variances, indices and forecasts from four cumulative amounts (BAC, PV, EV, AC).

Formulas as in PMI's Practice Standard for Earned Value Management (2nd ed., 2011) and the
PMBOK Guide (6th ed., 7.4.2.2):

    SV = EV - PV            CV = EV - AC            SPI = EV / PV          CPI = EV / AC
    EAC(CPI)         = AC + (BAC - EV) / CPI
    EAC(CPI_SPI)     = AC + (BAC - EV) / (CPI x SPI)
    EAC(BUDGET_RATE) = AC + (BAC - EV)
    ETC = EAC - AC          VAC = BAC - EAC
    TCPI = (BAC - EV) / (BAC - AC)          TCPI(EAC) = (BAC - EV) / (EAC - AC)

Amounts are exact integers of minor units; the estimates are rounded half to even to a minor
unit from the exact ratio (never from a rounded index). An index whose denominator is zero is
``None``, and so is an estimate that needs it. The ``eac`` reported is the requested method's;
when that one is undefined (no actual cost yet, or nothing earned), it is ``BUDGET_RATE``'s,
which is always defined, and ``eac_method`` says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from domain.monitoring.core.methods import EacMethod
from domain.monitoring.core.minor import from_minor, round_div


@dataclass(frozen=True)
class EarnedSchedule:
    """Lipke's earned schedule, in working days from the origin (see ``schedule.py``)."""

    earned_schedule: float  # ES: when the plan had earned what has been earned
    actual_time: int  # AT: working days from the origin through the as-of date
    planned_duration: int  # PD: working days from the origin to the planned finish
    sv_t: float  # SV(t) = ES - AT, working days (negative: behind)
    spi_t: float | None  # SPI(t) = ES / AT
    ieac_t: float | None  # IEAC(t) = PD / SPI(t): the forecast duration
    forecast_finish: dt.date | None  # the last working day of IEAC(t) from the origin


@dataclass(frozen=True)
class EarnedValue:
    """Earned value at one date, for a task, a project or a portfolio."""

    as_of: dt.date
    bac: Decimal
    pv: Decimal
    ev: Decimal
    ac: Decimal
    sv: Decimal
    cv: Decimal
    spi: float | None
    cpi: float | None
    eac: Decimal
    eac_method: EacMethod  # the method ``eac`` comes from (see the module docstring)
    etc: Decimal
    vac: Decimal
    tcpi: float | None
    tcpi_eac: float | None
    estimates: Mapping[EacMethod, Decimal | None]
    percent_complete: float | None  # EV / BAC x 100: the budget-weighted percent complete
    percent_spent: float | None  # AC / BAC x 100
    schedule: EarnedSchedule | None = None


def ratio(numerator: int, denominator: int) -> float | None:
    """``numerator / denominator`` as the nearest float, or ``None`` for a zero denominator."""
    return None if denominator == 0 else numerator / denominator


def estimates(bac: int, pv: int, ev: int, ac: int) -> dict[EacMethod, int | None]:
    """EAC in minor units by every method, ``None`` where the method's index is undefined."""
    rest = bac - ev
    out: dict[EacMethod, int | None] = {EacMethod.BUDGET_RATE: ac + rest}
    # (BAC - EV) / CPI = (BAC - EV) x AC / EV: undefined without actual cost (CPI) or earned value.
    out[EacMethod.CPI] = ac + round_div(rest * ac, ev) if ac != 0 and ev != 0 else None
    # (BAC - EV) / (CPI x SPI) = (BAC - EV) x AC x PV / EV^2.
    out[EacMethod.CPI_SPI] = ac + round_div(rest * ac * pv, ev * ev) if ac != 0 and ev != 0 and pv != 0 else None
    return out


def earned_value(
    as_of: dt.date,
    bac: int,
    pv: int,
    ev: int,
    ac: int,
    *,
    decimals: int,
    method: EacMethod = EacMethod.CPI,
    schedule: EarnedSchedule | None = None,
) -> EarnedValue:
    """Every figure from the four cumulative amounts (whole minor units)."""
    by_method = estimates(bac, pv, ev, ac)
    chosen = by_method[method]
    used = method if chosen is not None else EacMethod.BUDGET_RATE
    eac = by_method[used]
    assert eac is not None  # BUDGET_RATE is always defined

    def money(units: int) -> Decimal:
        return from_minor(units, decimals)

    return EarnedValue(
        as_of=as_of,
        bac=money(bac),
        pv=money(pv),
        ev=money(ev),
        ac=money(ac),
        sv=money(ev - pv),
        cv=money(ev - ac),
        spi=ratio(ev, pv),
        cpi=ratio(ev, ac),
        eac=money(eac),
        eac_method=used,
        etc=money(eac - ac),
        vac=money(bac - eac),
        tcpi=ratio(bac - ev, bac - ac),
        tcpi_eac=ratio(bac - ev, eac - ac),
        estimates={m: None if v is None else money(v) for m, v in by_method.items()},
        percent_complete=_percent(ev, bac),
        percent_spent=_percent(ac, bac),
        schedule=schedule,
    )


def _percent(part: int, whole: int) -> float | None:
    return None if whole == 0 else part * 100 / whole  # int / int: the nearest float
