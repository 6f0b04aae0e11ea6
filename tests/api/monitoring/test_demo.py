"""The demo portfolio shows monitoring: a baselined project behind schedule and over cost."""

from __future__ import annotations

from api.demo import load_demo
from tests.conftest import Api


async def test_the_demo_crm_project_is_behind_and_over_cost(api: Api) -> None:
    pid = await load_demo(api.runtime, only_if_empty=False)
    data = await api.data(
        """query($id: ID!) { node(id: $id) { ... on Portfolio { currency projects { nodes { key
          earnedValue { pv { amount } ev { amount } ac { amount } spi cpi spiT forecastFinish } } } } } }""",
        {"id": pid},
    )
    crm = next(p for p in data["node"]["projects"]["nodes"] if p["key"] == "CRM")["earnedValue"]
    # Planned 7,000 + 10,500 + 6,400 by 6 Feb; earned 7,000 + 60 % of 10,500 + 50 % of 6,400; spent 22,200.
    assert (crm["pv"]["amount"], crm["ev"]["amount"], crm["ac"]["amount"]) == ("23900.00", "16500.00", "22200.00")
    assert crm["spi"] < 1 and crm["cpi"] < 1 and crm["spiT"] < 1
    assert crm["forecastFinish"] is not None
