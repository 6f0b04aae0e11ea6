"""Project definition rules: what must be stated before a project moves on.

Which gate needs which of them is the methodology's business (the default methodology needs
manager, objectives and scope to enter Planning, a budget to enter Execution); the checks
themselves only look at the project.
"""

from __future__ import annotations

from collections.abc import Iterator

from domain.governance.core import Finding, ParameterSpec, Rule, RuleContext
from governance_rules._util import COMPLIANCE, name_some

PROJECT_CHANGES = ("project.*",)


def _min_length(what: str) -> ParameterSpec:
    return ParameterSpec("min_length", "int", 1, f"Fewest characters the {what} may have.", minimum=1)


def manager_named(ctx: RuleContext) -> Iterator[Finding]:
    if not (ctx.project.manager or "").strip():
        yield Finding("The project has no project manager", ctx.project.id)


def objectives_stated(ctx: RuleContext) -> Iterator[Finding]:
    if len(ctx.project.objectives.strip()) < ctx.integer("min_length"):
        yield Finding("The project's objectives are not stated", ctx.project.id)


def scope_stated(ctx: RuleContext) -> Iterator[Finding]:
    if len(ctx.project.scope.strip()) < ctx.integer("min_length"):
        yield Finding("The project's scope is not stated", ctx.project.id)


def budget_set(ctx: RuleContext) -> Iterator[Finding]:
    budget = ctx.project.budget
    minimum = ctx.number("minimum")
    if budget is None:
        yield Finding("The project has no budget", ctx.project.id)
    elif budget <= minimum:
        yield Finding(f"The project's budget {budget:g} is not above {minimum:g}", ctx.project.id)


def work_complete(ctx: RuleContext) -> Iterator[Finding]:
    open_tasks = [t for t in ctx.project.tasks if not t.is_summary and not t.complete]
    if open_tasks:
        yield Finding(
            f"{len(open_tasks)} tasks are not complete ({name_some(t.name for t in open_tasks)})",
            ctx.project.id,
        )


RULES: tuple[Rule, ...] = (
    Rule(
        id="project.manager",
        description="A project manager is named.",
        applies_to="project",
        check=manager_named,
        default_severity=COMPLIANCE,
        changes=PROJECT_CHANGES,
    ),
    Rule(
        id="project.objectives",
        description="The project's objectives are stated.",
        applies_to="project",
        check=objectives_stated,
        parameters=(_min_length("objectives"),),
        default_severity=COMPLIANCE,
        changes=PROJECT_CHANGES,
    ),
    Rule(
        id="project.scope",
        description="The project's scope is stated.",
        applies_to="project",
        check=scope_stated,
        parameters=(_min_length("scope"),),
        default_severity=COMPLIANCE,
        changes=PROJECT_CHANGES,
    ),
    Rule(
        id="project.budget",
        description="The project has a budget above a minimum.",
        applies_to="project",
        check=budget_set,
        parameters=(ParameterSpec("minimum", "float", 0.0, "The budget must exceed this."),),
        default_severity=COMPLIANCE,
        changes=PROJECT_CHANGES,
    ),
    Rule(
        id="project.work_complete",
        description="Every task is complete.",
        applies_to="schedule",
        check=work_complete,
        default_severity=COMPLIANCE,
    ),
)
