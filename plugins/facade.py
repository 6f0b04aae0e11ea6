"""The one typed facade through which the engine calls plugin hooks.

Nothing else touches ``pm.hook``. The facade calls each implementation itself, in pluggy's
order, so that one plugin's failure is isolated and attributed: at start-up it stops start-up
naming the plugin; at run time it becomes a violation (or a denial, or a logged error), never
a crash of the request. Hook wrappers are therefore not supported on ``pmo_`` hooks.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from typing import Any

import pluggy

from domain.governance.core import (
    Change,
    ConfigProblem,
    ConfiguredRule,
    ExpressionRuleDefinition,
    GateDecision,
    GateOutcome,
    GovernanceEvent,
    Methodology,
    PmoType,
    PortfolioRules,
    ProjectSnapshot,
    ReportSection,
    Rule,
    RuleContext,
    RuleDescriptor,
    RuleOverride,
    RuleSetEntry,
    Severity,
    Violation,
)
from governance_rules import selection
from governance_rules.expressions import check_definition, expression_rule
from governance_rules.rule_sets import check_rule_set, effective_rule_set
from governance_rules.schema import check_parameters
from plugins.errors import PluginStartupError

logger = logging.getLogger(__name__)

_STRICTNESS = {GateOutcome.ALLOW: 0, GateOutcome.REQUIRE_APPROVAL: 1, GateOutcome.DENY: 2}


class _Failed:
    """A hook implementation raised; carries the exception so callers can report it."""

    def __init__(self, error: Exception) -> None:
        self.error = error

    def __str__(self) -> str:
        return f"{type(self.error).__name__}: {self.error}"


class Governance:
    """Governance for the services: implements ``domain.governance.GovernancePort``."""

    def __init__(self, pm: pluggy.PluginManager) -> None:
        self._pm = pm
        self._methodologies: dict[str, Methodology] = {}
        self._rules: dict[str, Rule] = {}
        self._sources: dict[str, str] = {}
        self._defaults: dict[PmoType, list[Sequence[RuleSetEntry]]] = {}
        self._collect_declarations()

    # --- calling hooks --------------------------------------------------------------------

    def _each(self, hook: str, **kwargs: Any) -> Iterator[tuple[str, Any]]:
        """``(plugin name, result or _Failed)`` for each implementation, in call order."""
        caller = getattr(self._pm.hook, hook)
        # pluggy calls the list from the end: tryfirst impls sit last, trylast ones first.
        for impl in reversed(caller.get_hookimpls()):
            if impl.hookwrapper or impl.wrapper:
                continue
            try:
                result = impl.function(*(kwargs[name] for name in impl.argnames))
            except Exception as err:  # isolate: one plugin must not take the others down
                logger.exception("plugin %s failed in %s", impl.plugin_name, hook)
                yield impl.plugin_name, _Failed(err)
            else:
                yield impl.plugin_name, result

    def _declared(self, hook: str, kind: type[Any], **kwargs: Any) -> Iterator[tuple[str, Any]]:
        """Start-up variant of :meth:`_each`: failures and wrong types stop start-up."""
        for plugin, result in self._each(hook, **kwargs):
            if isinstance(result, _Failed):
                raise PluginStartupError(plugin, f"{hook} raised {result}") from result.error
            if result is None:
                continue
            if isinstance(result, str | bytes) or not isinstance(result, Sequence):
                raise PluginStartupError(plugin, f"{hook} must return a list of {kind.__name__}")
            for item in result:
                if not isinstance(item, kind):
                    raise PluginStartupError(plugin, f"{hook} returned {item!r}, not a {kind.__name__}")
                yield plugin, item

    def _collect_declarations(self) -> None:
        for _plugin, methodology in self._declared("pmo_register_methodologies", Methodology):
            # First in call order wins: installed plugins replace built-ins of the same name.
            self._methodologies.setdefault(methodology.name, methodology)
        for plugin, rule in self._declared("pmo_declare_rules", Rule):
            if rule.id in self._rules:
                raise PluginStartupError(
                    plugin,
                    f"declares rule {rule.id!r}, already declared by plugin {self._sources[rule.id]!r}",
                )
            self._rules[rule.id] = rule
            self._sources[rule.id] = plugin
        for pmo_type in PmoType:
            layers = [
                (plugin, entry)
                for plugin, entry in self._declared("pmo_default_rules", RuleSetEntry, pmo_type=pmo_type)
            ]
            by_plugin: dict[str, list[RuleSetEntry]] = {}
            for plugin, entry in layers:
                by_plugin.setdefault(plugin, []).append(entry)
            for plugin, entries in by_plugin.items():
                problems = check_rule_set(entries, self._rules, f"default rules for {pmo_type}")
                if problems:
                    raise PluginStartupError(plugin, "; ".join(problems))
            # Lowest layer first: the last plugin called (a built-in) is the base.
            self._defaults[pmo_type] = list(reversed(list(by_plugin.values())))

    # --- declarations -----------------------------------------------------------------------

    def methodologies(self) -> list[Methodology]:
        return list(self._methodologies.values())

    def methodology(self, name: str) -> Methodology | None:
        return self._methodologies.get(name)

    def rule_catalog(self) -> list[RuleDescriptor]:
        return [rule.descriptor(self._sources[rule.id]) for rule in self._rules.values()]

    def _catalog(self, rules: PortfolioRules) -> dict[str, Rule]:
        catalog = dict(self._rules)
        for definition in rules.expression_rules:
            if definition.rule_id in catalog:
                # defineRule refuses this; it happens when a plugin installed later declares
                # the same id. The plugin's rule wins; the admin sees it in the catalog.
                logger.warning("expression rule %s shadowed by a plugin", definition.rule_id)
                continue
            catalog[definition.rule_id] = expression_rule(definition)
        return catalog

    def _in_force(self, pmo_type: PmoType, rules: PortfolioRules) -> tuple[dict[str, Rule], list[ConfiguredRule]]:
        catalog = self._catalog(rules)
        configured = effective_rule_set(catalog.values(), pmo_type, self._defaults.get(pmo_type, ()), rules.overrides)
        return catalog, configured

    def rules_in_force(self, pmo_type: PmoType, rules: PortfolioRules) -> list[ConfiguredRule]:
        return self._in_force(pmo_type, rules)[1]

    def check_override(
        self,
        override: RuleOverride,
        expression_rules: Sequence[ExpressionRuleDefinition] = (),
    ) -> list[ConfigProblem]:
        """Problems with a ``configureRule`` input. Pass the portfolio's expression rules so
        they can be configured too."""
        rule = self._catalog(PortfolioRules(expression_rules=tuple(expression_rules))).get(override.rule_id)
        if rule is None:
            return [ConfigProblem(("ruleId",), f"no rule {override.rule_id!r} is installed", "UNKNOWN_RULE")]
        return check_parameters(rule.id, rule.parameters, override.parameters)[1]

    def check_expression_rule(self, definition: ExpressionRuleDefinition) -> list[ConfigProblem]:
        problems = check_definition(definition)
        if definition.rule_id in self._rules:
            problems.insert(
                0,
                ConfigProblem(
                    ("ruleId",),
                    f"rule id {definition.rule_id!r} is taken by plugin {self._sources[definition.rule_id]!r}",
                    "DUPLICATE_RULE_ID",
                ),
            )
        return problems

    # --- decisions --------------------------------------------------------------------------

    def _run(
        self,
        selected: Sequence[ConfiguredRule],
        catalog: Mapping[str, Rule],
        project: ProjectSnapshot,
        *,
        change: Change | None = None,
        to_phase: str | None = None,
    ) -> list[Violation]:
        methodology = self.methodology(project.methodology)
        violations = []
        for configured in selected:
            rule = catalog[configured.rule_id]
            context = RuleContext(project, configured.parameters, methodology, change, to_phase)
            try:
                findings = list(rule.check(context))
            except Exception as err:  # a broken rule is a finding about that rule, not a 500
                logger.exception("rule %s failed", rule.id)
                violations.append(
                    Violation(
                        rule.id,
                        configured.severity,
                        f"Rule {rule.id} could not be checked: {type(err).__name__}: {err}",
                        project.id,
                    )
                )
                continue
            violations.extend(Violation(rule.id, configured.severity, f.message, f.subject_id) for f in findings)
        return violations

    def _validate_state(
        self,
        project: ProjectSnapshot,
        change: Change,
        catalog: Mapping[str, Rule],
        configured: Sequence[ConfiguredRule],
    ) -> list[Violation]:
        methodology = self.methodology(project.methodology)
        selected = selection.for_change(configured, change.kind, project.phase, methodology)
        violations = self._run(selected, catalog, project, change=change)
        for plugin, result in self._each("pmo_validate", project=project, change=change, rules=tuple(configured)):
            if isinstance(result, _Failed):
                violations.append(
                    Violation(
                        f"plugin:{plugin}",
                        Severity.BLOCKING,
                        f"Plugin {plugin} could not validate the change: {result}",
                        project.id,
                    )
                )
            elif result:
                violations.extend(v for v in result if isinstance(v, Violation))
        return violations

    def validates(
        self, pmo_type: PmoType, methodology: str, phase: str, change_kind: str, rules: PortfolioRules
    ) -> bool:
        """Whether :meth:`validate` would look at a project for a change of ``change_kind``: a
        rule in force selects the change, or a plugin validates every change. Building a
        snapshot costs time in proportion to the project, so the engine asks first."""
        if self._pm.hook.pmo_validate.get_hookimpls():
            return True
        _catalog, configured = self._in_force(pmo_type, rules)
        return bool(selection.for_change(configured, change_kind, phase, self.methodology(methodology)))

    def validate(
        self,
        project: ProjectSnapshot,
        change: Change,
        rules: PortfolioRules,
        *,
        previous: ProjectSnapshot | None = None,
    ) -> list[Violation]:
        """Violations of the state after ``change``; any BLOCKING one refuses the change.

        With ``previous`` (the state before the change), a BLOCKING violation that was
        already there (same rule, same subject) is reported as a WARNING: a change is refused
        for what it breaks, not for what was broken before, so a project can be repaired one
        change at a time.
        """
        catalog, configured = self._in_force(project.pmo_type, rules)
        violations = self._validate_state(project, change, catalog, configured)
        if previous is None or not any(v.blocking for v in violations):
            return violations
        before = {
            (v.rule_id, v.subject_id) for v in self._validate_state(previous, change, catalog, configured) if v.blocking
        }
        return [
            replace(v, severity=Severity.WARNING, message=f"{v.message} (already so before this change)")
            if v.blocking and (v.rule_id, v.subject_id) in before
            else v
            for v in violations
        ]

    def _lifecycle_problem(
        self, project: ProjectSnapshot, methodology: Methodology | None, frm: str, to: str
    ) -> str | None:
        if methodology is None:
            return f"Unknown methodology {project.methodology!r}"
        if frm != project.phase:
            return f"The project is in {project.phase}, not {frm}"
        if methodology.position(to) is None:
            return f"{to} is not a phase of {methodology.name} ({', '.join(methodology.phases)})"
        here, there = methodology.position(frm), methodology.position(to)
        if here is None:
            return None  # a phase from an older methodology: let it move onto the lifecycle
        if there == here:
            return f"The project is already in {to}"
        if there is not None and there > here + 1:
            return f"{to} cannot be entered from {frm}: {methodology.phases[here + 1]} comes first"
        return None

    def gate(self, project: ProjectSnapshot, from_phase: str, to_phase: str, rules: PortfolioRules) -> GateDecision:
        """Decide a transition. Forward moves go one phase at a time and run the gate's rules;
        moving back (rework) runs no rules but still asks the plugins."""
        methodology = self.methodology(project.methodology)
        problem = self._lifecycle_problem(project, methodology, from_phase, to_phase)
        if problem is not None or methodology is None:
            return GateDecision.deny(problem or "Unknown methodology")
        forward = (methodology.position(to_phase) or 0) > (methodology.position(from_phase) or -1)
        violations: list[Violation] = []
        if forward:
            catalog, configured = self._in_force(project.pmo_type, rules)
            selected = selection.for_gate(configured, to_phase, methodology)
            violations = self._run(selected, catalog, project, to_phase=to_phase)
        decisions = (
            [GateDecision.deny(*(f"{v.rule_id}: {v.message}" for v in violations if v.blocking))]
            if any(v.blocking for v in violations)
            else []
        )
        for plugin, result in self._each(
            "pmo_gate",
            project=project,
            from_phase=from_phase,
            to_phase=to_phase,
            methodology=methodology,
            violations=tuple(violations),
        ):
            if isinstance(result, _Failed):
                decisions.append(GateDecision.deny(f"Plugin {plugin} failed: {result}"))
            elif isinstance(result, GateDecision):
                decisions.append(result)
        outcome = max((d.outcome for d in decisions), key=_STRICTNESS.__getitem__, default=GateOutcome.ALLOW)
        reasons = tuple(r for d in decisions if d.outcome is outcome for r in d.reasons)
        return GateDecision(outcome, reasons, tuple(violations))

    def assess(self, project: ProjectSnapshot, rules: PortfolioRules) -> list[Violation]:
        """Findings of every rule in force for the project's current phase."""
        catalog, configured = self._in_force(project.pmo_type, rules)
        methodology = self.methodology(project.methodology)
        selected = selection.for_assessment(configured, project.phase, methodology)
        return self._run(selected, catalog, project)

    def report(self, project: ProjectSnapshot, rules: PortfolioRules) -> list[ReportSection]:
        violations = tuple(self.assess(project, rules))
        sections = []
        for plugin, result in self._each("pmo_report", project=project, violations=violations):
            if isinstance(result, _Failed):
                sections.append(ReportSection(f"{plugin} failed", lines=(str(result),), source=plugin))
            elif result:
                sections.extend(replace(s, source=plugin) for s in result if isinstance(s, ReportSection))
        return sections

    def on_event(self, event: GovernanceEvent) -> None:
        # Failures are logged by _each; the change is committed, so nothing else to do.
        for _ in self._each("pmo_on_event", event=event):
            pass
