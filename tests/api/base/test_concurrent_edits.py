"""Two writers based on the same version: one wins, the other is told, nothing is lost."""

from __future__ import annotations

import asyncio

import pytest

from domain.base.authz import Viewer
from domain.base.errors import DomainError, ErrorCode
from domain.base.ids import expect_global_id
from domain.planning import tasks
from tests.api.helpers import get_task, portfolio, project, task
from tests.conftest import Api


async def test_concurrent_updates_of_one_version_conflict(api: Api) -> None:
    t = await task(api, await project(api, await portfolio(api)), "Original", 1)
    task_id = expect_global_id(t["id"], "Task", "id")
    first_in, release = asyncio.Event(), asyncio.Event()

    async def first() -> None:
        async with api.runtime.work(Viewer.system()) as work:
            await tasks.update_task(work, task_id, {"name": "First"}, 1)
            first_in.set()
            await release.wait()  # hold the transaction open while the second writer arrives

    async def second() -> None:
        await first_in.wait()
        async with api.runtime.work(Viewer.system()) as work:
            await tasks.update_task(work, task_id, {"name": "Second"}, 1)

    one = asyncio.create_task(first())
    two = asyncio.create_task(second())
    await asyncio.sleep(0.3)  # the second writer is now waiting for the row (or the write lock)
    assert not two.done()
    release.set()
    await one
    with pytest.raises(DomainError) as refused:
        await two
    assert refused.value.problems[0].code == ErrorCode.CONFLICT
    stored = await get_task(api, t["id"])
    assert (stored["name"], stored["version"]) == ("First", 2)
