"""How levelResources splits its time limit (domain/resources/leveling_time.py)."""

from __future__ import annotations

import pytest

from domain.resources.leveling_time import MIN_SEARCH_SHARE, RequestClock, StoreCost


@pytest.fixture(autouse=True)
def _fresh_cost(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(StoreCost, "per_task", 0.0)


def test_deterministic_mode_gives_the_search_the_whole_limit_as_work() -> None:
    StoreCost.observe(5.0, 100)
    assert RequestClock(2.0, deterministic=True).search_limit(10_000) == 2.0


def test_the_search_leaves_room_for_the_store_phase_it_learnt() -> None:
    assert RequestClock(60.0).search_limit(10_000) <= 60.0
    StoreCost.observe(1.02, 1_000)  # 1 ms per task
    assert StoreCost.per_task == pytest.approx(0.001)
    # 10,000 tasks: about 10 s of storing expected, so at most 50 s of search.
    assert RequestClock(60.0).search_limit(10_000) <= 50.0
    StoreCost.observe(0.02, 1_000)  # a cheaper store halves the estimate
    assert StoreCost.per_task == pytest.approx(0.0005)


def test_a_tiny_limit_still_leaves_the_search_its_minimum_share() -> None:
    StoreCost.observe(100.0, 10)
    assert RequestClock(0.5).search_limit(1_000) == pytest.approx(MIN_SEARCH_SHARE * 0.5)
