"""The example third-party plugin in ``tests/plugin_example`` (distribution
``pmo-stage-gate``, entry point ``stage_gate``).

CI runs ``pip install ./tests/plugin_example`` before the tests, so the entry-point test
proves a plugin takes effect when installed the way users install plugins. The other tests
register the same module directly, so they run everywhere.
"""

from __future__ import annotations

import importlib
from decimal import Decimal
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path
from types import ModuleType

import pytest

from domain.governance.core import GateOutcome, PmoType, PortfolioRules, Severity
from plugins import Governance, load_governance
from tests.domain.governance.core.factories import sound_project

EXAMPLE = Path(__file__).parents[1] / "plugin_example"
NONE = PortfolioRules()


def _installed() -> bool:
    try:
        distribution("pmo-stage-gate")
    except PackageNotFoundError:
        return False
    return True


@pytest.fixture
def stage_gate(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    # Import from the source tree whether or not it is installed.
    monkeypatch.syspath_prepend(str(EXAMPLE))
    return importlib.import_module("pmo_stage_gate")


@pytest.fixture
def governance_with_stage_gate(stage_gate: ModuleType) -> Governance:
    return load_governance(load_entry_points=False, plugins=[("stage_gate", stage_gate)])


@pytest.mark.skipif(
    not _installed(), reason="pmo-stage-gate is not installed; run `pip install ./tests/plugin_example` (CI does)"
)
def test_installed_through_its_entry_point() -> None:
    governance = load_governance()
    assert governance.methodology("Stage-Gate") is not None
    sources = {d.id: d.source for d in governance.rule_catalog()}
    assert sources["stage_gate.business_case"] == "stage_gate"
    without = load_governance({"stage_gate"})
    assert without.methodology("Stage-Gate") is None


def test_the_package_declares_the_entry_point() -> None:
    text = (EXAMPLE / "pyproject.toml").read_text()
    assert '[project.entry-points."pmo_engine.plugins"]' in text
    assert 'stage_gate = "pmo_stage_gate"' in text


def test_registered_directly(governance_with_stage_gate: Governance) -> None:
    methodology = governance_with_stage_gate.methodology("Stage-Gate")
    assert methodology is not None and methodology.phases[0] == "Discovery"
    descriptors = {d.id: d for d in governance_with_stage_gate.rule_catalog()}
    assert descriptors["stage_gate.business_case"].source == "stage_gate"


def test_its_rule_gates_development(governance_with_stage_gate: Governance) -> None:
    project = sound_project(methodology="Stage-Gate", phase="Business Case", revenue=Decimal("90000.00"))
    decision = governance_with_stage_gate.gate(project, "Business Case", "Development", NONE)
    assert decision.outcome is GateOutcome.DENY
    assert [v.rule_id for v in decision.violations] == ["stage_gate.business_case"]
    viable = sound_project(methodology="Stage-Gate", phase="Business Case", revenue=Decimal("150000.00"))
    assert governance_with_stage_gate.gate(viable, "Business Case", "Development", NONE).allowed


def test_its_default_rules_per_pmo_type(governance_with_stage_gate: Governance) -> None:
    def rule(pmo_type: PmoType) -> tuple[Severity, object]:
        [configured] = [
            r
            for r in governance_with_stage_gate.rules_in_force(pmo_type, NONE)
            if r.rule_id == "stage_gate.business_case"
        ]
        return configured.severity, configured.parameters["min_return_ratio"]

    assert rule(PmoType.SUPPORTIVE) == (Severity.WARNING, 1.0)
    assert rule(PmoType.DIRECTIVE) == (Severity.BLOCKING, 1.2)
