"""The governance snapshot cache: after every change, the cached snapshot of a project equals
one built afresh from the database, whichever way the change went (patched or rebuilt), and
a change committed by another worker or outside any ``Work`` is never missed."""

from __future__ import annotations

import random
from typing import Any

import httpx
import pytest
from sqlalchemy import update
from sqlmodel import col, select

from api.app import create_app
from api.runtime import Runtime
from domain.base.ids import from_global_id
from domain.base.write_log import session_log
from domain.entities import Project, Resource, Task
from domain.governance import governing
from domain.governance.core.snapshots import ProjectSnapshot
from domain.governance.snapshots import governed
from domain.governance.snapshots import patch as snapshot_patch
from domain.governance.snapshots.build import portfolios_rules
from domain.governance.snapshots.governed import governed_snapshots
from tests.api.helpers import link, portfolio, project, task
from tests.conftest import Api


async def _fresh(runtime: Runtime, pid: int) -> tuple[ProjectSnapshot, int]:
    """The project's snapshot built from scratch on a new session, and its revision."""
    async with runtime.db.reader() as session:
        row = (await session.execute(select(Project).where(Project.id == pid))).scalar_one()
        rules = await portfolios_rules(session, [row.portfolio_id])
        return (await governed_snapshots(session, runtime.governance, [row], rules))[pid], row.snapshot_revision


async def _check(runtime: Runtime, pid: int, *, current: bool = True) -> bool:
    """Whether the cached entry is current; if it is, it must equal a fresh build. A change no
    rule reads (``baseline.saved``...) builds no snapshot: the entry is then left behind,
    stale, and never used (``SnapshotCache.get`` checks the revision)."""
    assert runtime.snapshot_cache is not None
    entry = runtime.snapshot_cache.peek(pid)
    assert entry is not None, "a change to a project in Execution caches its snapshot"
    fresh, revision = await _fresh(runtime, pid)
    assert entry[0].revision <= revision
    if entry[0].revision < revision:
        assert not current
        return False
    cached = entry[1].snapshot
    assert cached.tasks == fresh.tasks, [(a, b) for a, b in zip(cached.tasks, fresh.tasks, strict=False) if a != b][:2]
    assert cached == fresh
    return True


async def _execution_project(
    api: Api, tasks: int = 12, *, portfolio_id: str | None = None, key: str = "P1"
) -> tuple[str, int, list[str], str]:
    pf = portfolio_id or await portfolio(api, pmo_type="SUPPORTIVE")
    prj = await project(api, pf, key=key)
    ids = [(await task(api, prj, f"T{k}", duration=1 + k % 4))["id"] for k in range(tasks)]
    for k in range(1, tasks):
        await link(api, ids[k - 1], ids[k])
    resource = await api.ok(
        "createResource", {"portfolioId": pf, "name": f"Ann {key}", "role": "Dev", "capacity": 1}, "resource { id }"
    )
    pid = from_global_id(prj)[1]
    async with api.runtime.db.transaction() as session:
        # Straight to Execution (the gates would ask for a manager, budget...): a write outside
        # any Work, which the write log's commit hook must account for.
        await session.execute(update(Project).where(col(Project.id) == pid).values(phase="Execution"))
    return prj, pid, ids, str(resource["resource"]["id"])


async def _portfolio_of(api: Api, prj: str) -> str:
    data = await api.data("query($id: ID!) { node(id: $id) { ... on Project { portfolio { id } } } }", {"id": prj})
    return str(data["node"]["portfolio"]["id"])


class _Patches:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.made = 0
        original = snapshot_patch.patched

        async def counting(*args: Any, **kwargs: Any) -> Any:
            found = await original(*args, **kwargs)
            self.made += found is not None
            return found

        monkeypatch.setattr(governed, "patched", counting)


@pytest.mark.parametrize("seed", [7, 8])
async def test_random_changes_keep_the_cache_exact(api: Api, monkeypatch: pytest.MonkeyPatch, seed: int) -> None:
    patches = _Patches(monkeypatch)
    prj, pid, ids, resource = await _execution_project(api)
    # A second project in Execution, linked to the first: changes to either reschedule both.
    _, other_pid, other_ids, _ = await _execution_project(api, 4, portfolio_id=await _portfolio_of(api, prj), key="P2")
    await api.ok("addDependency", {"predecessorId": ids[2], "successorId": other_ids[0]}, "dependency { id }")
    # Two parallel tasks on one resource of capacity 1: over-allocated from the start (and any
    # task assigned later that overlaps them).
    for name in ("Busy 1", "Busy 2"):
        busy = (await task(api, prj, name, duration=5))["id"]
        await api.ok("assignResource", {"taskId": busy, "resourceId": resource}, "assignment { id }")
    rng = random.Random(seed)
    over_seen = False
    deps: list[str] = []
    assignments: list[str] = []
    risks: list[str] = []
    kinds = [
        "update_duration",
        "update_duration",
        "update_progress",
        "update_parent",
        "update_name",
        "create_task",
        "delete_task",
        "add_dependency",
        "remove_dependency",
        "update_dependency",
        "assign",
        "unassign",
        "create_risk",
        "update_risk",
        "delete_risk",
        "update_project",
        "save_baseline",
        "level",
        "update_other",
    ]
    done: dict[str, int] = {}
    checked = 0
    for step in range(100):
        kind = kinds[step] if step < len(kinds) else rng.choice(kinds)
        one = rng.choice(ids)
        if kind == "update_duration":
            payload = await api.mutate("updateTask", {"id": one, "duration": rng.randint(1, 9)}, "task { id }")
        elif kind == "update_progress":
            payload = await api.mutate("updateTask", {"id": one, "percentComplete": 50.0}, "task { id }")
        elif kind == "update_parent":
            # Under a new, unlinked summary (a linked one could close a cycle through its leaves).
            parent = (await task(api, prj, f"S{step}"))["id"]
            ids.append(parent)
            payload = await api.mutate("updateTask", {"id": one, "parentId": parent}, "task { id }")
        elif kind == "update_name":
            payload = await api.mutate("updateTask", {"id": one, "name": f"N{step}"}, "task { id }")
        elif kind == "create_task":
            payload = await api.mutate(
                "createTask", {"projectId": prj, "name": f"C{step}", "duration": 2}, "task { id }"
            )
            if payload["task"]:
                ids.append(payload["task"]["id"])
        elif kind == "delete_task":
            payload = await api.mutate("deleteTask", {"id": one}, "deletedId")
            if not payload["userErrors"]:
                ids = [t for t in ids if t != one]
        elif kind == "add_dependency":
            a, b = sorted(rng.sample(ids, 2), key=ids.index)
            payload = await api.mutate("addDependency", {"predecessorId": a, "successorId": b}, "dependency { id }")
            if payload["dependency"]:
                deps.append(payload["dependency"]["id"])
        elif kind == "remove_dependency" and deps:
            payload = await api.mutate("removeDependency", {"id": deps.pop(rng.randrange(len(deps)))}, "deletedId")
        elif kind == "update_dependency" and deps:
            payload = await api.mutate("updateDependency", {"id": rng.choice(deps), "lag": 2}, "dependency { id }")
        elif kind == "assign":
            payload = await api.mutate(
                "assignResource", {"taskId": one, "resourceId": resource, "units": 1.0}, "assignment { id }"
            )
            if payload["assignment"]:
                assignments.append(payload["assignment"]["id"])
        elif kind == "unassign" and assignments:
            payload = await api.mutate("unassignResource", {"id": assignments.pop()}, "deletedId")
        elif kind == "create_risk":
            payload = await api.mutate(
                "createRisk", {"projectId": prj, "title": f"R{step}", "probability": 0.5, "impact": 3}, "risk { id }"
            )
            if payload["risk"]:
                risks.append(payload["risk"]["id"])
        elif kind == "update_risk" and risks:
            payload = await api.mutate("updateRisk", {"id": rng.choice(risks), "impact": 5}, "risk { id }")
        elif kind == "delete_risk" and risks:
            payload = await api.mutate("deleteRisk", {"id": risks.pop()}, "deletedId")
        elif kind == "update_project":
            payload = await api.mutate("updateProject", {"id": prj, "budget": str(1000 + step)}, "project { id }")
        elif kind == "save_baseline":
            payload = await api.mutate("saveBaseline", {"projectId": prj, "name": f"B{step}"}, "baseline { id }")
        elif kind == "update_other":
            target = rng.choice(other_ids)
            payload = await api.mutate("updateTask", {"id": target, "duration": rng.randint(1, 9)}, "task { id }")
        elif kind == "level":
            payload = await api.mutate(
                "levelResources", {"projectId": prj, "apply": True, "timeLimitSeconds": 0.2}, "applied"
            )
        else:
            continue
        if not payload["userErrors"]:
            done[kind] = done.get(kind, 0) + 1
        checked += await _check(api.runtime, pid, current=False)
        if api.runtime.snapshot_cache and api.runtime.snapshot_cache.peek(other_pid):
            await _check(api.runtime, other_pid, current=False)
        entry = api.runtime.snapshot_cache.peek(pid) if api.runtime.snapshot_cache else None
        over_seen = over_seen or bool(entry and entry[1].over_tasks)
    assert {"update_duration", "create_task", "delete_task", "add_dependency", "assign", "level"} <= set(done)
    assert patches.made >= 10, "task updates patch the cached snapshot"
    assert checked >= 70
    assert over_seen, "some steps saw over-allocated tasks"


async def test_a_change_by_another_worker_is_not_missed(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    patches = _Patches(monkeypatch)
    prj, pid, ids, _ = await _execution_project(api, tasks=6)
    await api.ok("updateTask", {"id": ids[0], "duration": 3}, "task { id }")
    await api.ok("updateTask", {"id": ids[1], "duration": 3}, "task { id }")
    await _check(api.runtime, pid)
    assert patches.made == 1  # the second change patched the first one's snapshot
    other = await Runtime.start(api.runtime.settings, migrate=False)
    try:
        app = create_app(other.settings, runtime=other)
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://other") as client:
            second = Api(client, other, api.token)
            await second.ok("updateTask", {"id": ids[2], "name": "Renamed elsewhere"}, "task { id }")
            await second.ok(
                "createRisk", {"projectId": prj, "title": "Seen", "probability": 0.2, "impact": 1}, "risk { id }"
            )
    finally:
        await other.stop()
    made = patches.made  # the other worker patched its own cache for its second change
    await api.ok("updateTask", {"id": ids[3], "duration": 2}, "task { id }")
    assert patches.made == made  # the other worker's commits moved the revision: rebuilt
    await _check(api.runtime, pid)
    snapshot = api.runtime.snapshot_cache.peek(pid)  # type: ignore[union-attr]
    assert snapshot is not None and [r.title for r in snapshot[1].snapshot.risks] == ["Seen"]
    # A write outside any Work (a script, a migration) invalidates too.
    async with api.runtime.db.transaction() as session:
        task_pk = from_global_id(ids[4])[1]
        await session.execute(update(Task).where(col(Task.id) == task_pk).values(name="Scripted"))
    await api.ok("updateTask", {"id": ids[5], "duration": 4}, "task { id }")
    assert patches.made == made
    await _check(api.runtime, pid)


async def test_a_refused_change_publishes_nothing(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    prj, pid, ids, _ = await _execution_project(api, tasks=4)
    await api.ok("updateTask", {"id": ids[0], "duration": 3}, "task { id }")
    await api.ok("updateTask", {"id": ids[3], "duration": 9}, "task { id }")  # long before the rule
    assert api.runtime.snapshot_cache is not None
    # A rule of the portfolio's own that refuses long tasks.
    refused = await api.mutate(
        "defineRule",
        {
            "portfolioId": (await _portfolio_of(api, prj)),
            "ruleId": "custom.no_long_tasks",
            "appliesTo": "task",
            "expression": "task.duration < 5",
            "severity": "BLOCKING",
            "message": "too long",
        },
        "rule { ruleId }",
    )
    assert refused["userErrors"] == [], refused
    before = api.runtime.snapshot_cache.peek(pid)

    # What was already so before the change is told apart with the cached committed snapshot
    # as ``previous`` (no second read): the change goes through with a warning.
    async def no_second_read(*_args: Any) -> None:
        raise AssertionError("the committed state is read again")

    with monkeypatch.context() as patch:
        patch.setattr(governing, "_committed", no_second_read)
        payload = await api.mutate("updateTask", {"id": ids[3], "name": "Still long"}, "task { id }")
    assert payload["userErrors"] == []
    assert [v["severity"] for v in payload["violations"] if v["ruleId"] == "custom.no_long_tasks"] == ["WARNING"]
    await _check(api.runtime, pid)
    before = api.runtime.snapshot_cache.peek(pid)
    payload = await api.mutate("updateTask", {"id": ids[1], "duration": 9}, "task { id }")
    assert payload["userErrors"], "the rule refuses the change"
    assert api.runtime.snapshot_cache.peek(pid) == before
    await api.ok("updateTask", {"id": ids[2], "duration": 2}, "task { id }")
    await _check(api.runtime, pid)


async def test_deletions_name_the_projects_their_cascades_reach(api: Api) -> None:
    prj, _pid, ids, resource = await _execution_project(api, tasks=2)
    _, other_pid, other_ids, _ = await _execution_project(api, 2, portfolio_id=await _portfolio_of(api, prj), key="P2")
    await api.ok("addDependency", {"predecessorId": ids[1], "successorId": other_ids[0]}, "dependency { id }")
    await api.ok("assignResource", {"taskId": other_ids[1], "resourceId": resource}, "assignment { id }")
    async with api.runtime.db.transaction() as session:
        doomed = await session.get(Task, from_global_id(ids[1])[1])
        await session.delete(doomed)
        await session.flush()
        log = session_log(session.sync_session)
        assert log is not None and other_pid in log.owners  # the link into P2 goes with the task
        await session.rollback()
    async with api.runtime.db.transaction() as session:
        gone = await session.get(Resource, from_global_id(resource)[1])
        await session.delete(gone)
        await session.flush()
        log = session_log(session.sync_session)
        assert log is not None and other_pid in log.owners  # its assignment in P2 goes with it
        await session.rollback()
