"""Hook specifications: everything a governance plugin can implement.

Grouped by lifecycle: declarations (called once at start-up), decisions (called for each
change or phase transition, inside the request's transaction), and notifications (after
commit). Every hook is synchronous and receives read-only values (frozen dataclasses from
``domain.governance``), so a plugin can neither block the event loop nor write around the
transaction. Implement any subset; argument names must match, but an implementation may
accept only the arguments it needs.

The engine calls hooks only through ``plugins.facade.Governance``. Implementations run in
pluggy's order: installed plugins first, then the built-ins (marked ``trylast``).
"""

from __future__ import annotations

from collections.abc import Sequence

from domain.governance.core import (
    Change,
    ConfiguredRule,
    GateDecision,
    GovernanceEvent,
    Methodology,
    PmoType,
    ProjectSnapshot,
    ReportSection,
    Rule,
    RuleSetEntry,
    Violation,
)
from plugins.markers import hookspec

# --- Declarations: called once when the facade is built (start-up) -----------------------


@hookspec
def pmo_register_methodologies() -> Sequence[Methodology] | None:
    """Return methodologies this plugin provides: name, description, phases in lifecycle order,
    and the gate into each phase with the rule ids that gate requires.

    Combining: all results are collected. When two plugins register the same name, the first
    in call order wins, which lets an installed plugin replace a built-in methodology.
    """


@hookspec
def pmo_declare_rules() -> Sequence[Rule] | None:
    """Return rules this plugin provides: id, description, what they apply to, parameter
    schema with defaults, default severity per PMO type, the changes they govern and a pure
    check function ``(RuleContext) -> Iterable[Finding]``.

    Combining: all results are collected into the rule catalog. Rule ids are global: two
    plugins declaring the same id stop start-up with an error naming both plugins.
    """


@hookspec
def pmo_default_rules(pmo_type: PmoType) -> Sequence[RuleSetEntry] | None:
    """Return default rule-set entries for portfolios of ``pmo_type`` (enable or disable a
    rule, set its severity, parameters, gates and governed changes), or ``None``.

    Combining: layered. Entries are applied from the last implementation called to the
    first, so installed plugins override the built-in defaults field by field; a portfolio's
    own ``configureRule`` settings override them all.
    """


# --- Decisions: called inside the transaction of a change or a phase transition ----------


@hookspec
def pmo_validate(
    project: ProjectSnapshot, change: Change, rules: Sequence[ConfiguredRule]
) -> Sequence[Violation] | None:
    """Check a proposed change. ``project`` is the state after the change (schedule
    recomputed), ``change`` describes it, ``rules`` is the portfolio's effective rule set.

    Catalog rules are run by the engine itself; implement this hook for checks that are not
    catalog rules. Return violations (``rule_id`` should be one of yours).

    Combining: all violations are collected. Any BLOCKING violation refuses the change. An
    implementation that raises is reported as a BLOCKING violation with rule id
    ``plugin:<name>`` (a governance check that cannot run must not pass silently).
    """


@hookspec
def pmo_gate(
    project: ProjectSnapshot,
    from_phase: str,
    to_phase: str,
    methodology: Methodology,
    violations: Sequence[Violation],
) -> GateDecision | None:
    """Decide a phase transition of ``project`` from ``from_phase`` to ``to_phase`` under
    ``methodology``. ``violations`` are the findings of the rules the gate checks.

    Return ``GateDecision.allow()`` or ``None`` to let it pass, ``GateDecision.deny(reason,
    ...)`` to refuse it, or ``GateDecision.require_approval(reason, ...)`` to have the PMO
    decide (the service then creates a pending gate request).

    Combining: every veto counts. The strictest outcome wins (deny over require approval over
    allow) and the reasons of every plugin with that outcome are kept. The engine itself
    denies when a violation is BLOCKING. An implementation that raises denies the gate.
    """


@hookspec
def pmo_report(project: ProjectSnapshot, violations: Sequence[Violation]) -> Sequence[ReportSection] | None:
    """Contribute sections (KPIs and lines) to the project's status report. ``violations``
    are the project's current governance findings.

    Combining: all sections are collected in call order; ``source`` is set to the plugin's
    name. An implementation that raises contributes a section saying so.
    """


# --- Notifications: called after commit ---------------------------------------------------


@hookspec
def pmo_on_event(event: GovernanceEvent) -> None:
    """React to a committed change (the audit-log event: kind, subject, actor, data, and a
    project snapshot when the event concerns a project), e.g. to notify people who depend on
    a slipping milestone. The return value is ignored.

    Combining: every implementation is called. One that raises is logged and does not stop
    the others; the change is already committed.
    """
