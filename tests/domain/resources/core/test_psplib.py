from __future__ import annotations

from pathlib import Path

import pytest

from domain.resources.core import LevelingOptions, LinkType, level, parse_psplib

from .checks import assert_valid

SHARED = Path(__file__).resolve().parents[4] / ".." / "shared" / "benchmarks" / "psplib" / "j30"
INSTANCE = SHARED / "j301_1.sm"

pytestmark = pytest.mark.skipif(not INSTANCE.exists(), reason="PSPLIB data not present")


def test_parse_j301_1() -> None:
    problem = parse_psplib(INSTANCE.read_text())
    assert len(problem.tasks) == 32
    assert [r.capacity for r in problem.resources] == [12.0, 13.0, 4.0, 12.0]
    assert problem.tasks[0].duration == 0
    assert problem.tasks[1].duration == 8
    assert problem.tasks[1].demand == {0: 4.0}
    assert problem.tasks[31].duration == 0
    assert len(problem.links) == 48
    assert all(link.type is LinkType.FS and link.lag == 0 for link in problem.links)
    assert {link.succ for link in problem.links if link.pred == 0} == {1, 2, 3}


def test_j301_1_is_leveled_to_its_optimum_deterministically() -> None:
    problem = parse_psplib(INSTANCE.read_text())
    options = LevelingOptions(time_limit=0.5, seed=3, deterministic=True)
    result = level(problem, options)
    assert result.makespan == 43  # optimum.csv
    assert_valid(problem, result)
    assert level(problem, options) == result
