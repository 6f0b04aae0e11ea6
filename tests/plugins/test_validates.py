"""``Governance.validates``: the engine skips building a snapshot only when nothing would read it."""

from __future__ import annotations

from domain.governance.core import PmoType, PortfolioRules
from plugins.facade import Governance
from plugins.manager import get_plugin_manager
from plugins.markers import hookimpl


class Validator:
    @hookimpl
    def pmo_validate(self, project: object, change: object, rules: object) -> list[object]:
        return []


def test_no_rule_and_no_validating_plugin_means_no_snapshot_needed() -> None:
    governance = Governance(get_plugin_manager(load_entry_points=False))
    rules = PortfolioRules()
    # In Initiation the schedule checks are not in force yet (they gate Execution).
    assert not governance.validates(PmoType.CONTROLLING, "Default", "Initiation", "task.updated", rules)
    kinds = ["task.updated", "dependency.created", "risk.updated", "task.created", "project.updated"]
    answers = {k: governance.validates(PmoType.CONTROLLING, "Default", "Execution", k, rules) for k in kinds}
    assert answers["dependency.created"] is True  # negative float is checked on new links
    assert answers["risk.updated"] is True


def test_a_plugin_that_validates_sees_every_change() -> None:
    governance = Governance(get_plugin_manager(plugins=[("v", Validator())], load_entry_points=False))
    assert governance.validates(PmoType.SUPPORTIVE, "Default", "Initiation", "task.updated", PortfolioRules())
