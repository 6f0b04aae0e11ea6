"""Portfolios, programs and calendars over GraphQL."""

from __future__ import annotations

from tests.api.helpers import portfolio, project
from tests.conftest import Api


async def test_create_portfolio_defaults_and_reads_back(api: Api) -> None:
    payload = await api.ok(
        "createPortfolio",
        {"name": "Retail division", "pmoType": "CONTROLLING"},
        "portfolio { id name pmoType methodology version calendar { workdays holidays } }",
    )
    created = payload["portfolio"]
    assert created["pmoType"] == "CONTROLLING"
    assert created["methodology"] == "Default"
    assert created["calendar"] == {"workdays": "1111100", "holidays": []}
    data = await api.data(
        "query($id: ID!) { node(id: $id) { ... on Portfolio { name version } } }", {"id": created["id"]}
    )
    assert data["node"] == {"name": "Retail division", "version": 1}


async def test_create_portfolio_rejects_bad_input_and_writes_nothing(api: Api) -> None:
    payload = await api.mutate(
        "createPortfolio", {"name": "  ", "pmoType": "SUPPORTIVE", "methodology": "Scrumfall"}, "portfolio { id }"
    )
    assert payload["portfolio"] is None
    fields = {tuple(e["field"]): e["code"] for e in payload["userErrors"]}
    assert fields == {("input", "name"): "INVALID", ("input", "methodology"): "INVALID"}
    data = await api.data("{ portfolios { totalCount } }")
    assert data["portfolios"]["totalCount"] == 0


async def test_update_portfolio_detects_stale_version(api: Api) -> None:
    pid = await portfolio(api)
    first = await api.ok("updatePortfolio", {"id": pid, "version": 1, "name": "Renamed"}, "portfolio { name version }")
    assert first["portfolio"] == {"name": "Renamed", "version": 2}
    stale = await api.mutate("updatePortfolio", {"id": pid, "version": 1, "name": "Lost update"}, "portfolio { name }")
    assert stale["portfolio"] is None
    assert [e["code"] for e in stale["userErrors"]] == ["CONFLICT"]
    data = await api.data("query($id: ID!) { node(id: $id) { ... on Portfolio { name } } }", {"id": pid})
    assert data["node"]["name"] == "Renamed"


async def test_programs_group_projects(api: Api) -> None:
    pid = await portfolio(api)
    program = (await api.ok("createProgram", {"portfolioId": pid, "name": "Cloud"}, "program { id }"))["program"]["id"]
    await project(api, pid, "A", programId=program)
    await project(api, pid, "B")
    data = await api.data(
        "query($id: ID!) { node(id: $id) { ... on Program {"
        " name projects { totalCount nodes { key } } portfolio { id } } } }",
        {"id": program},
    )
    assert data["node"] == {
        "name": "Cloud",
        "projects": {"totalCount": 1, "nodes": [{"key": "A"}]},
        "portfolio": {"id": pid},
    }
    bad = await api.mutate("createProgram", {"portfolioId": pid, "name": ""}, "program { id }")
    assert [e["field"] for e in bad["userErrors"]] == [["input", "name"]]


async def test_set_calendar_validates_and_moves_dates(api: Api) -> None:
    pid = await portfolio(api)
    prj = await project(api, pid, start="2026-01-05")
    task = (await api.ok("createTask", {"projectId": prj, "name": "Build", "duration": 5}, "task { id finish }"))[
        "task"
    ]
    assert task["finish"] == "2026-01-09"
    bad = await api.mutate("setCalendar", {"portfolioId": pid, "workdays": "11111"}, "calendar { id }")
    assert [e["field"] for e in bad["userErrors"]] == [["input", "workdays"]]
    ok = await api.ok("setCalendar", {"portfolioId": pid, "holidays": ["2026-01-06"]}, "calendar { holidays }")
    assert ok["calendar"]["holidays"] == ["2026-01-06"]
    data = await api.data("query($id: ID!) { node(id: $id) { ... on Task { finish } } }", {"id": task["id"]})
    assert data["node"]["finish"] == "2026-01-12"
