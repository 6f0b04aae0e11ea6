from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest

from domain.governance.core import (
    Change,
    ConfiguredRule,
    GateDecision,
    GateOutcome,
    GateSpec,
    GovernanceEvent,
    Methodology,
    RiskSnapshot,
    Severity,
    TaskSnapshot,
    Violation,
)
from tests.domain.governance.core.factories import sound_project, workday

LIFECYCLE = Methodology("M", "d", ("A", "B", "C"), gates=(GateSpec("B", requires=("r1",)), GateSpec("C")))


def test_methodology_positions_and_gates() -> None:
    assert LIFECYCLE.position("B") == 1
    assert LIFECYCLE.position("Z") is None
    assert LIFECYCLE.gate_into("B") == GateSpec("B", requires=("r1",))
    assert LIFECYCLE.gate_into("A") is None
    assert [g.to_phase for g in LIFECYCLE.gates_passed("A")] == []
    assert [g.to_phase for g in LIFECYCLE.gates_passed("C")] == ["B", "C"]
    assert LIFECYCLE.gates_passed("Z") == ()


@pytest.mark.parametrize(
    ("phases", "gates", "error"),
    [
        ((), (), "no phases"),
        (("A", "A"), (), "repeats"),
        (("A",), (GateSpec("B"),), "unknown phases"),
    ],
)
def test_methodology_refuses_inconsistent_lifecycles(
    phases: tuple[str, ...], gates: tuple[GateSpec, ...], error: str
) -> None:
    with pytest.raises(ValueError, match=error):
        Methodology("M", "d", phases, gates)


def test_snapshots_are_frozen() -> None:
    project = sound_project()
    with pytest.raises(dataclasses.FrozenInstanceError):
        project.name = "other"  # type: ignore[misc]  # the point of the test


def test_change_payloads_cannot_be_edited() -> None:
    source = {"duration": 3}
    change = Change("task.updated", "T1", before=source, after={"duration": 4})
    source["duration"] = 99
    assert change.before["duration"] == 3
    with pytest.raises(TypeError):
        change.after["duration"] = 5  # type: ignore[index]  # read-only by design


def test_event_data_is_read_only() -> None:
    event = GovernanceEvent("task.updated", "T1", datetime(2025, 1, 1, tzinfo=UTC), data={"a": 1})
    with pytest.raises(TypeError):
        event.data["a"] = 2  # type: ignore[index]  # read-only by design


def test_derived_values() -> None:
    assert RiskSnapshot("R", "r", 0.5, 4).score == 2.0
    assert TaskSnapshot("T", "t", 1, percent_complete=100).complete
    assert TaskSnapshot("T", "t", 1, actual_finish=workday(0)).complete
    assert not TaskSnapshot("T", "t", 1, percent_complete=50).complete
    assert Violation("r", Severity.BLOCKING, "m").blocking
    assert not Violation("r", Severity.WARNING, "m").blocking


def test_gate_decision_constructors() -> None:
    assert GateDecision.allow().allowed
    denied = GateDecision.deny("a", "b")
    assert denied.outcome is GateOutcome.DENY
    assert denied.reasons == ("a", "b")
    assert GateDecision.require_approval("x").outcome is GateOutcome.REQUIRE_APPROVAL


def test_enums_are_api_names() -> None:
    assert [s.value for s in Severity] == ["INFO", "WARNING", "BLOCKING"]
    assert Severity("BLOCKING") is Severity.BLOCKING


def test_configured_rule_parameters_as_json() -> None:
    rule = ConfiguredRule("r", True, Severity.INFO, {"kinds": ("a", "b"), "n": 1})
    assert rule.parameters_json() == {"kinds": ["a", "b"], "n": 1}
