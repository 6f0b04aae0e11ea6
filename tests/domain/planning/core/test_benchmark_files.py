"""The benchmark scripts: generator, fast JSON loader and networkx baseline agree."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from domain.planning.core import compute_schedule

BENCHMARKS = Path(__file__).resolve().parents[4] / "benchmarks"


def load_script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCHMARKS / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scripts() -> tuple[ModuleType, ModuleType]:
    return load_script("make_network"), load_script("cpm")


def test_generated_network_round_trips_and_matches_networkx(
    scripts: tuple[ModuleType, ModuleType], tmp_path: Path
) -> None:
    make, cpm = scripts
    durations, links = make.make_network(300, 900, 7)
    path = tmp_path / "net.json"
    make.write_network(path, durations, links)
    fast = cpm.load_network(path)
    slow = cpm._load_json(path.read_bytes())
    for name in ("durations", "pred", "succ", "link_type", "lag"):
        assert np.array_equal(getattr(fast, name), getattr(slow, name)), name
    assert np.array_equal(fast.link_type, links[:, 2])
    assert (fast.lag < 0).any()
    assert set(fast.link_type.tolist()) == {0, 1, 2, 3}
    schedule = compute_schedule(fast)
    dates, finish = cpm.schedule_with_networkx(fast)
    assert finish == schedule.finish
    for name, values in dates.items():
        assert np.array_equal(np.asarray(values), getattr(schedule, name)), name


def test_the_script_writes_the_result_file(
    scripts: tuple[ModuleType, ModuleType], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, cpm = scripts
    source = tmp_path / "net.json"
    # Pretty-printed, with the link types spelled out.
    source.write_text(json.dumps({"durations": [2, 3, 0], "links": [[0, 1, "SS", -1], [1, 2, "FF", 0]]}, indent=2))
    out = tmp_path / "result.json"
    assert cpm.main([str(source), "--out", str(out), "--repeat", "1", "--compare-networkx"]) == 0
    result = json.loads(out.read_text())
    assert result == {
        "early_start": [0, 0, 3],
        "early_finish": [2, 3, 3],
        "late_start": [1, 0, 3],
        "late_finish": [3, 3, 3],
        "total_float": [1, 0, 0],
        "free_float": [1, 0, 0],
        "finish": 3,
    }
    printed = capsys.readouterr().out.splitlines()
    assert any(line.startswith("compute_seconds ") for line in printed)
    assert "networkx_agrees True" in printed
    empty = tmp_path / "empty.json"
    empty.write_text('{"durations": [], "links": []}')
    assert cpm.main([str(empty), "--out", str(out), "--repeat", "1"]) == 0
    assert json.loads(out.read_text())["finish"] == 0
