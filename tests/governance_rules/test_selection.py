from __future__ import annotations

from domain.governance.core import ConfiguredRule, GateSpec, Methodology, Severity
from governance_rules.selection import for_assessment, for_change, for_gate, in_force

LIFECYCLE = Methodology("M", "", ("A", "B", "C"), gates=(GateSpec("B", requires=("gated",)), GateSpec("C")))


def _rule(
    rule_id: str, enabled: bool = True, gates: tuple[str, ...] = (), changes: tuple[str, ...] = ()
) -> ConfiguredRule:
    return ConfiguredRule(rule_id, enabled, Severity.WARNING, {}, gates, changes)


STANDING = _rule("standing", changes=("task.*",))
GATED = _rule("gated", changes=("project.*",))
EXTRA = _rule("extra", gates=("C",))
EVERY = _rule("every", gates=("*",))
OFF = _rule("off", enabled=False, gates=("*",), changes=("*",))
ALL = [STANDING, GATED, EXTRA, EVERY, OFF]


def _ids(rules: list[ConfiguredRule]) -> list[str]:
    return [r.rule_id for r in rules]


def test_gate_rules() -> None:
    assert _ids(for_gate(ALL, "B", LIFECYCLE)) == ["gated", "every"]
    assert _ids(for_gate(ALL, "C", LIFECYCLE)) == ["extra", "every"]


def test_gate_rules_stand_once_the_gate_is_passed() -> None:
    assert _ids(for_assessment(ALL, "A", LIFECYCLE)) == ["standing", "every"]
    assert _ids(for_assessment(ALL, "B", LIFECYCLE)) == ["standing", "gated", "every"]
    assert _ids(for_assessment(ALL, "C", LIFECYCLE)) == ["standing", "gated", "extra", "every"]


def test_changes_select_by_glob() -> None:
    assert _ids(for_change(ALL, "task.updated", "C", LIFECYCLE)) == ["standing"]
    assert _ids(for_change(ALL, "project.updated", "A", LIFECYCLE)) == []
    assert _ids(for_change(ALL, "project.updated", "B", LIFECYCLE)) == ["gated"]


def test_unknown_phase_or_methodology_checks_everything_enabled() -> None:
    assert in_force(GATED, "Z", LIFECYCLE)
    assert in_force(GATED, "A", None)
    assert not in_force(OFF, "A", None)
