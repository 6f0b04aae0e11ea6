"""The monitoring core's choices as GraphQL enums (one source of truth: the core's enums)."""

from __future__ import annotations

import strawberry

from domain.monitoring.core.methods import EacMethod as DomainEacMethod
from domain.monitoring.core.methods import EvMethod as DomainEvMethod

EvMethod = strawberry.enum(
    DomainEvMethod,
    name="EvMethod",
    description="How progress earns value: percent complete, 0/100 (all at completion) or 50/50 (half at the start).",
)
EacMethod = strawberry.enum(
    DomainEacMethod,
    name="EacMethod",
    description="Estimate at completion: AC + (BAC - EV) / CPI, / (CPI x SPI), or at the budget rate (AC + BAC - EV).",
)
