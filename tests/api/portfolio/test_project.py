"""Projects over GraphQL."""

from __future__ import annotations

from tests.api.helpers import portfolio, project, task
from tests.conftest import Api


async def test_create_project_starts_in_first_phase(api: Api) -> None:
    pid = await portfolio(api)
    payload = await api.ok(
        "createProject",
        {
            "portfolioId": pid,
            "name": "ERP",
            "key": "ERP",
            "startDate": "2026-03-02",
            "budget": "1000.00",
            "priority": 900,
        },
        "project { key phase startDate finishDate budget { amount currency } priority"
        " portfolio { id } program { id } }",
    )
    assert payload["project"] == {
        "key": "ERP",
        "phase": "Initiation",
        "startDate": "2026-03-02",
        "finishDate": None,
        "budget": {"amount": "1000.00", "currency": "USD"},
        "priority": 900,
        "portfolio": {"id": pid},
        "program": None,
    }


async def test_create_project_bad_input(api: Api) -> None:
    pid = await portfolio(api)
    await project(api, pid, "DUP")
    payload = await api.mutate(
        "createProject",
        {"portfolioId": pid, "name": "", "key": "DUP", "startDate": "2026-01-01", "budget": "-5", "priority": 5000},
        "project { id }",
    )
    codes = {e["field"][-1]: e["code"] for e in payload["userErrors"]}
    assert codes == {"name": "INVALID", "key": "DUPLICATE", "budget": "INVALID", "priority": "INVALID"}
    missing = await api.mutate(
        "createProject",
        {"portfolioId": "UG9ydGZvbGlvOjk5OQ", "name": "X", "key": "X", "startDate": "2026-01-01"},
        "project { id }",
    )
    assert [(e["field"], e["code"]) for e in missing["userErrors"]] == [(["input", "portfolioId"], "NOT_FOUND")]
    garbage = await api.mutate(
        "createProject",
        {"portfolioId": "not-an-id", "name": "X", "key": "X", "startDate": "2026-01-01"},
        "project { id }",
    )
    assert garbage["userErrors"][0]["code"] == "NOT_FOUND"


async def test_update_project_moves_schedule_and_keeps_version(api: Api) -> None:
    pid = await portfolio(api)
    prj = await project(api, pid, start="2026-01-05")
    t = await task(api, prj, "Design", 3)
    assert (t["start"], t["finish"]) == ("2026-01-05", "2026-01-07")
    moved = await api.ok(
        "updateProject",
        {"id": prj, "version": 1, "startDate": "2026-01-10"},
        "project { startDate finishDate version }",
    )
    # Saturday start: the work starts Monday.
    assert moved["project"] == {"startDate": "2026-01-10", "finishDate": "2026-01-14", "version": 2}
    cleared = await api.mutate("updateProject", {"id": prj, "name": None}, "project { id }")
    assert cleared["userErrors"][0]["field"] == ["input", "name"]
    assert cleared["userErrors"][0]["message"] == "name cannot be null"
    phase = await api.post('mutation { updateProject(input: {id: "x", phase: "Closed"}) { project { id } } }')
    assert "errors" in phase  # the phase is not an input field: it moves only through a gate
