"""Typed wrapper around the compiled SGS: forward, backward and justification passes."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from domain.resources.core.search.compiled import Compiled, IntArray
from domain.resources.core.search.kernels import decode

FloatArray = npt.NDArray[np.float64]

# Keys stay far below this, so adding rank * RANK_STEP orders whole priority
# classes before any key comparison.
RANK_STEP = 1e9


def _width(c: Compiled, min_start: IntArray, delta: IntArray) -> int:
    """Days the serial SGS can ever need: past every fixed booking and release,
    a task always fits once everything before it is done."""
    return int(
        c.residual.shape[1]
        + max(0, int(np.max(min_start, initial=0)))
        + int(np.sum(c.durations))
        + int(np.sum(np.maximum(delta, 0)))
        + 1
    )


def _extend(c: Compiled, levels: IntArray, width: int) -> IntArray:
    out = np.repeat(c.base_capacity[:, None], width, axis=1)
    out[:, : levels.shape[1]] = levels[:, :width]
    return np.ascontiguousarray(out)


class Decoder:
    def __init__(self, c: Compiled, per_project: bool = False) -> None:
        self.c = c
        # Justify for the sum of project finishes (portfolios) rather than the makespan.
        self.per_project = per_project
        self.rank_offset = c.key_rank.astype(np.float64) * RANK_STEP
        self.width = _width(c, c.min_start, c.in_delta)
        self.residual = _extend(c, c.residual, self.width)
        self.demand = np.ascontiguousarray(c.demand)
        # The resources each task demands, CSR: the kernel checks only those.
        task, res = np.nonzero(self.demand)
        self.use_ptr = np.concatenate(([0], np.cumsum(np.bincount(task, minlength=c.n)))).astype(np.int64)
        self.use_res = res.astype(np.int64)
        # Mirror: S[d] >= S[s] + delta  <=>  M[s] >= M[d] + delta + dur[d] - dur[s],
        # with M = T - S - dur; arcs from fixed tasks only bound the forward pass.
        dst = np.repeat(np.arange(c.n, dtype=np.int64), np.diff(c.in_ptr))
        keep = ~c.fixed[c.in_src]
        src, dst = c.in_src[keep], dst[keep]
        delta = c.in_delta[keep] + c.durations[dst] - c.durations[src]
        by_new_dst = np.argsort(src, kind="stable")
        by_new_src = np.argsort(dst, kind="stable")
        self.b_in_ptr = np.concatenate(([0], np.cumsum(np.bincount(src, minlength=c.n))))
        self.b_in_src = dst[by_new_dst]
        self.b_in_delta = delta[by_new_dst]
        self.b_out_ptr = np.concatenate(([0], np.cumsum(np.bincount(dst, minlength=c.n))))
        self.b_out_dst = src[by_new_src]
        self.b_delta_room = int(np.sum(np.maximum(delta, 0)))
        # Mirrored runs end by the forward width; fixed tasks may sit past it.
        self.backward_width = (
            self.width
            + int(np.max(np.abs(c.min_start[c.fixed]), initial=0))
            + int(np.sum(c.durations))
            + self.b_delta_room
            + 1
        )
        self.ops = np.zeros(1, dtype=np.int64)
        # Scratch time line for forward passes: a pass only books days before its end,
        # so only those are restored (the full width is mostly idle days).
        self._scratch = self.residual.copy()
        self._dirty = 0

    def forward(self, keys: FloatArray) -> IntArray:
        c = self.c
        starts = np.empty(c.n, dtype=np.int64)
        residual = self._scratch
        residual[:, : self._dirty] = self.residual[:, : self._dirty]
        self._dirty = self.width
        done = decode(
            keys + self.rank_offset,
            c.durations,
            self.demand,
            c.min_start,
            c.fixed,
            c.in_ptr,
            c.in_src,
            c.in_delta,
            c.out_ptr,
            c.out_dst,
            self.use_ptr,
            self.use_res,
            residual,
            starts,
            self.ops,
        )
        if done < 0:
            raise RuntimeError("schedule horizon bound exceeded")
        self._dirty = done
        return starts

    def backward(self, keys: FloatArray, horizon: int, due: IntArray | None = None) -> IntArray:
        """Latest starts for ``keys`` (smallest key finishes last) ending by ``horizon``,
        or by ``due[j]`` (at most ``horizon``) for each task ``j``."""
        c = self.c
        min_start = np.zeros(c.n, dtype=np.int64) if due is None else horizon - due
        min_start[c.fixed] = horizon - c.min_start[c.fixed] - c.durations[c.fixed]
        width = horizon + int(np.max(min_start, initial=0)) + int(np.sum(c.durations))
        width += self.b_delta_room + 1
        levels = np.repeat(c.base_capacity[:, None], width, axis=1)
        mirrored = c.residual[:, :horizon][:, ::-1]
        levels[:, horizon - mirrored.shape[1] : horizon] = mirrored
        mirror = np.empty(c.n, dtype=np.int64)
        done = decode(
            keys,
            c.durations,
            self.demand,
            min_start,
            c.fixed,
            self.b_in_ptr,
            self.b_in_src,
            self.b_in_delta,
            self.b_out_ptr,
            self.b_out_dst,
            self.use_ptr,
            self.use_res,
            np.ascontiguousarray(levels),
            mirror,
            self.ops,
        )
        if done < 0:
            raise RuntimeError("schedule horizon bound exceeded")
        return horizon - mirror - c.durations

    def justify(self, starts: IntArray, per_project: bool = False) -> IntArray:
        """Double justification (Valls et al.): right-justify, then left-justify.

        ``per_project`` right-justifies each project against its own finish instead of the
        makespan (for the sum of project finishes; see kernels.evolve)."""
        c = self.c
        ends = starts + c.durations
        horizon = int(np.max(ends, initial=0))
        due = None
        if per_project:
            finish = np.zeros(c.n_projects, dtype=np.int64)
            np.maximum.at(finish, c.project, ends)
            due = finish[c.project]
        right = self.backward(-ends.astype(np.float64), horizon, due)
        return self.forward(right.astype(np.float64))
