"""The DCMA 14-point schedule assessment, one rule per check.

Thresholds are the standard's, as parameter defaults. Counts follow the usual reading of the
standard: the population is incomplete, non-summary, non-milestone tasks ("activities"), and
relationships are those into an incomplete task. Each rule yields at most one finding, about
the project, naming a few offending tasks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import date

from domain.governance.core import DependencySnapshot as Dep
from domain.governance.core import (
    Finding,
    ParameterSpec,
    ProjectSnapshot,
    Rule,
    RuleContext,
    TaskSnapshot,
)
from governance_rules._util import ADVISORY, name_some, percent, working_days

SCHEDULE_CHANGES = ("task.*", "dependency.*", "assignment.*")


def activities(project: ProjectSnapshot) -> list[TaskSnapshot]:
    return [t for t in project.tasks if not t.is_summary and not t.milestone and not t.complete]


def open_relationships(project: ProjectSnapshot) -> list[Dep]:
    open_ids = {t.id for t in project.tasks if not t.is_summary and not t.complete}
    return [d for d in project.dependencies if d.successor_id in open_ids]


def _max_percent(default: float, what: str) -> ParameterSpec:
    return ParameterSpec("max_percent", "float", default, f"Largest acceptable share of {what}, in %.", 0, 100)


def _ratio_check(
    label: str,
    population: Callable[[ProjectSnapshot], Sequence[TaskSnapshot]],
    offends: Callable[[TaskSnapshot, RuleContext], bool],
) -> Callable[[RuleContext], Iterator[Finding]]:
    """A check that fails when the share of offending tasks exceeds ``max_percent``."""

    def check(ctx: RuleContext) -> Iterator[Finding]:
        tasks = population(ctx.project)
        bad = [t for t in tasks if offends(t, ctx)]
        limit = ctx.number("max_percent")
        share = percent(len(bad), len(tasks))
        if bad and share > limit:
            yield Finding(
                f"{label}: {len(bad)} of {len(tasks)} tasks ({share:.1f} %), "
                f"more than {limit:g} % ({name_some(t.name for t in bad)})",
                ctx.project.id,
            )

    return check


def _relationship_check(label: str, offends: Callable[[Dep], bool]) -> Callable[[RuleContext], Iterator[Finding]]:
    def check(ctx: RuleContext) -> Iterator[Finding]:
        links = open_relationships(ctx.project)
        bad = [d for d in links if offends(d)]
        limit = ctx.number("max_percent")
        share = percent(len(bad), len(links))
        if bad and share > limit:
            names = {t.id: t.name for t in ctx.project.tasks}
            shown = (f"{names.get(d.predecessor_id, '?')} -> {names.get(d.successor_id, '?')}" for d in bad)
            yield Finding(
                f"{label}: {len(bad)} of {len(links)} relationships ({share:.1f} %), "
                f"more than {limit:g} % ({name_some(shown)})",
                ctx.project.id,
            )

    return check


def _missing_logic(task: TaskSnapshot, _: RuleContext) -> bool:
    return task.predecessor_count == 0 or task.successor_count == 0


def _hard_constraint(task: TaskSnapshot, ctx: RuleContext) -> bool:
    return (task.constraint_type or "").upper() in ctx.strings("hard_types")


def _high_float(task: TaskSnapshot, ctx: RuleContext) -> bool:
    return task.total_float is not None and task.total_float > ctx.integer("float_days")


def _negative_float(task: TaskSnapshot, _: RuleContext) -> bool:
    return task.total_float is not None and task.total_float < 0


def _high_duration(task: TaskSnapshot, ctx: RuleContext) -> bool:
    return task.duration > ctx.integer("duration_days")


def _no_resources(task: TaskSnapshot, _: RuleContext) -> bool:
    return task.duration > 0 and task.assignment_count == 0


def relationship_types(ctx: RuleContext) -> Iterator[Finding]:
    links = open_relationships(ctx.project)
    fs = sum(1 for d in links if d.type.upper() == "FS")
    minimum = ctx.number("min_fs_percent")
    share = percent(fs, len(links))
    if links and share < minimum:
        yield Finding(
            f"Relationship types: {fs} of {len(links)} relationships are finish-to-start "
            f"({share:.1f} %), fewer than {minimum:g} %",
            ctx.project.id,
        )


def _invalid(task: TaskSnapshot, status: date) -> bool:
    # Actuals cannot be in the future; forecasts cannot be in the past.
    if task.actual_start and task.actual_start > status:
        return True
    if task.actual_finish and task.actual_finish > status:
        return True
    if task.actual_start is None and task.start and task.start < status:
        return True
    return task.actual_finish is None and task.finish is not None and task.finish < status


def invalid_dates(ctx: RuleContext) -> Iterator[Finding]:
    status = ctx.project.status_date
    if status is None:
        return
    bad = [t for t in ctx.project.tasks if not t.is_summary and _invalid(t, status)]
    if len(bad) > ctx.integer("max_count"):
        yield Finding(
            f"Invalid dates: {len(bad)} tasks have actual dates after or forecast dates before "
            f"the status date {status.isoformat()} ({name_some(t.name for t in bad)})",
            ctx.project.id,
        )


def _due_by_status(project: ProjectSnapshot) -> list[TaskSnapshot]:
    status = project.status_date
    if status is None:
        return []
    return [
        t for t in project.tasks if not t.is_summary and t.baseline_finish is not None and t.baseline_finish <= status
    ]


def missed_tasks(ctx: RuleContext) -> Iterator[Finding]:
    due = _due_by_status(ctx.project)
    bad = [
        t
        for t in due
        if t.baseline_finish is not None and ((t.actual_finish or t.finish) or date.max) > t.baseline_finish
    ]
    limit = ctx.number("max_percent")
    share = percent(len(bad), len(due))
    if bad and share > limit:
        yield Finding(
            f"Missed tasks: {len(bad)} of {len(due)} tasks due by the status date finished or "
            f"will finish after their baseline ({share:.1f} %, more than {limit:g} %; "
            f"{name_some(t.name for t in bad)})",
            ctx.project.id,
        )


def baseline_execution_index(ctx: RuleContext) -> Iterator[Finding]:
    due = _due_by_status(ctx.project)
    if not due:
        return
    done = sum(1 for t in ctx.project.tasks if not t.is_summary and t.complete)
    bei = done / len(due)
    minimum = ctx.number("min_index")
    if bei < minimum:
        yield Finding(
            f"BEI {bei:.2f} below {minimum:g}: {done} tasks complete, {len(due)} were due "
            "by the status date per baseline",
            ctx.project.id,
        )


def _project_finish(project: ProjectSnapshot) -> date | None:
    finishes = [t.finish for t in project.tasks if t.finish is not None]
    return project.finish_date or (max(finishes) if finishes else None)


def critical_path_length_index(ctx: RuleContext) -> Iterator[Finding]:
    project = ctx.project
    finish = _project_finish(project)
    if finish is None:
        return
    origin = project.status_date or project.start_date
    length = working_days(origin, finish) + 1  # the finish day is worked
    if length <= 0:
        return
    if project.baseline_finish is not None:
        # Float against the baseline finish: negative when forecast to finish late.
        path_float = working_days(finish, project.baseline_finish)
    else:
        floats = [t.total_float for t in project.tasks if t.critical and not t.complete and t.total_float is not None]
        path_float = min(floats) if floats else 0
    cpli = (length + path_float) / length
    minimum = ctx.number("min_index")
    if cpli < minimum:
        yield Finding(
            f"CPLI {cpli:.2f} below {minimum:g}: critical path of {length} working days "
            f"with {path_float} days of float",
            project.id,
        )


def critical_path_test(ctx: RuleContext) -> Iterator[Finding]:
    """Structural form of the DCMA critical path test: the critical path must run unbroken
    from a task without predecessors to a task that finishes the project, so a delay on it
    moves the finish. (The standard delays a task and re-schedules; a rule only reads the
    computed schedule, so it checks the chain that makes that true.)"""
    project = ctx.project
    tasks = {t.id: t for t in project.tasks if not t.is_summary}
    critical = {i for i, t in tasks.items() if t.critical and not t.complete}
    if not [t for t in tasks.values() if not t.complete]:
        return
    if not critical:
        yield Finding("Critical path test: the schedule has no critical path", project.id)
        return
    preds: dict[str, list[str]] = {i: [] for i in tasks}
    for d in project.dependencies:
        if d.successor_id in preds and d.predecessor_id in tasks:
            preds[d.successor_id].append(d.predecessor_id)
    finish = _project_finish(project)
    ends = [i for i in critical if finish is None or tasks[i].finish == finish]
    if not ends:
        yield Finding(
            "Critical path test: no critical task finishes on the project finish date",
            project.id,
        )
        return
    seen: set[str] = set()
    stack = list(ends)
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        # A completed predecessor no longer drives the path: the chain may start here.
        live = [p for p in preds[current] if not tasks[p].complete]
        if not live:
            return  # reached the start of an unbroken critical chain
        stack.extend(p for p in live if p in critical)
    names = name_some(tasks[i].name for i in sorted(seen))
    yield Finding(
        f"Critical path test: the critical path is broken; {names} are critical but are driven by non-critical tasks",
        project.id,
    )


def _rule(
    id_: str,
    description: str,
    check: Callable[[RuleContext], Iterator[Finding]],
    *parameters: ParameterSpec,
    applies_to: str = "schedule",
) -> Rule:
    return Rule(
        id=f"dcma.{id_}",
        description=f"DCMA 14-point: {description}",
        applies_to=applies_to,
        check=check,
        parameters=parameters,
        default_severity=ADVISORY,
        changes=SCHEDULE_CHANGES,
    )


RULES: tuple[Rule, ...] = (
    _rule(
        "missing_logic",
        "incomplete tasks without a predecessor or a successor, at most 5 %.",
        _ratio_check("Missing logic", activities, _missing_logic),
        _max_percent(5.0, "tasks missing logic"),
    ),
    _rule(
        "leads",
        "relationships with a negative lag (lead), 0 %.",
        _relationship_check("Leads", lambda d: d.lag < 0),
        _max_percent(0.0, "relationships with leads"),
        applies_to="dependency",
    ),
    _rule(
        "lags",
        "relationships with a positive lag, at most 5 %.",
        _relationship_check("Lags", lambda d: d.lag > 0),
        _max_percent(5.0, "relationships with lags"),
        applies_to="dependency",
    ),
    _rule(
        "relationship_types",
        "finish-to-start relationships, at least 90 %.",
        relationship_types,
        ParameterSpec("min_fs_percent", "float", 90.0, "Smallest share of FS links, in %.", 0, 100),
        applies_to="dependency",
    ),
    _rule(
        "hard_constraints",
        "tasks with a hard date constraint (MSO, MFO, SNLT, FNLT), at most 5 %.",
        _ratio_check("Hard constraints", activities, _hard_constraint),
        _max_percent(5.0, "tasks with hard constraints"),
        ParameterSpec(
            "hard_types",
            "str_list",
            ("MSO", "MFO", "SNLT", "FNLT"),
            "Constraint types counted as hard.",
            choices=("ASAP", "ALAP", "SNET", "SNLT", "FNET", "FNLT", "MSO", "MFO"),
        ),
    ),
    _rule(
        "high_float",
        "tasks with total float above 44 working days, at most 5 %.",
        _ratio_check("High float", activities, _high_float),
        _max_percent(5.0, "tasks with high float"),
        ParameterSpec("float_days", "int", 44, "Float above this many days is high.", 0),
    ),
    _rule(
        "negative_float",
        "tasks with negative total float, 0 %.",
        _ratio_check("Negative float", activities, _negative_float),
        _max_percent(0.0, "tasks with negative float"),
    ),
    _rule(
        "high_duration",
        "tasks longer than 44 working days, at most 5 %.",
        _ratio_check("High duration", activities, _high_duration),
        _max_percent(5.0, "tasks with high duration"),
        ParameterSpec("duration_days", "int", 44, "Durations above this are high.", 1),
    ),
    _rule(
        "invalid_dates",
        "no actual dates after, and no forecast dates before, the status date.",
        invalid_dates,
        ParameterSpec("max_count", "int", 0, "Largest acceptable number of tasks.", 0),
    ),
    _rule(
        "resources",
        "incomplete tasks with duration but no resource assigned, 0 %.",
        _ratio_check("Resources", activities, _no_resources),
        _max_percent(0.0, "tasks without resources"),
    ),
    _rule(
        "missed_tasks",
        "tasks due by the status date (baseline) that finished late, at most 5 %.",
        missed_tasks,
        _max_percent(5.0, "missed tasks"),
    ),
    _rule(
        "critical_path_test",
        "the critical path runs unbroken to the project finish.",
        critical_path_test,
    ),
    _rule(
        "cpli",
        "critical path length index at least 0.95.",
        critical_path_length_index,
        ParameterSpec("min_index", "float", 0.95, "Smallest acceptable CPLI.", 0),
    ),
    _rule(
        "bei",
        "baseline execution index at least 0.95.",
        baseline_execution_index,
        ParameterSpec("min_index", "float", 0.95, "Smallest acceptable BEI.", 0),
    ),
)
