"""Exact money over GraphQL: Decimal strings in and out, one ISO 4217 currency per portfolio."""

from __future__ import annotations

from tests.api.helpers import portfolio, project
from tests.conftest import Api

BUDGET = "project { budget { amount currency } revenue { amount } }"


def fields(payload: dict[str, object]) -> dict[str, str]:
    errors = payload["userErrors"]
    assert isinstance(errors, list)
    return {e["field"][-1]: e["message"] for e in errors}


async def test_amounts_are_exact_strings_in_the_portfolio_currency(api: Api) -> None:
    pid = await portfolio(api, currency="EUR")
    data = await api.data("query($id: ID!) { node(id: $id) { ... on Portfolio { currency } } }", {"id": pid})
    assert data["node"]["currency"] == "EUR"
    made = await api.ok(
        "createProject",
        {"portfolioId": pid, "name": "ERP", "key": "ERP", "startDate": "2026-03-02", "budget": "120000.10"},
        BUDGET,
    )
    assert made["project"] == {"budget": {"amount": "120000.10", "currency": "EUR"}, "revenue": None}
    prj = await project(api, pid, "BIG", budget="99999999999999.99", revenue="0.1")
    big = await api.data(f"query($id: ID!) {{ node(id: $id) {{ ... on Project {{ {BUDGET[10:-2]} }} }} }}", {"id": prj})
    assert big["node"]["budget"]["amount"] == "99999999999999.99"  # 16 digits: past what a double holds
    assert big["node"]["revenue"]["amount"] == "0.10"


async def test_bad_amounts_and_currencies_are_user_errors(api: Api) -> None:
    unknown = await api.mutate(
        "createPortfolio", {"name": "X", "pmoType": "SUPPORTIVE", "currency": "EUX"}, "portfolio { id }"
    )
    assert "ISO 4217" in fields(unknown)["currency"]
    pid = await portfolio(api, currency="JPY")
    base = {"portfolioId": pid, "name": "N", "startDate": "2026-01-05"}
    cents = await api.mutate("createProject", {**base, "key": "A", "budget": "1000.5"}, "project { id }")
    assert fields(cents) == {"budget": "budget has at most 0 decimal places in JPY"}
    negative = await api.mutate("createProject", {**base, "key": "B", "revenue": "-1"}, "project { id }")
    assert fields(negative) == {"revenue": "revenue must not be negative"}
    huge = await api.mutate("createProject", {**base, "key": "C", "budget": "1e15"}, "project { id }")
    assert "less than" in fields(huge)["budget"]
    yen = await api.ok("createProject", {**base, "key": "D", "budget": "1000"}, BUDGET)
    assert yen["project"]["budget"] == {"amount": "1000", "currency": "JPY"}


async def test_a_json_float_is_refused_before_anything_runs(api: Api) -> None:
    pid = await portfolio(api)
    body = await api.post(
        "mutation($i: CreateProjectInput!) { createProject(input: $i) { project { id } } }",
        {"i": {"portfolioId": pid, "name": "N", "key": "F", "startDate": "2026-01-05", "budget": 0.1}},
    )
    assert body["data"] is None
    assert "a JSON float cannot hold an exact decimal" in body["errors"][0]["message"]
    text = await api.post(
        "mutation($i: CreateProjectInput!) { createProject(input: $i) { project { id } } }",
        {"i": {"portfolioId": pid, "name": "N", "key": "F", "startDate": "2026-01-05", "budget": "ten"}},
    )
    assert "is not a decimal number" in text["errors"][0]["message"]


async def test_a_currency_with_fewer_places_is_refused_once_amounts_exist(api: Api) -> None:
    pid = await portfolio(api)
    relabel = await api.ok("updatePortfolio", {"id": pid, "currency": "EUR"}, "portfolio { currency }")
    assert relabel["portfolio"]["currency"] == "EUR"
    await project(api, pid, budget="10.50")
    refused = await api.mutate("updatePortfolio", {"id": pid, "currency": "JPY"}, "portfolio { currency }")
    assert "fewer decimal places" in fields(refused)["currency"]
    wider = await api.ok("updatePortfolio", {"id": pid, "currency": "KWD"}, "portfolio { currency }")
    assert wider["portfolio"]["currency"] == "KWD"


async def test_cost_rates_keep_four_places_and_planned_costs_round_half_even(api: Api) -> None:
    pid = await portfolio(api)
    prj = await project(api, pid)
    rate = await api.ok(
        "createResource",
        {"portfolioId": pid, "name": "Ada", "role": "Dev", "costRate": "100.0050"},
        "resource { id costRate { amount currency } }",
    )
    assert rate["resource"]["costRate"] == {"amount": "100.0050", "currency": "USD"}
    task = await api.ok("createTask", {"projectId": prj, "name": "T", "duration": 1}, "task { id }")
    await api.ok(
        "assignResource",
        {"taskId": task["task"]["id"], "resourceId": rate["resource"]["id"], "units": 1.0},
        "assignment { id }",
    )
    cost = await api.data(
        "query($id: ID!) { node(id: $id) { ... on Task { plannedCost { amount } } } }", {"id": task["task"]["id"]}
    )
    assert cost["node"]["plannedCost"]["amount"] == "100.00"  # 100.005: the tie goes to the even cent
