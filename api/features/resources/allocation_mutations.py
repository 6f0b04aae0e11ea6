"""``levelResources`` (preview or apply) and ``clearLeveling``."""

from __future__ import annotations

import strawberry

from api.context import Info
from api.errors import UserError, user_errors
from api.features.base.common import Violation, input_id, perform
from api.features.resources.allocation_types import (
    ClearLevelingInput,
    ClearLevelingPayload,
    ImpossibleAssignment,
    LeveledTask,
    LevelingPayload,
    LevelResourcesInput,
    ProjectLeveling,
    ResourceOverallocation,
)
from domain.base.errors import DomainError
from domain.resources import leveling, leveling_plan
from domain.resources.leveling import LevelingReport, OverAllocated, Previewed
from domain.resources.leveling_time import RequestClock


def _refused(errors: list[UserError], violations: list[Violation] | None = None) -> LevelingPayload:
    return LevelingPayload(
        applied=False,
        tasks=[],
        projects=[],
        finish_before=None,
        finish_after=None,
        overallocations_before=[],
        overallocations_after=[],
        impossible=[],
        proven_optimal=False,
        user_errors=errors,
        violations=violations or [],
    )


def _over(found: list[OverAllocated]) -> list[ResourceOverallocation]:
    return [ResourceOverallocation(resource_pk=o.resource_id, days=list(o.days)) for o in found]


def _payload(report: LevelingReport, violations: list[Violation]) -> LevelingPayload:
    return LevelingPayload(
        applied=report.applied,
        tasks=[
            LeveledTask(
                task_pk=t.task_id,
                old_start=t.old_start,
                new_start=t.new_start,
                old_finish=t.old_finish,
                new_finish=t.new_finish,
                old_delay=t.old_delay,
                delay=t.delay,
            )
            for t in report.tasks
        ],
        projects=[
            ProjectLeveling(project_pk=p.project_id, finish_before=p.before, finish_after=p.after)
            for p in report.projects
        ],
        finish_before=report.finish_before,
        finish_after=report.finish_after,
        overallocations_before=_over(report.over_before),
        overallocations_after=_over(report.over_after),
        impossible=[
            ImpossibleAssignment(task_pk=i.task_id, resource_pk=i.resource_id, demand=i.demand, capacity=i.capacity)
            for i in report.impossible
        ],
        proven_optimal=report.proven_optimal,
        user_errors=[],
        violations=violations,
    )


def _ids(portfolio_id: strawberry.ID | None, project_id: strawberry.ID | None) -> tuple[int | None, int | None]:
    return (
        input_id(portfolio_id, "Portfolio", "portfolioId") if portfolio_id is not None else None,
        input_id(project_id, "Project", "projectId") if project_id is not None else None,
    )


@strawberry.type
class AllocationMutations:
    @strawberry.mutation(
        description="Level resources across a portfolio or within one project: every link and resource capacity "
        "holds, higher-priority projects are delayed less, started work never moves. apply: false previews; "
        "apply: true stores each task's levelingDelay (one transaction; the schedule follows)."
    )
    async def level_resources(self, info: Info, input: LevelResourcesInput) -> LevelingPayload:
        clock = RequestClock(input.time_limit_seconds, input.deterministic)
        try:
            portfolio_id, project_id = _ids(input.portfolio_id, input.project_id)
            leveling_plan.check_input(portfolio_id, project_id, input.time_limit_seconds)
            async with info.context.reading() as session:
                scope = await leveling_plan.scope_for(session, info.context.viewer, portfolio_id, project_id)
                plan = await leveling_plan.load_plan(session, scope)
            result = await leveling_plan.solve(plan, clock, input.seed)
        except DomainError as exc:
            return _refused(user_errors(exc))
        try:
            out = await perform(info, lambda w: leveling.level_resources(w, scope, plan, result, apply=input.apply))
        except Previewed as preview:
            return _payload(preview.report, [])
        finally:
            clock.stored()
        if out.value is None:
            return _refused(out.user_errors, out.violations)
        return _payload(out.value, out.violations)

    @strawberry.mutation(description="Reset every levelingDelay in a portfolio or project to 0.")
    async def clear_leveling(self, info: Info, input: ClearLevelingInput) -> ClearLevelingPayload:
        try:
            portfolio_id, project_id = _ids(input.portfolio_id, input.project_id)
        except DomainError as exc:
            return ClearLevelingPayload(tasks_cleared=0, cleared_pks=[], user_errors=user_errors(exc), violations=[])
        out = await perform(info, lambda w: leveling.clear_leveling(w, portfolio_id, project_id))
        cleared = out.value[1] if out.value is not None else []
        return ClearLevelingPayload(
            tasks_cleared=len(cleared), cleared_pks=cleared, user_errors=out.user_errors, violations=out.violations
        )
