"""Recording what was spent: time-phased actual costs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import strawberry

from api.context import Info
from api.errors import UserError
from api.features.base.common import Violation, input_id, perform
from api.features.monitoring.types import ActualCost
from domain.base.money import DEFAULT_CURRENCY
from domain.base.work import Work
from domain.entities import ActualCost as ActualCostRow
from domain.monitoring import actuals


@strawberry.input(description="An amount spent on a task on a date, in the portfolio's currency.")
class RecordActualCostInput:
    task_id: strawberry.ID
    date: dt.date = strawberry.field(description="Within the project: from its start to its status date (or today).")
    amount: Decimal = strawberry.field(description='E.g. "1250.00"; a negative amount corrects an earlier entry.')
    note: str = ""


@strawberry.type
class ActualCostPayload:
    actual_cost: ActualCost | None
    user_errors: list[UserError]
    violations: list[Violation]


@strawberry.type
class MonitoringMutations:
    @strawberry.mutation(description="Record an actual cost on a task (managers on their projects, PMO staff on any).")
    async def record_actual_cost(self, info: Info, input: RecordActualCostInput) -> ActualCostPayload:
        async def act(w: Work) -> ActualCostRow:
            return await actuals.record_actual_cost(
                w,
                task_id=input_id(input.task_id, "Task", "taskId"),
                day=input.date,
                amount=input.amount,
                note=input.note,
            )

        out = await perform(info, act)
        entry = None
        if out.value is not None:
            task = await info.context.loaders.task.load(out.value.task_id)
            currency = await info.context.loaders.project_currency.load(task.project_id) if task else DEFAULT_CURRENCY
            entry = ActualCost.of(out.value, currency)
        return ActualCostPayload(actual_cost=entry, user_errors=out.user_errors, violations=out.violations)
