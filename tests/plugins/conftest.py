from __future__ import annotations

import pytest

from plugins import Governance, load_governance
from tests.plugins.every_hook_plugin import EveryHookPlugin


@pytest.fixture
def governance() -> Governance:
    """Built-ins only: installed plugins must not change what these tests see."""
    return load_governance(load_entry_points=False)


@pytest.fixture
def every_hook() -> EveryHookPlugin:
    return EveryHookPlugin()


@pytest.fixture
def governance_with_plugin(every_hook: EveryHookPlugin) -> Governance:
    return load_governance(load_entry_points=False, plugins=[("every_hook", every_hook)])
