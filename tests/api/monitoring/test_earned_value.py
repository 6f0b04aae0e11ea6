"""Earned value over GraphQL against a hand calculation, with time-phased actuals and progress history.

The project: A (10 working days from Mon 5 Jan 2026) and B (5 days after it), one resource at
100.00 a day, so the baseline plans A = 1,000.00 and B = 500.00 (BAC 1,500.00), 100.00 a day.
At the status date, Fri 9 Jan (5 working days done), A is 40 % complete and 550.00 was spent:
PV = 500.00, EV = 400.00, AC = 550.00, SV = -100.00, CV = -150.00, SPI = 0.8, CPI = 0.7272...,
EAC(CPI) = 550 + 1,100 x 550 / 400 = 2,062.50, ETC = 1,512.50, VAC = -562.50,
TCPI = 1,100 / 950; ES = 4 days (PV reached 400 after day 4), AT = 5, SPI(t) = 0.8,
IEAC(t) = 15 / 0.8 = 18.75 days, so the forecast finish is working day 19: Thu 29 Jan.
"""

from __future__ import annotations

from typing import Any

from domain.base.authz import Role
from tests.api.helpers import link, portfolio, project, task
from tests.conftest import Api

EV = """query($id: ID!, $asOf: Date, $m: EacMethod!) { node(id: $id) { ... on Project {
  actualCost { amount } tasks { nodes { name actualCost { amount } actualCosts { date amount { amount } note } } }
  earnedValue(asOf: $asOf, method: $m) { asOf bac { amount currency } pv { amount } ev { amount } ac { amount }
    sv { amount } cv { amount } spi cpi eac { amount } eacMethod etc { amount } vac { amount } tcpi
    estimates { method amount { amount } }
    earnedSchedule actualTime plannedDuration svT spiT ieacT forecastFinish } } } }"""
RECORD = "actualCost { id date amount { amount currency } note }"


async def setup(api: Api) -> dict[str, str]:
    pid = await portfolio(api)
    prj = await project(api, pid, start="2026-01-05")
    a = await task(api, prj, "A", 10)
    b = await task(api, prj, "B", 5)
    await link(api, a["id"], b["id"])
    res = await api.ok(
        "createResource", {"portfolioId": pid, "name": "Ada", "role": "Dev", "costRate": "100.00"}, "resource { id }"
    )
    for t in (a, b):
        await api.ok(
            "assignResource",
            {"taskId": t["id"], "resourceId": res["resource"]["id"], "units": 1.0},
            "assignment { id }",
        )
    await api.ok("saveBaseline", {"projectId": prj, "name": "Plan"}, "baseline { id }")
    await api.ok("updateProject", {"id": prj, "statusDate": "2026-01-09"}, "project { id }")
    await api.ok("updateTask", {"id": a["id"], "percentComplete": 40.0}, "task { id }")
    for day, amount in (("2026-01-07", "300.00"), ("2026-01-09", "250.00")):
        await api.ok("recordActualCost", {"taskId": a["id"], "date": day, "amount": amount}, RECORD)
    return {"portfolio": pid, "project": prj, "A": a["id"], "B": b["id"]}


async def earned(api: Api, prj: str, as_of: str | None = None, method: str = "CPI") -> dict[str, Any]:
    data = await api.data(EV, {"id": prj, "asOf": as_of, "m": method})
    node: dict[str, Any] = data["node"]
    return node


async def test_earned_value_matches_the_hand_calculation(api: Api) -> None:
    ids = await setup(api)
    node = await earned(api, ids["project"])
    ev = node["earnedValue"]
    assert ev["asOf"] == "2026-01-09"  # the status date by default
    assert ev["bac"] == {"amount": "1500.00", "currency": "USD"}
    amounts = {k: ev[k]["amount"] for k in ("pv", "ev", "ac", "sv", "cv", "eac", "etc", "vac")}
    assert amounts == {
        "pv": "500.00", "ev": "400.00", "ac": "550.00", "sv": "-100.00", "cv": "-150.00",
        "eac": "2062.50", "etc": "1512.50", "vac": "-562.50",
    }  # fmt: skip
    assert ev["spi"] == 0.8 and abs(ev["cpi"] - 400 / 550) < 1e-12 and abs(ev["tcpi"] - 1100 / 950) < 1e-12
    assert ev["eacMethod"] == "CPI"
    # EAC(CPI x SPI) = 550 + 1,100 / (0.7272.. x 0.8) = 550 + 1,100 x 550 x 500 / 400^2 = 2,440.625 -> 2,440.62.
    assert {e["method"]: e["amount"]["amount"] for e in ev["estimates"]} == {
        "CPI": "2062.50", "CPI_SPI": "2440.62", "BUDGET_RATE": "1650.00",
    }  # fmt: skip
    assert (ev["earnedSchedule"], ev["actualTime"], ev["plannedDuration"]) == (4.0, 5, 15)
    assert (ev["svT"], ev["spiT"], ev["ieacT"], ev["forecastFinish"]) == (-1.0, 0.8, 18.75, "2026-01-29")
    # Actuals: time-phased entries that sum to the task's and the project's actual cost.
    assert node["actualCost"] == {"amount": "550.00"}
    a = next(t for t in node["tasks"]["nodes"] if t["name"] == "A")
    assert a["actualCost"] == {"amount": "550.00"}
    assert [(e["date"], e["amount"]["amount"]) for e in a["actualCosts"]] == [
        ("2026-01-07", "300.00"),
        ("2026-01-09", "250.00"),
    ]
    by_budget_rate = (await earned(api, ids["project"], method="BUDGET_RATE"))["earnedValue"]
    assert by_budget_rate["eac"]["amount"] == "1650.00" and by_budget_rate["eacMethod"] == "BUDGET_RATE"


async def test_past_dates_use_the_progress_history_and_the_dated_actuals(api: Api) -> None:
    ids = await setup(api)
    before = (await earned(api, ids["project"], "2026-01-08"))["earnedValue"]
    # The 40 % was reported for Jan 9; on Jan 8 nothing was earned yet and only 300.00 spent.
    assert (before["pv"]["amount"], before["ev"]["amount"], before["ac"]["amount"]) == ("400.00", "0.00", "300.00")
    assert before["cpi"] == 0.0 and before["earnedSchedule"] == 0.0
    await api.ok("updateProject", {"id": ids["project"], "statusDate": "2026-01-16"}, "project { id }")
    await api.ok("updateTask", {"id": ids["A"], "percentComplete": 100.0}, "task { id }")
    later = (await earned(api, ids["project"], "2026-01-16"))["earnedValue"]
    assert later["ev"]["amount"] == "1000.00" and later["pv"]["amount"] == "1000.00"
    again = (await earned(api, ids["project"], "2026-01-09"))["earnedValue"]
    assert again["ev"]["amount"] == "400.00"  # history, not the current percent complete
    series = await api.data(
        """query($id: ID!) { node(id: $id) { ... on Project {
          earnedValueSeries(from: "2026-01-01", to: "2026-01-31", granularity: WEEK) {
            periodEnd pv { amount } ev { amount } ac { amount } } } } }""",
        {"id": ids["project"]},
    )
    points = [
        (p["periodEnd"], p["pv"]["amount"], p["ev"]["amount"], p["ac"]["amount"])
        for p in series["node"]["earnedValueSeries"]
    ]
    assert points == [
        ("2026-01-04", "0.00", "0.00", "0.00"),
        ("2026-01-11", "500.00", "400.00", "550.00"),
        ("2026-01-18", "1000.00", "1000.00", "550.00"),
        ("2026-01-25", "1500.00", "1000.00", "550.00"),
        ("2026-01-31", "1500.00", "1000.00", "550.00"),
    ]


async def test_portfolio_earned_value_sums_its_baselined_projects(api: Api) -> None:
    ids = await setup(api)
    await project(api, ids["portfolio"], "NOBASE")  # no baseline: not counted
    data = await api.data(
        """query($id: ID!) { node(id: $id) { ... on Portfolio {
          earnedValue(asOf: "2026-01-09") { bac { amount } pv { amount } ev { amount } ac { amount } spiT } } } }""",
        {"id": ids["portfolio"]},
    )
    ev = data["node"]["earnedValue"]
    assert [ev[k]["amount"] for k in ("bac", "pv", "ev", "ac")] == ["1500.00", "500.00", "400.00", "550.00"]
    assert ev["spiT"] == 0.8


async def test_without_an_active_baseline_earned_value_is_null(api: Api) -> None:
    pid = await portfolio(api)
    prj = await project(api, pid)
    node = await earned(api, prj)
    assert node["earnedValue"] is None


async def test_actual_costs_are_validated_and_authorized(api: Api) -> None:
    ids = await setup(api)

    async def record(token: str | None = None, **fields: Any) -> dict[str, Any]:
        payload = {"taskId": ids["A"], "date": "2026-01-08", "amount": "10.00", **fields}
        return await api.mutate("recordActualCost", payload, RECORD, token=token)

    early = await record(date="2026-01-02")
    assert (
        early["userErrors"][0]["field"] == ["input", "date"]
        and "before the project starts" in early["userErrors"][0]["message"]
    )
    future = await record(date="2026-01-12")
    assert "after the project's status date" in future["userErrors"][0]["message"]
    cents = await record(amount="10.005")
    assert cents["userErrors"][0]["message"] == "amount has at most 2 decimal places in USD"
    too_much = await record(amount="-600.00")
    assert "negative" in too_much["userErrors"][0]["message"]
    missing = await record(taskId="VGFzazo5OTk5")
    assert missing["userErrors"][0]["code"] == "NOT_FOUND"
    correction = await record(amount="-50.00", note="refund")
    assert correction["userErrors"] == [] and correction["actualCost"]["note"] == "refund"
    viewer = await api.new_token(Role.VIEWER, "vera")
    body = await api.post(
        "mutation($i: RecordActualCostInput!) { recordActualCost(input: $i) { actualCost { id } } }",
        {"i": {"taskId": ids["A"], "date": "2026-01-08", "amount": "1.00"}},
        token=viewer,
    )
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    node = await earned(api, ids["project"])
    assert node["actualCost"] == {"amount": "500.00"}  # 550 - 50: the refused entries wrote nothing


async def test_the_old_float_actual_cost_input_is_gone(api: Api) -> None:
    ids = await setup(api)
    body = await api.post(
        "mutation($i: UpdateTaskInput!) { updateTask(input: $i) { task { id } } }",
        {"i": {"id": ids["A"], "actualCost": 10.0}},
    )
    assert body["data"] is None and "actualCost" in body["errors"][0]["message"]
