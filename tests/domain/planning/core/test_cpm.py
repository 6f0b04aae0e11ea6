"""Unit cases for compute_schedule: constraints, progress, caps, releases, cycles."""

from __future__ import annotations

import numpy as np
import pytest

from domain.planning.core import (
    ConstraintType,
    CycleError,
    LinkType,
    Network,
    Schedule,
    compute_schedule,
    critical_path,
)

C = ConstraintType


def chain(**optional: object) -> Network:
    """A(3) -FS-> B(2) -FS-> C(4): 0..3, 3..5, 5..9."""
    return Network(
        durations=np.array([3, 2, 4]),
        pred=np.array([0, 1]),
        succ=np.array([1, 2]),
        link_type=np.array([LinkType.FS, LinkType.FS]),
        lag=np.array([0, 0]),
        **optional,  # type: ignore[arg-type]
    )


def constrained(task: int, kind: ConstraintType, day: int) -> Schedule:
    types = np.zeros(3, np.int64)
    days = np.zeros(3, np.int64)
    types[task], days[task] = kind, day
    return compute_schedule(chain(constraint_type=types, constraint_day=days))


def dates(s: Schedule) -> list[tuple[int, int, int, int]]:
    return [(int(a), int(b), int(c), int(d)) for a, b, c, d in zip(s.es, s.ef, s.ls, s.lf, strict=True)]


@pytest.mark.parametrize("engine", ["numba", "python"])
def test_plain_chain(engine: str) -> None:
    s = compute_schedule(chain(), engine=engine)  # type: ignore[arg-type]
    assert dates(s) == [(0, 3, 0, 3), (3, 5, 3, 5), (5, 9, 5, 9)]
    assert s.finish == 9
    assert critical_path(s) == [0, 1, 2]
    assert s.free_float.tolist() == [0, 0, 0]


def test_each_link_type_and_negative_lag() -> None:
    # A(4) then B(2) by each type with lag -1.
    expected = {LinkType.FS: 3, LinkType.SS: 0, LinkType.FF: 1, LinkType.SF: 0}
    for kind, es in expected.items():
        net = Network(np.array([4, 2]), np.array([0]), np.array([1]), np.array([kind]), np.array([-1]))
        assert compute_schedule(net).es[1] == es, kind.name


def test_snet_delays_the_start() -> None:
    s = constrained(1, C.SNET, 5)
    assert dates(s) == [(0, 3, 2, 5), (5, 7, 5, 7), (7, 11, 7, 11)]
    assert s.total_float.tolist() == [2, 0, 0]
    assert s.free_float.tolist() == [2, 0, 0]


def test_mso_pins_the_start_and_reports_what_cannot_be_met() -> None:
    assert constrained(1, C.MSO, 5).total_float.tolist() == [2, 0, 0]
    late = constrained(1, C.MSO, 1)  # B cannot start before day 3
    assert late.es.tolist() == [0, 3, 5]  # links still hold
    assert late.total_float.tolist() == [-2, -2, 0]
    assert critical_path(late) == [0, 1, 2]


def test_snlt_only_limits_the_late_start() -> None:
    s = constrained(1, C.SNLT, 2)
    assert s.es.tolist() == [0, 3, 5]
    assert s.total_float.tolist() == [-1, -1, 0]
    assert constrained(1, C.SNLT, 8).total_float.tolist() == [0, 0, 0]


def test_fnlt_limits_the_late_finish() -> None:
    s = constrained(2, C.FNLT, 8)
    assert s.lf.tolist() == [2, 4, 8]
    assert s.total_float.tolist() == [-1, -1, -1]


def test_fnet_delays_the_finish() -> None:
    s = constrained(2, C.FNET, 12)
    assert (s.es[2], s.ef[2], s.finish) == (8, 12, 12)
    assert s.total_float.tolist() == [3, 3, 0]


def test_mfo_pins_the_finish() -> None:
    s = constrained(1, C.MFO, 7)
    assert dates(s)[1] == (5, 7, 5, 7)
    assert s.total_float.tolist() == [2, 0, 0]
    early = constrained(1, C.MFO, 4)  # B cannot finish before day 5
    assert early.ef[1] == 5
    assert early.total_float.tolist() == [-1, -1, 0]


def test_release_and_status_day_hold_back_open_tasks() -> None:
    s = compute_schedule(chain(release=np.array([2, -1, -1])))
    assert s.es.tolist() == [2, 5, 7]
    s = compute_schedule(chain(status_day=4))
    assert s.es.tolist() == [4, 7, 9]
    assert compute_schedule(chain(status_day=np.int64(4))).es.tolist() == [4, 7, 9]
    per_task = compute_schedule(chain(status_day=np.array([-1, 6, -1])))
    assert per_task.es.tolist() == [0, 6, 8]


def test_finished_and_started_work() -> None:
    s = compute_schedule(
        chain(
            status_day=4,
            actual_start=np.array([0, 3, -1]),
            actual_finish=np.array([3, -1, -1]),
            remaining=np.array([-1, 3, -1]),
        )
    )
    assert dates(s) == [(0, 3, 0, 3), (3, 7, 3, 7), (7, 11, 7, 11)]
    assert s.critical.tolist() == [False, True, True]
    assert critical_path(s) == [1, 2]
    assert s.free_float[0] == 0


def test_started_task_without_remaining_keeps_its_planned_rate() -> None:
    s = compute_schedule(chain(status_day=4, actual_start=np.array([0, -1, -1])))
    # 3 days planned, 4 elapsed and still not done: it can finish at the status day.
    assert (s.es[0], s.ef[0]) == (0, 4)
    s = compute_schedule(chain(status_day=1, actual_start=np.array([0, -1, -1])))
    assert (s.es[0], s.ef[0]) == (0, 3)
    s = compute_schedule(chain(actual_start=np.array([2, -1, -1])))
    assert (s.es[0], s.ef[0], s.es[1]) == (2, 5, 5)


def test_finished_task_keeps_its_actuals_even_against_links() -> None:
    s = compute_schedule(chain(actual_start=np.array([-1, 1, -1]), actual_finish=np.array([-1, 2, -1])))
    assert dates(s)[1] == (1, 2, 1, 2)  # out of sequence: done before A finished
    assert s.es[2] == 2  # C follows B's actual finish
    s = compute_schedule(chain(actual_finish=np.array([-1, 6, -1])))
    assert (s.es[1], s.ef[1]) == (4, 6)  # no actual start: ES = AF - duration


def test_finish_links_still_drive_a_started_task() -> None:
    net = Network(
        durations=np.array([5, 1]),
        pred=np.array([0]),
        succ=np.array([1]),
        link_type=np.array([LinkType.FF]),
        lag=np.array([0]),
        status_day=0,
        actual_start=np.array([-1, 0]),
    )
    s = compute_schedule(net)
    assert (s.es[1], s.ef[1]) == (0, 5)
    fs = Network(net.durations, net.pred, net.succ, np.array([LinkType.FS]), net.lag,
                 status_day=0, actual_start=np.array([-1, 0]))  # fmt: skip
    s = compute_schedule(fs)
    assert (s.es[1], s.ef[1]) == (0, 1)  # a start link into started work binds nothing
    assert s.free_float[0] == s.finish - s.ef[0]


def test_late_finish_caps_per_project() -> None:
    # Project 1: A(2) -> B(3); project 2: C(10). Computed together.
    net = Network(np.array([2, 3, 10]), np.array([0]), np.array([1]), np.array([0]), np.array([0]))
    assert compute_schedule(net).total_float.tolist() == [5, 5, 0]
    capped = Network(net.durations, net.pred, net.succ, net.link_type, net.lag,
                     lf_cap=np.array([5, 5, -1]))  # fmt: skip
    s = compute_schedule(capped)
    assert s.total_float.tolist() == [0, 0, 0]
    assert s.free_float.tolist() == [0, 0, 0]
    tight = Network(net.durations, net.pred, net.succ, net.link_type, net.lag,
                    lf_cap=np.array([4, 4, 10]))  # fmt: skip
    assert compute_schedule(tight).total_float.tolist() == [-1, -1, 0]


def test_critical_path_is_in_schedule_order() -> None:
    # Two parallel critical branches after a common start milestone.
    net = Network(
        durations=np.array([3, 0, 3, 1]),
        pred=np.array([1, 1, 0, 2]),
        succ=np.array([2, 0, 3, 3]),
        link_type=np.zeros(4, np.int64),
        lag=np.zeros(4, np.int64),
    )
    s = compute_schedule(net)
    assert critical_path(s) == [1, 0, 2, 3]


def test_empty_and_single_task_networks() -> None:
    empty = np.array([], np.int64)
    s = compute_schedule(Network(empty, empty, empty, empty, empty))
    assert s.finish == 0
    assert critical_path(s) == []
    one = compute_schedule(Network(np.array([0]), empty, empty, empty, empty))
    assert dates(one) == [(0, 0, 0, 0)]
    assert critical_path(one) == [0]


@pytest.mark.parametrize("engine", ["numba", "python"])
def test_cyclic_network_raises_with_the_cycle(engine: str) -> None:
    # 4 -> 0 -> 1 -> 2 -> 0, plus 2 -> 3.
    net = Network(
        durations=np.ones(5, np.int64),
        pred=np.array([4, 0, 1, 2, 2]),
        succ=np.array([0, 1, 2, 0, 3]),
        link_type=np.array([0, 1, 2, 3, 0]),
        lag=np.zeros(5, np.int64),
    )
    with pytest.raises(CycleError) as caught:
        compute_schedule(net, engine=engine)  # type: ignore[arg-type]
    cycle = caught.value.tasks
    assert sorted(cycle) == [0, 1, 2]
    edges = set(zip(net.pred.tolist(), net.succ.tolist(), strict=True))
    assert all((a, b) in edges for a, b in zip(cycle, cycle[1:] + cycle[:1], strict=True))


def test_self_link_is_a_cycle() -> None:
    net = Network(np.array([1]), np.array([0]), np.array([0]), np.array([0]), np.array([0]))
    with pytest.raises(CycleError) as caught:
        compute_schedule(net)
    assert caught.value.tasks == [0]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"durations": [-1]}, "durations"),
        ({"pred": [0], "succ": [3], "link_type": [0], "lag": [0]}, "out of range"),
        ({"pred": [0], "succ": [0, 0], "link_type": [0], "lag": [0]}, "differ"),
        ({"pred": [0], "succ": [0], "link_type": [4], "lag": [0]}, "link_type"),
        ({"constraint_type": [7], "constraint_day": [0]}, "constraint_type"),
        ({"constraint_type": [1]}, "go together"),
        ({"release": [0, 0]}, "entries"),
        ({"actual_start": [3], "actual_finish": [2]}, "precede"),
        ({"durations": [[1]]}, "one-dimensional"),
    ],
)
def test_invalid_networks_are_refused(fields: dict[str, object], message: str) -> None:
    base: dict[str, object] = {"durations": [1], "pred": [], "succ": [], "link_type": [], "lag": []}
    with pytest.raises(ValueError, match=message):
        Network(**(base | fields))  # type: ignore[arg-type]


def test_time_line_beyond_the_horizon_is_refused() -> None:
    net = Network(np.array([1 << 28]), np.array([]), np.array([]), np.array([]), np.array([]))
    with pytest.raises(ValueError, match="too long"):
        compute_schedule(net)
