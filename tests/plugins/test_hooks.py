"""One test per hook, through a plugin that implements them all (``test_docs`` checks that
every hook in ``plugins/hookspecs.py`` has a ``test_hook_<name>`` here)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from domain.governance.core import (
    Change,
    GateOutcome,
    GovernanceEvent,
    PmoType,
    PortfolioRules,
    Severity,
)
from plugins import Governance
from tests.domain.governance.core.factories import sound_project
from tests.plugins.every_hook_plugin import EveryHookPlugin

NONE = PortfolioRules()


def test_hook_pmo_register_methodologies(governance_with_plugin: Governance) -> None:
    names = [m.name for m in governance_with_plugin.methodologies()]
    assert names == ["Test Lifecycle", "Default"]  # installed plugins first


def test_hook_pmo_declare_rules(governance_with_plugin: Governance) -> None:
    [descriptor] = [d for d in governance_with_plugin.rule_catalog() if d.id == "test.no_placeholder_name"]
    assert descriptor.source == "every_hook"
    assert descriptor.parameters_json()["placeholders"]["default"] == ["TODO", "TBD"]


def test_hook_pmo_default_rules(governance_with_plugin: Governance) -> None:
    def severity(pmo_type: PmoType) -> Severity:
        [rule] = [
            r for r in governance_with_plugin.rules_in_force(pmo_type, NONE) if r.rule_id == "test.no_placeholder_name"
        ]
        return rule.severity

    assert severity(PmoType.CONTROLLING) is Severity.BLOCKING
    assert severity(PmoType.SUPPORTIVE) is Severity.WARNING  # the rule's declared default


def test_hook_pmo_validate(governance_with_plugin: Governance, every_hook: EveryHookPlugin) -> None:
    project = sound_project()
    [violation] = governance_with_plugin.validate(project, Change("task.deleted", "T2"), NONE)
    assert violation.rule_id == "test.keep_tasks" and violation.subject_id == "T2"
    assert governance_with_plugin.validate(project, Change("task.updated", "T2"), NONE) == []
    assert every_hook.validated[-1] == ("task.updated", 22)  # saw the whole rule set


def test_hook_pmo_gate(governance_with_plugin: Governance) -> None:
    frozen = sound_project(key="FROZEN")
    decision = governance_with_plugin.gate(frozen, "Initiation", "Planning", NONE)
    assert decision.outcome is GateOutcome.DENY
    assert decision.reasons == ("FROZEN is frozen; it cannot enter Planning",)


def test_hook_pmo_gate_with_the_plugin_methodology(governance_with_plugin: Governance) -> None:
    project = sound_project(methodology="Test Lifecycle", phase="Idea", name="TODO")
    decision = governance_with_plugin.gate(project, "Idea", "Build", NONE)
    assert decision.outcome is GateOutcome.DENY  # controlling: the plugin's rule blocks
    assert decision.violations[0].rule_id == "test.no_placeholder_name"
    named = replace(project, name="Real name")
    assert governance_with_plugin.gate(named, "Idea", "Build", NONE).allowed


def test_hook_pmo_report(governance_with_plugin: Governance) -> None:
    sections = governance_with_plugin.report(sound_project(), NONE)
    assert sections[0].title == "Test" and sections[0].source == "every_hook"


def test_hook_pmo_on_event(governance_with_plugin: Governance, every_hook: EveryHookPlugin) -> None:
    event = GovernanceEvent("task.updated", "T1", datetime(2025, 1, 6, tzinfo=UTC), project=sound_project())
    governance_with_plugin.on_event(event)
    assert every_hook.events == [event]
