"""What one server process holds: the database, settings, the governance facade, and the
steps every change runs before it commits. Built once at start-up; the HTTP app, the CLI and
the demo loader all make changes through it."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url

from api.config import Settings
from domain.access.tokens import viewer_for_token
from domain.base.authz import Viewer
from domain.base.db import Database
from domain.base.ids import to_global_id
from domain.base.work import AfterChange, Work
from domain.governance.core.outcomes import GovernanceEvent
from domain.governance.core.port import GovernancePort
from domain.governance.snapshots.cache import SnapshotCache
from domain.planning import schedule
from domain.planning.core import warm_up
from domain.resources.core import warm_up as warm_up_leveling
from migrations.runner import upgrade
from plugins.facade import Governance
from plugins.manager import get_plugin_manager


@dataclass
class Runtime:
    settings: Settings
    db: Database
    governance: GovernancePort
    after_change: tuple[AfterChange, ...]
    # The governance step's cache of committed project snapshots (this process's).
    snapshot_cache: SnapshotCache | None = None

    @classmethod
    async def start(
        cls, settings: Settings, *, governance: GovernancePort | None = None, migrate: bool = True
    ) -> Runtime:
        """Connect, migrate (the embedded SQLite file is created on first start) and load plugins."""
        _ensure_sqlite_dir(settings.database_url)
        db = Database.connect(settings.database_url)
        if migrate:
            await upgrade(db)
        if governance is None:
            governance = Governance(get_plugin_manager(disabled=set(settings.disabled_plugins)))
        from domain.governance.governing import make_governance_step

        warm_up()  # load the compiled CPM kernels now, not in the first request
        warm_up_leveling()  # and the leveling kernels, not inside a request's time limit

        cache = SnapshotCache()
        governing = make_governance_step(governance, db.reader, cache)
        steps: tuple[AfterChange, ...] = (schedule.after_change, governing)
        return cls(settings, db, governance, steps, cache)

    def lifecycle(self, methodology: str) -> list[str] | None:
        found = self.governance.methodology(methodology)
        return list(found.phases) if found is not None else None

    @asynccontextmanager
    async def work(self, viewer: Viewer) -> AsyncIterator[Work]:
        """One change in one transaction, with rescheduling and governance before commit;
        plugins hear of its events once it has committed (never for a rollback)."""
        async with self.db.transaction() as session:
            work = Work(session, viewer, self.lifecycle, self.after_change)
            yield work
            await work.finish()
        for publish in work.after_commit:
            publish()
        for event in work.events:
            self.governance.on_event(
                GovernanceEvent(
                    kind=event.kind,
                    subject_id=event.subject_id,
                    at=event.at,
                    portfolio_id=to_global_id("Portfolio", event.portfolio_id) if event.portfolio_id else None,
                    actor=event.actor,
                    data=event.data,
                )
            )

    async def authenticate(self, token: str) -> Viewer | None:
        async with self.db.reader() as session:
            return await viewer_for_token(session, token)

    async def healthy(self) -> bool:
        try:
            async with self.db.read_engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
        except Exception:
            return False
        return True

    async def stop(self) -> None:
        await self.db.dispose()


def settle_heap() -> None:
    """Move everything alive after start-up (modules, schema, plugins, compiled kernels) out of
    the garbage collector's generations: full collections during requests then walk only what
    requests create, instead of pausing for tens of milliseconds on a large, static heap."""
    gc.collect()
    gc.freeze()


def _ensure_sqlite_dir(url: str) -> None:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        Path(parsed.database).expanduser().resolve().parent.mkdir(parents=True, exist_ok=True)
