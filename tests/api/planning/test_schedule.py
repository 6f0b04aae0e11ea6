"""The stored schedule over GraphQL: the portfolio view across linked projects, and a property
test that what is stored after random changes equals a fresh CPM computation."""

from __future__ import annotations

import random
from typing import Any

import numpy as np

from domain.planning.core import LinkType, Network, WorkCalendar, compute_schedule
from tests.api.helpers import link, portfolio, project, task
from tests.conftest import Api

VIEW = """query($id: ID!) { node(id: $id) { ... on Portfolio { schedule {
  finishDate
  criticalPath { name totalFloat portfolioTotalFloat critical portfolioCritical project { key } }
  projects { project { key } finishDate critical } } } } }"""


async def _view(api: Api, portfolio_id: str) -> dict[str, Any]:
    data = await api.data(VIEW, {"id": portfolio_id})
    result: dict[str, Any] = data["node"]["schedule"]
    return result


async def _project_path(api: Api, project_id: str) -> list[str]:
    data = await api.data(
        "query($id: ID!) { node(id: $id) { ... on Project { criticalPath { name } } } }", {"id": project_id}
    )
    return [t["name"] for t in data["node"]["criticalPath"]]


async def test_portfolio_critical_path_crosses_linked_projects(api: Api) -> None:
    pid = await portfolio(api)
    one = await project(api, pid, "ONE", start="2026-01-05")
    two = await project(api, pid, "TWO", start="2026-01-05")
    three = await project(api, pid, "THREE", start="2026-01-05")
    a = await task(api, one, "A", 5)  # Jan 5-9
    b = await task(api, one, "B", 2)  # Jan 12-13
    d = await task(api, one, "D", 10)  # Jan 5-16: ONE's own finish
    x = await task(api, two, "X", 3)  # Jan 14-16
    y = await task(api, two, "Y", 4)  # Jan 19-22: the portfolio's finish
    short = await task(api, three, "S", 2)
    await link(api, a["id"], b["id"])
    await link(api, b["id"], x["id"])
    await link(api, x["id"], y["id"])

    view = await _view(api, pid)
    assert view["finishDate"] == "2026-01-22"
    path = [(t["project"]["key"], t["name"]) for t in view["criticalPath"]]
    assert path == [("ONE", "A"), ("ONE", "B"), ("TWO", "X"), ("TWO", "Y")]
    # B drives TWO, so A and B are critical in ONE too (late dates respect successors elsewhere).
    assert [(t["totalFloat"], t["portfolioTotalFloat"], t["critical"]) for t in view["criticalPath"]] == [
        (0, 0, True)
    ] * 4
    assert all(t["portfolioCritical"] for t in view["criticalPath"])
    # D ends ONE: critical there, but it has 4 days of float against the portfolio's finish.
    assert await _project_path(api, one) == ["A", "D", "B"]
    data = await api.data(
        "query($id: ID!) { node(id: $id) { ... on Task {"
        " totalFloat critical portfolioTotalFloat portfolioCritical } } }",
        {"id": d["id"]},
    )
    assert data["node"] == {"totalFloat": 0, "critical": True, "portfolioTotalFloat": 4, "portfolioCritical": False}
    assert view["projects"] == [
        {"project": {"key": "ONE"}, "finishDate": "2026-01-16", "critical": True},
        {"project": {"key": "TWO"}, "finishDate": "2026-01-22", "critical": True},
        {"project": {"key": "THREE"}, "finishDate": "2026-01-06", "critical": False},
    ]
    data = await api.data(
        "query($id: ID!) { node(id: $id) { ... on Task { totalFloat portfolioTotalFloat portfolioCritical } } }",
        {"id": short["id"]},
    )
    assert data["node"] == {"totalFloat": 0, "portfolioTotalFloat": 0, "portfolioCritical": True}

    # The unlinked project now finishes last: it alone drives the portfolio.
    await api.ok("updateTask", {"id": short["id"], "duration": 20}, "task { id }")
    view = await _view(api, pid)
    assert view["finishDate"] == "2026-01-30"
    assert [t["name"] for t in view["criticalPath"]] == ["S"]
    assert [p["critical"] for p in view["projects"]] == [False, False, True]

    # Unlinking the projects: each is its own group again, portfolio floats equal project floats.
    await api.ok("updateTask", {"id": short["id"], "duration": 2}, "task { id }")
    deps = await api.data("query($id: ID!) { node(id: $id) { ... on Task { successors { id } } } }", {"id": b["id"]})
    await api.ok("removeDependency", {"id": deps["node"]["successors"][0]["id"]}, "deletedId")
    view = await _view(api, pid)
    assert view["finishDate"] == "2026-01-16"  # ONE (D); TWO (X, Y from Jan 5) ends Jan 13
    assert [(t["name"], t["totalFloat"], t["portfolioTotalFloat"]) for t in view["criticalPath"]] == [("D", 0, 0)]
    data = await api.data(
        "query($id: ID!) { node(id: $id) { ... on Task { start totalFloat portfolioTotalFloat portfolioCritical } } }",
        {"id": x["id"]},
    )
    assert data["node"] == {"start": "2026-01-05", "totalFloat": 0, "portfolioTotalFloat": 0, "portfolioCritical": True}


async def test_empty_portfolio_schedule(api: Api) -> None:
    pid = await portfolio(api)
    assert await _view(api, pid) == {"finishDate": None, "criticalPath": [], "projects": []}
    await project(api, pid, "E")
    view = await _view(api, pid)
    assert view == {
        "finishDate": None,
        "criticalPath": [],
        "projects": [{"project": {"key": "E"}, "finishDate": None, "critical": False}],
    }


LINK_TYPES = ["FS", "FS", "FS", "SS", "FF", "SF"]
TASKS = """query($id: ID!) { node(id: $id) { ... on Project { tasks(first: 100) { nodes {
  id duration earlyStart earlyFinish lateStart lateFinish totalFloat freeFloat critical start finish
  subtasks { id } predecessors { type lag predecessor { id } } } } } } }"""


async def _check_against_fresh_cpm(api: Api, project_id: str, start: str) -> None:
    """What the API serves equals compute_schedule on the network read back through the API."""
    nodes = (await api.data(TASKS, {"id": project_id}))["node"]["tasks"]["nodes"]
    leaves = [t for t in nodes if not t["subtasks"]]
    index = {t["id"]: k for k, t in enumerate(leaves)}
    pred, succ, kind, lag = [], [], [], []
    for t in leaves:
        for d in t["predecessors"]:
            pred.append(index[d["predecessor"]["id"]])
            succ.append(index[t["id"]])
            kind.append(int(LinkType[d["type"]]))
            lag.append(d["lag"])
    durations = np.array([t["duration"] for t in leaves], np.int64)
    s = compute_schedule(Network(durations, np.array(pred), np.array(succ), np.array(kind), np.array(lag)))
    calendar = WorkCalendar()
    milestone = durations == 0
    expect = {
        "earlyStart": np.where(milestone, calendar.milestone_dates(s.es, start), calendar.start_dates(s.es, start)),
        "earlyFinish": calendar.finish_dates(s.ef, start),
        "lateStart": np.where(milestone, calendar.milestone_dates(s.ls, start), calendar.start_dates(s.ls, start)),
        "lateFinish": calendar.finish_dates(s.lf, start),
    }
    for k, t in enumerate(leaves):
        got = {name: t[name] for name in expect}
        assert got == {name: str(values[k]) for name, values in expect.items()}, t["id"]
        assert (t["totalFloat"], t["freeFloat"], t["critical"]) == (
            int(s.total_float[k]),
            int(s.free_float[k]),
            bool(s.critical[k]),
        )
        assert (t["start"], t["finish"]) == (t["earlyStart"], t["earlyFinish"])


async def test_stored_schedule_equals_fresh_cpm_after_random_changes(api: Api) -> None:
    rng = random.Random(20261122)
    prj = await project(api, await portfolio(api), start="2026-01-05")
    tasks: list[str] = []
    links: dict[tuple[int, int], str] = {}
    for step in range(24):
        action = rng.random() if len(tasks) > 2 else 0.0
        if action < 0.35:
            milestone = rng.random() < 0.15
            made = await task(api, prj, f"T{step}", 0 if milestone else rng.randint(1, 6), milestone=milestone)
            tasks.append(made["id"])
        elif action < 0.65:
            i, j = sorted(rng.sample(range(len(tasks)), 2))  # forward in creation order: never a cycle
            if (i, j) not in links:
                links[(i, j)] = await link(api, tasks[i], tasks[j], rng.choice(LINK_TYPES), rng.randint(-2, 3))
        elif action < 0.85:
            t = rng.choice(tasks)
            payload = await api.mutate("updateTask", {"id": t, "duration": rng.randint(1, 8)}, "task { id }")
            assert payload["userErrors"] == [] or payload["userErrors"][0]["field"] == ["input", "duration"]
        elif links:
            key = rng.choice(sorted(links))
            await api.ok("removeDependency", {"id": links.pop(key)}, "deletedId")
        await _check_against_fresh_cpm(api, prj, "2026-01-05")


async def test_links_on_summary_tasks_bind_every_subtask(api: Api) -> None:
    prj = await project(api, await portfolio(api), start="2026-01-05")
    p = await task(api, prj, "P", 2)  # Jan 5-6
    s = await task(api, prj, "S", 1)
    await task(api, prj, "C1", 2, parentId=s["id"])
    await task(api, prj, "C2", 3, parentId=s["id"])
    t = await task(api, prj, "T", 1)
    await link(api, p["id"], s["id"])
    await link(api, s["id"], t["id"])
    data = await api.data(
        "query($id: ID!) { node(id: $id) { ... on Project { finishDate tasks { nodes { name start finish } } } } }",
        {"id": prj},
    )
    dates = {n["name"]: (n["start"], n["finish"]) for n in data["node"]["tasks"]["nodes"]}
    assert dates == {
        "P": ("2026-01-05", "2026-01-06"),
        "S": ("2026-01-07", "2026-01-09"),
        "C1": ("2026-01-07", "2026-01-08"),
        "C2": ("2026-01-07", "2026-01-09"),
        "T": ("2026-01-12", "2026-01-12"),
    }
    assert data["node"]["finishDate"] == "2026-01-12"
