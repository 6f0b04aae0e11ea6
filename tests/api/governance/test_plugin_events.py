"""Plugins hear of committed changes (``pmo_on_event``), and never of refused ones."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from api.app import create_app
from api.config import Settings
from api.runtime import Runtime
from domain.access.tokens import create_token
from domain.base.authz import Role
from domain.governance.core.outcomes import GovernanceEvent
from plugins.facade import Governance
from plugins.manager import get_plugin_manager
from plugins.markers import hookimpl
from tests.conftest import Api


class Recorder:
    def __init__(self) -> None:
        self.events: list[GovernanceEvent] = []

    @hookimpl
    def pmo_on_event(self, event: GovernanceEvent) -> None:
        self.events.append(event)


@pytest.fixture
async def recorded(settings: Settings) -> AsyncIterator[tuple[Api, Recorder]]:
    recorder = Recorder()
    governance = Governance(get_plugin_manager(plugins=[("recorder", recorder)], load_entry_points=False))
    runtime = await Runtime.start(settings, governance=governance)
    app = create_app(settings, runtime=runtime)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        api = Api(client, runtime)
        async with runtime.db.transaction() as session:
            api.token = await create_token(session, name="admin", role=Role.ADMIN)
        yield api, recorder
    await runtime.stop()


async def test_events_reach_plugins_after_commit_only(recorded: tuple[Api, Recorder]) -> None:
    api, recorder = recorded
    payload = await api.ok("createPortfolio", {"name": "P", "pmoType": "SUPPORTIVE"}, "portfolio { id }")
    assert [(e.kind, e.subject_id, e.actor) for e in recorder.events] == [
        ("portfolio.created", payload["portfolio"]["id"], "admin")
    ]
    refused = await api.mutate("createPortfolio", {"name": "", "pmoType": "SUPPORTIVE"}, "portfolio { id }")
    assert refused["userErrors"]
    assert len(recorder.events) == 1
