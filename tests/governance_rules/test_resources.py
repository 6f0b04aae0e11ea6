from __future__ import annotations

from domain.governance.core import ResourceOverAllocation
from tests.domain.governance.core.factories import sound_project, workday
from tests.governance_rules.checks import findings

OVER = ResourceOverAllocation("RES1", "Welder", (workday(3), workday(4), workday(200)))


def test_no_overallocation_passes() -> None:
    assert findings("resource.overallocation", sound_project()) == []


def test_overallocation_within_horizon() -> None:
    [finding] = findings("resource.overallocation", sound_project(over_allocations=(OVER,)))
    assert finding.subject_id == "RES1"
    assert "Welder is over-allocated on 2 days" in finding.message


def test_horizon_is_a_parameter_and_starts_at_the_status_date() -> None:
    project = sound_project(over_allocations=(OVER,))
    assert findings("resource.overallocation", project, horizon_days=1) == []
    later = sound_project(over_allocations=(OVER,), status_date=workday(10))
    assert findings("resource.overallocation", later) == []
