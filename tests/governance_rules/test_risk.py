from __future__ import annotations

from domain.governance.core import RiskSnapshot
from tests.domain.governance.core.factories import sound_project
from tests.governance_rules.checks import findings


def _with(risk: RiskSnapshot) -> list[str]:
    return [f.message for f in findings("risk.high_risk_owned", sound_project(risks=(risk,)))]


def test_owned_and_mitigated_high_risk_passes() -> None:
    assert findings("risk.high_risk_owned", sound_project()) == []


def test_high_risk_without_owner_or_mitigation() -> None:
    [message] = _with(RiskSnapshot("R9", "Outage", 0.5, 5))
    assert "no owner and no mitigation" in message
    [finding] = findings("risk.high_risk_owned", sound_project(risks=(RiskSnapshot("R9", "x", 0.5, 4, "Bo"),)))
    assert finding.subject_id == "R9"
    assert "no mitigation" in finding.message


def test_threshold_is_inclusive_and_configurable() -> None:
    exactly = RiskSnapshot("R", "r", 0.5, 4)  # score 2.0, the default threshold
    assert _with(exactly)
    low = sound_project(risks=(RiskSnapshot("R", "r", 0.2, 4),))
    assert findings("risk.high_risk_owned", low) == []
    assert findings("risk.high_risk_owned", low, min_score=0.5)


def test_closed_risks_are_ignored() -> None:
    assert _with(RiskSnapshot("R", "r", 0.9, 5, status="closed")) == []
