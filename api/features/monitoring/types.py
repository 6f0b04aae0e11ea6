"""GraphQL types of monitoring: actual cost entries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import strawberry

import api.features.monitoring.enums  # noqa: F401  (registers EvMethod and EacMethod with strawberry)
from api.features.base.common import gid
from api.features.base.money import Money
from domain.entities import ActualCost as ActualCostRow
from domain.monitoring.core import EarnedValue as DomainEarnedValue
from domain.monitoring.core.methods import EacMethod


@strawberry.type(description="An amount spent on a task on a date; a task's actualCost is the sum of its entries.")
class ActualCost:
    id: strawberry.ID
    date: dt.date
    amount: Money
    note: str
    created_at: dt.datetime

    @classmethod
    def of(cls, row: ActualCostRow, currency: str) -> ActualCost:
        return cls(
            id=gid("ActualCost", row.id),
            date=row.date,
            amount=Money.of(row.amount, currency),
            note=row.note,
            created_at=row.created_at,
        )


@strawberry.type(description="An estimate at completion by one method.")
class EacEstimate:
    method: EacMethod
    amount: Money | None = strawberry.field(description="Null when the method's index is undefined (no AC or EV yet).")


@strawberry.type(description="Earned value at a date (PMI Practice Standard for EVM; Lipke's earned schedule).")
class EarnedValue:
    as_of: dt.date
    bac: Money = strawberry.field(description="Budget at completion: the active baseline's planned cost.")
    pv: Money = strawberry.field(description="Planned value: the baseline cost planned by the end of asOf.")
    ev: Money = strawberry.field(description="Earned value: budget earned by progress, by the project's evMethod.")
    ac: Money = strawberry.field(description="Actual cost: entries dated on or before asOf.")
    sv: Money = strawberry.field(description="EV - PV.")
    cv: Money = strawberry.field(description="EV - AC.")
    spi: float | None = strawberry.field(description="EV / PV; null when PV is 0.")
    cpi: float | None = strawberry.field(description="EV / AC; null when AC is 0.")
    eac: Money = strawberry.field(description="Estimate at completion by the method asked for (see eacMethod).")
    eac_method: EacMethod = strawberry.field(
        description="The method eac comes from: the one asked for, or BUDGET_RATE when that one is undefined."
    )
    etc: Money = strawberry.field(description="Estimate to complete: EAC - AC.")
    vac: Money = strawberry.field(description="Variance at completion: BAC - EAC.")
    tcpi: float | None = strawberry.field(description="To-complete performance index to BAC: (BAC - EV) / (BAC - AC).")
    tcpi_eac: float | None = strawberry.field(description="To-complete index to EAC: (BAC - EV) / (EAC - AC).")
    estimates: list[EacEstimate]
    percent_complete: float | None = strawberry.field(description="EV / BAC x 100.")
    earned_schedule: float | None = strawberry.field(description="ES, working days from the baseline start.")
    actual_time: int | None = strawberry.field(description="AT, working days from the baseline start to asOf.")
    planned_duration: int | None = strawberry.field(description="PD, working days of the baseline.")
    sv_t: float | None = strawberry.field(description="ES - AT, working days (negative: behind).")
    spi_t: float | None = strawberry.field(description="SPI(t) = ES / AT.")
    ieac_t: float | None = strawberry.field(description="IEAC(t) = PD / SPI(t): the forecast duration, working days.")
    forecast_finish: dt.date | None = strawberry.field(description="The last working day of IEAC(t).")

    @classmethod
    def of(cls, v: DomainEarnedValue, currency: str) -> EarnedValue:
        def money(amount: Decimal) -> Money:
            return Money.of(amount, currency)

        es = v.schedule
        return cls(
            as_of=v.as_of,
            bac=money(v.bac),
            pv=money(v.pv),
            ev=money(v.ev),
            ac=money(v.ac),
            sv=money(v.sv),
            cv=money(v.cv),
            spi=v.spi,
            cpi=v.cpi,
            eac=money(v.eac),
            eac_method=v.eac_method,
            etc=money(v.etc),
            vac=money(v.vac),
            tcpi=v.tcpi,
            tcpi_eac=v.tcpi_eac,
            estimates=[EacEstimate(method=m, amount=Money.maybe(a, currency)) for m, a in v.estimates.items()],
            percent_complete=v.percent_complete,
            earned_schedule=es.earned_schedule if es else None,
            actual_time=es.actual_time if es else None,
            planned_duration=es.planned_duration if es else None,
            sv_t=es.sv_t if es else None,
            spi_t=es.spi_t if es else None,
            ieac_t=es.ieac_t if es else None,
            forecast_finish=es.forecast_finish if es else None,
        )


@strawberry.type(description="Cumulative PV, EV and AC at the end of one period of an S-curve.")
class EarnedValuePoint:
    period_end: dt.date
    pv: Money
    ev: Money
    ac: Money
