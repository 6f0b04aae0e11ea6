"""rollup_summaries: WBS parents spanning their children."""

from __future__ import annotations

import numpy as np
import pytest

from domain.planning.core import rollup_summaries

# 0 root summary; 1 summary under 0 with leaves 2, 3; leaf 4 under 0; 5 a lone root leaf.
PARENT = np.array([-1, 0, 1, 1, 0, -1])
IGNORED = -99


def test_summaries_span_their_children() -> None:
    es = np.array([IGNORED, IGNORED, 0, 4, 2, 1])
    ef = np.array([IGNORED, IGNORED, 4, 6, 9, 3])
    ls = np.array([IGNORED, IGNORED, 3, 7, 2, 5])
    lf = np.array([IGNORED, IGNORED, 7, 9, 9, 7])
    tf = ls - es
    tf[:2] = IGNORED
    r = rollup_summaries(PARENT, es, ef, ls, lf, tf)
    assert r.is_summary.tolist() == [True, True, False, False, False, False]
    assert r.es.tolist() == [0, 0, 0, 4, 2, 1]
    assert r.ef.tolist() == [9, 6, 4, 6, 9, 3]
    assert r.ls.tolist() == [2, 3, 3, 7, 2, 5]
    assert r.lf.tolist() == [9, 9, 7, 9, 9, 7]
    assert r.total_float.tolist() == [0, 3, 3, 3, 0, 4]
    assert r.critical.tolist() == [True, False, False, False, True, False]


def test_finished_children_do_not_make_a_summary_critical() -> None:
    es = np.array([0, 0, 0, 4, 2, 1])
    ef = np.array([0, 0, 4, 6, 9, 3])
    tf = np.array([0, 0, 0, 3, 0, 4])
    finished = np.array([False, False, True, False, True, False])
    r = rollup_summaries(PARENT, es, ef, es + tf, ef + tf, tf, finished=finished)
    assert r.total_float.tolist() == [3, 3, 0, 3, 0, 4]
    assert r.critical.tolist() == [False, False, False, False, False, False]
    all_done = rollup_summaries(PARENT, es, ef, es, ef, tf, finished=np.ones(6, np.bool_))
    assert all_done.total_float[0] == 0
    assert not all_done.critical.any()


def test_parent_loops_and_bad_indices_are_refused() -> None:
    z = np.zeros(2, np.int64)
    with pytest.raises(ValueError, match="loop"):
        rollup_summaries(np.array([1, 0]), z, z, z, z, z)
    with pytest.raises(ValueError, match="range"):
        rollup_summaries(np.array([5, -1]), z, z, z, z, z)
