"""Admin-authored rules in CEL (Common Expression Language, via ``cel-python``).

CEL is side-effect free, has no I/O, no imports and no unbounded loops, so an admin's rule
cannot touch the server; Python's ``eval`` is never used. An expression states what must hold
and is evaluated over a plain view of the project (:func:`project_view`, documented in
``docs/governance.md``); when it is false the rule reports its message.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Mapping
from datetime import date
from functools import lru_cache
from typing import Any

import celpy
from celpy import celtypes
from celpy.adapter import json_to_cel
from celpy.celparser import CELParseError
from celpy.evaluation import CELEvalError

from domain.governance.core import (
    ConfigProblem,
    DependencySnapshot,
    ExpressionRuleDefinition,
    Finding,
    PmoType,
    ProjectSnapshot,
    RiskSnapshot,
    Rule,
    RuleContext,
    TaskSnapshot,
)
from governance_rules._util import working_days

MAX_LENGTH = 2000
"""Characters; keeps parsing and evaluation cheap and the rule readable."""

SUBJECTS = ("project", "task", "risk", "dependency")
RULE_ID = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")


class ExpressionError(Exception):
    """An expression could not be compiled or evaluated; the message says why."""


def _day(value: date | None) -> str:
    # ISO strings compare correctly as strings and are easy to write in a rule.
    return value.isoformat() if value else ""


def task_view(task: TaskSnapshot) -> dict[str, Any]:
    return {
        "id": task.id,
        "name": task.name,
        "duration": task.duration,
        "milestone": task.milestone,
        "summary": task.is_summary,
        "critical": task.critical,
        "total_float": task.total_float or 0,
        "free_float": task.free_float or 0,
        "percent_complete": float(task.percent_complete),
        "complete": task.complete,
        "start": _day(task.start),
        "finish": _day(task.finish),
        "baseline_finish": _day(task.baseline_finish),
        "constraint_type": task.constraint_type or "",
        "assignment_count": task.assignment_count,
        "over_allocated": task.over_allocated,
        "predecessor_count": task.predecessor_count,
        "successor_count": task.successor_count,
    }


def risk_view(risk: RiskSnapshot) -> dict[str, Any]:
    return {
        "id": risk.id,
        "title": risk.title,
        "probability": float(risk.probability),
        "impact": risk.impact,
        "score": float(risk.score),
        "owner": risk.owner or "",
        "mitigation": risk.mitigation or "",
        "status": risk.status,
    }


def dependency_view(dep: DependencySnapshot) -> dict[str, Any]:
    return {
        "id": dep.id,
        "predecessor_id": dep.predecessor_id,
        "successor_id": dep.successor_id,
        "type": dep.type,
        "lag": dep.lag,
    }


def project_view(project: ProjectSnapshot) -> dict[str, Any]:
    """The ``project`` variable of an expression. Absent values are ``""``/``0`` with a
    ``has_*`` flag, because CEL comparisons with null are errors, not false."""
    work = [t for t in project.tasks if not t.is_summary]
    floats = [t.total_float for t in work if t.total_float is not None]
    total_duration = sum(t.duration for t in work)
    finish, baseline = project.finish_date, project.baseline_finish
    return {
        "id": project.id,
        "key": project.key,
        "name": project.name,
        "description": project.description,
        "objectives": project.objectives,
        "scope": project.scope,
        "phase": project.phase,
        "pmo_type": project.pmo_type.value,
        "methodology": project.methodology,
        "manager": project.manager or "",
        "has_manager": bool(project.manager),
        # CEL has no decimal type: amounts are doubles here (exact to the cent below 2**53 cents),
        # compared with double literals such as 1000000.0; the snapshot itself keeps Decimals.
        "budget": float(project.budget or 0),
        "has_budget": project.budget is not None,
        "revenue": float(project.revenue or 0),
        "currency": project.currency,
        "priority": project.priority or 0,
        "start_date": _day(project.start_date),
        "status_date": _day(project.status_date),
        "finish_date": _day(finish),
        "baseline_finish": _day(baseline),
        "days_late": working_days(baseline, finish) if finish and baseline else 0,
        "duration_days": working_days(project.start_date, finish) + 1 if finish else 0,
        "task_count": len(work),
        "milestone_count": sum(1 for t in work if t.milestone),
        "critical_task_count": sum(1 for t in work if t.critical),
        "complete_task_count": sum(1 for t in work if t.complete),
        "percent_complete": (
            sum(t.duration * t.percent_complete for t in work) / total_duration if total_duration else 0.0
        ),
        "min_total_float": min(floats, default=0),
        "max_total_float": max(floats, default=0),
        "negative_float_count": sum(1 for f in floats if f < 0),
        "risk_count": len(project.risks),
        "open_risk_count": sum(1 for r in project.risks if r.status.upper() != "CLOSED"),
        "max_risk_score": max((float(r.score) for r in project.risks), default=0.0),
        "overallocated_resource_count": len(project.over_allocations),
        "overallocated_days": sum(len(o.days) for o in project.over_allocations),
        "tasks": [task_view(t) for t in work],
        "risks": [risk_view(r) for r in project.risks],
        "dependencies": [dependency_view(d) for d in project.dependencies],
    }


_ITEMS = {"task": "tasks", "risk": "risks", "dependency": "dependencies"}

# One parser for the process; lark parsers are not documented as thread-safe.
_environment = celpy.Environment()
_lock = threading.Lock()


@lru_cache(maxsize=512)
def compile_expression(expression: str) -> celpy.Runner:
    """A runnable program, or :class:`ExpressionError` with the parser's pointer to the
    error."""
    if not expression.strip():
        raise ExpressionError("the expression is empty")
    if len(expression) > MAX_LENGTH:
        raise ExpressionError(f"the expression is longer than {MAX_LENGTH} characters")
    try:
        with _lock:
            return _environment.program(_environment.compile(expression))
    except CELParseError as err:
        raise ExpressionError(f"invalid expression: {err.args[0].strip()}") from err


def _describe(err: CELEvalError) -> str:
    # celpy appends the whole activation to "undeclared reference" errors: keep the gist.
    text = str(err.args[0]) if err.args else "evaluation failed"
    return text.split(" (in activation")[0]


def evaluate(expression: str, variables: Mapping[str, Any]) -> bool:
    """Evaluate over already-built views; :class:`ExpressionError` for any run-time failure
    or a result that is not a boolean."""
    return _evaluate(expression, {name: json_to_cel(v) for name, v in variables.items()})


def _evaluate(expression: str, activation: Mapping[str, Any]) -> bool:
    program = compile_expression(expression)
    try:
        result = program.evaluate(dict(activation))
    except CELEvalError as err:
        raise ExpressionError(_describe(err)) from err
    # Some errors come back as values rather than being raised.
    if isinstance(result, CELEvalError):
        raise ExpressionError(_describe(result))
    if not isinstance(result, celtypes.BoolType):
        raise ExpressionError(f"the expression gave {type(result).__name__}, not a boolean")
    return bool(result)


@lru_cache(maxsize=8)
def _cached_view(project: ProjectSnapshot) -> tuple[dict[str, Any], Any]:
    # The view and its CEL form are built once per snapshot, not once per rule or per item:
    # a task rule over n tasks would otherwise convert the whole project n times. Snapshots
    # are frozen and hashable; the cached values are never mutated.
    view = project_view(project)
    return view, json_to_cel(view)


def _check(definition: ExpressionRuleDefinition, ctx: RuleContext) -> Iterator[Finding]:
    view, project = _cached_view(ctx.project)
    if definition.applies_to == "project":
        if not _evaluate(definition.expression, {"project": project}):
            yield Finding(definition.message, ctx.project.id)
        return
    for item in view[_ITEMS[definition.applies_to]]:
        activation = {"project": project, definition.applies_to: json_to_cel(item)}
        if not _evaluate(definition.expression, activation):
            label = item.get("name") or item.get("title") or item["id"]
            yield Finding(f"{definition.message} ({label})", item["id"])


def expression_rule(definition: ExpressionRuleDefinition) -> Rule:
    """A catalog rule from a definition: checked on every change and at every gate, at the
    definition's severity whatever the PMO type."""

    def check(ctx: RuleContext) -> Iterator[Finding]:
        return _check(definition, ctx)

    return Rule(
        id=definition.rule_id,
        description=f"Expression rule: {definition.expression}",
        applies_to=definition.applies_to,
        check=check,
        default_severity=dict.fromkeys(PmoType, definition.severity),
        changes=("*",),
        gates=("*",),
        enabled_by_default=definition.enabled,
    )


_SAMPLE = ProjectSnapshot(
    id="sample",
    key="S",
    name="Sample",
    phase="Planning",
    pmo_type=PmoType.CONTROLLING,
    methodology="Default",
    start_date=date(2025, 1, 6),
    portfolio_id="sample",
    finish_date=date(2025, 1, 10),
    tasks=(TaskSnapshot("t", "Task", 5, finish=date(2025, 1, 10), total_float=0),),
    dependencies=(DependencySnapshot("d", "t", "t"),),
    risks=(RiskSnapshot("r", "Risk", 0.5, 3),),
)


def check_definition(definition: ExpressionRuleDefinition) -> list[ConfigProblem]:
    """Problems with a ``defineRule`` input: id, subject, message, syntax, and names the view
    does not have (found by a trial run over a sample project)."""
    problems = []
    if not RULE_ID.match(definition.rule_id):
        problems.append(
            ConfigProblem(
                ("ruleId",),
                f"rule id {definition.rule_id!r} must be dotted lower-case words, e.g. 'custom.budget_cap'",
                "INVALID_RULE_ID",
            )
        )
    if definition.applies_to not in SUBJECTS:
        problems.append(
            ConfigProblem(
                ("appliesTo",),
                f"appliesTo must be one of {', '.join(SUBJECTS)}, not {definition.applies_to!r}",
                "INVALID_APPLIES_TO",
            )
        )
    if not definition.message.strip():
        problems.append(ConfigProblem(("message",), "the message is empty", "INVALID_MESSAGE"))
    try:
        compile_expression(definition.expression)
    except ExpressionError as err:
        problems.append(ConfigProblem(("expression",), str(err), "INVALID_EXPRESSION"))
        return problems
    if definition.applies_to in SUBJECTS:
        problems.extend(_trial_run(definition))
    return problems


def _trial_run(definition: ExpressionRuleDefinition) -> list[ConfigProblem]:
    try:
        list(_check(definition, RuleContext(_SAMPLE, {})))
    except ExpressionError as err:
        message = str(err)
        # Only mistakes in the expression itself are refused; a failure that depends on
        # the data (a division by zero in the sample) may not happen on real projects.
        if "no such member" in message or "undeclared reference" in message or ("not a boolean" in message):
            return [
                ConfigProblem(
                    ("expression",),
                    f"the expression does not fit the project view: {message}",
                    "INVALID_EXPRESSION",
                )
            ]
    return []
