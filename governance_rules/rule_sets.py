"""Default rule sets (TOML data files, one per PMO type) and the effective rule set.

The rule set in force for a portfolio is built in layers, each overriding the one below:

1. what each rule declares (enabled by default, severity per PMO type, parameter defaults,
   the changes it governs, the gates that check it);
2. default rule sets for the portfolio's PMO type, in plugin order (built-in TOML first, then
   installed plugins' ``pmo_default_rules``);
3. the portfolio's own overrides (``configureRule``).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources
from typing import Any

from domain.governance.core import (
    ConfiguredRule,
    PmoType,
    Rule,
    RuleOverride,
    RuleSetEntry,
    Severity,
)
from governance_rules.schema import check_parameters, defaults


class RuleSetError(ValueError):
    """A default rule set is malformed; the message names the file (or plugin) and the rule."""


def _strings(source: str, rule_id: str, key: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RuleSetError(f"{source}: rule {rule_id!r}: {key} must be a list of strings")
    return tuple(value)


def parse_rule_set(data: Mapping[str, Any], source: str) -> tuple[RuleSetEntry, ...]:
    """Entries from a parsed TOML document ``{rules: {<id>: {enabled, severity, ...}}}``."""
    rules = data.get("rules", {})
    if not isinstance(rules, dict):
        raise RuleSetError(f"{source}: [rules] must be a table")
    entries = []
    allowed = {"enabled", "severity", "parameters", "gates", "changes"}
    for rule_id, body in rules.items():
        if not isinstance(body, dict):
            raise RuleSetError(f"{source}: rule {rule_id!r} must be a table")
        unknown = set(body) - allowed
        if unknown:
            raise RuleSetError(f"{source}: rule {rule_id!r}: unknown keys {sorted(unknown)}")
        enabled = body.get("enabled")
        if enabled is not None and not isinstance(enabled, bool):
            raise RuleSetError(f"{source}: rule {rule_id!r}: enabled must be true or false")
        severity = body.get("severity")
        if severity is not None and severity not in Severity.__members__:
            raise RuleSetError(
                f"{source}: rule {rule_id!r}: severity must be one of "
                f"{', '.join(Severity.__members__)}, not {severity!r}"
            )
        parameters = body.get("parameters", {})
        if not isinstance(parameters, dict):
            raise RuleSetError(f"{source}: rule {rule_id!r}: parameters must be a table")
        entries.append(
            RuleSetEntry(
                rule_id=rule_id,
                enabled=enabled,
                severity=Severity(severity) if severity is not None else None,
                parameters=parameters,
                gates=_strings(source, rule_id, "gates", body["gates"]) if "gates" in body else None,
                changes=_strings(source, rule_id, "changes", body["changes"]) if "changes" in body else None,
            )
        )
    return tuple(entries)


def load_default_rule_set(pmo_type: PmoType) -> tuple[RuleSetEntry, ...]:
    """The built-in default rule set for a PMO type, from ``defaults/<type>.toml``."""
    name = f"{pmo_type.value.lower()}.toml"
    text = resources.files("governance_rules").joinpath("defaults", name).read_text("utf-8")
    return parse_rule_set(tomllib.loads(text), f"governance_rules/defaults/{name}")


def check_rule_set(entries: Iterable[RuleSetEntry], rules: Mapping[str, Rule], source: str) -> list[str]:
    """Problems with a default rule set's parameters; rules not installed are skipped, since
    a rule set may mention rules of plugins that are disabled."""
    problems: list[str] = []
    for entry in entries:
        rule = rules.get(entry.rule_id)
        if rule is not None:
            _, found = check_parameters(entry.rule_id, rule.parameters, entry.parameters)
            problems.extend(f"{source}: {p.message}" for p in found)
    return problems


def effective_rule_set(
    rules: Iterable[Rule],
    pmo_type: PmoType,
    layers: Sequence[Sequence[RuleSetEntry]] = (),
    overrides: Sequence[RuleOverride] = (),
) -> list[ConfiguredRule]:
    """The rule set in force, one :class:`ConfiguredRule` per rule, in catalog order.

    Invalid parameter values in a layer are skipped (the layer below stays in force):
    ``configureRule`` refuses them, so they only appear when a rule's schema changed after
    they were stored, and a stale setting must not take governance down.
    """
    by_rule: dict[str, list[RuleSetEntry]] = {}
    for layer in layers:
        for entry in layer:
            by_rule.setdefault(entry.rule_id, []).append(entry)
    by_override = {o.rule_id: o for o in overrides}
    out = []
    for rule in rules:
        enabled = rule.enabled_by_default
        severity = rule.default_severity.get(pmo_type, Severity.WARNING)
        parameters = defaults(rule.parameters)
        gates, changes = rule.gates, rule.changes
        for entry in by_rule.get(rule.id, ()):
            enabled = enabled if entry.enabled is None else entry.enabled
            severity = entry.severity or severity
            parameters.update(check_parameters(rule.id, rule.parameters, entry.parameters)[0])
            gates = gates if entry.gates is None else entry.gates
            changes = changes if entry.changes is None else entry.changes
        override = by_override.get(rule.id)
        if override is not None:
            enabled = override.enabled
            severity = override.severity or severity
            parameters.update(check_parameters(rule.id, rule.parameters, override.parameters)[0])
        out.append(ConfiguredRule(rule.id, enabled, severity, parameters, gates, changes))
    return out
