"""The input of a CPM computation: tasks, links, constraints, progress and caps."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from domain.planning.core.codes import NONE, ConstraintType, LinkType

IntArray = npt.NDArray[np.int64]


def as_int_array(values: npt.ArrayLike, name: str) -> IntArray:
    """Return ``values`` as a contiguous 1-D int64 array (no copy when already one)."""
    array = np.ascontiguousarray(values, dtype=np.int64)
    if array.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional, got shape {array.shape}")
    return array


@dataclass(frozen=True, slots=True)
class Network:
    """A task network on an integer time line of working days.

    Per-task arrays have one entry per task (length ``n``); link arrays have one entry
    per link. Every optional per-task array uses ``-1`` for "no value" and ``None``
    for "no value for any task". Inputs are converted to contiguous int64 arrays.

    Attributes:
        durations: working days per task, ``>= 0`` (0 = milestone).
        pred, succ: link end points (task indices); links join leaf tasks only.
        link_type: :class:`LinkType` code per link.
        lag: working days per link, may be negative.
        release: earliest allowed early start per task (project start offsets).
        constraint_type: :class:`ConstraintType` code per task.
        constraint_day: day of the constraint per task (ignored for ASAP).
        status_day: the status (data) date per task, or a single int for all tasks.
        actual_start: actual start day (started or finished tasks).
        actual_finish: actual exclusive finish day (finished tasks), same convention as EF.
        remaining: remaining working days of a started task.
        lf_cap: upper bound on each task's late finish (defaults to the project finish).
    """

    durations: IntArray
    pred: IntArray
    succ: IntArray
    link_type: IntArray
    lag: IntArray
    release: IntArray | None = None
    constraint_type: IntArray | None = None
    constraint_day: IntArray | None = None
    status_day: IntArray | int | None = None
    actual_start: IntArray | None = None
    actual_finish: IntArray | None = None
    remaining: IntArray | None = None
    lf_cap: IntArray | None = None

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        durations = as_int_array(self.durations, "durations")
        n = durations.shape[0]
        set_(self, "durations", durations)
        m: int | None = None
        for name in ("pred", "succ", "link_type", "lag"):
            array = as_int_array(getattr(self, name), name)
            if m is None:
                m = array.shape[0]
            elif array.shape[0] != m:
                raise ValueError(f"link arrays differ in length ({name} has {array.shape[0]})")
            set_(self, name, array)
        for name in (
            "release",
            "constraint_type",
            "constraint_day",
            "actual_start",
            "actual_finish",
            "remaining",
            "lf_cap",
        ):
            value = getattr(self, name)
            if value is not None:
                array = as_int_array(value, name)
                if array.shape[0] != n:
                    raise ValueError(f"{name} has {array.shape[0]} entries for {n} tasks")
                set_(self, name, array)
        if self.status_day is not None and np.ndim(self.status_day) == 0:
            set_(self, "status_day", int(self.status_day))
        elif self.status_day is not None:
            array = as_int_array(self.status_day, "status_day")
            if array.shape[0] != n:
                raise ValueError(f"status_day has {array.shape[0]} entries for {n} tasks")
            set_(self, "status_day", array)
        if (self.constraint_type is None) != (self.constraint_day is None):
            raise ValueError("constraint_type and constraint_day go together")
        self._validate()

    @property
    def task_count(self) -> int:
        """Number of tasks."""
        return int(self.durations.shape[0])

    @property
    def link_count(self) -> int:
        """Number of links."""
        return int(self.pred.shape[0])

    def _validate(self) -> None:
        n = self.task_count
        # Reductions instead of per-element checks keep the fixed cost low for the API's
        # small networks and linear for the million-task benchmark.
        if n and int(self.durations.min()) < 0:
            raise ValueError("durations must be >= 0")
        if self.link_count:
            lo = min(int(self.pred.min()), int(self.succ.min()))
            hi = max(int(self.pred.max()), int(self.succ.max()))
            if lo < 0 or hi >= n:
                raise ValueError(f"link end point out of range 0..{n - 1}")
            if int(self.link_type.min()) < LinkType.FS or int(self.link_type.max()) > LinkType.SF:
                raise ValueError("link_type codes must be 0..3 (FS, SS, FF, SF)")
        if (
            self.constraint_type is not None
            and n
            and (
                int(self.constraint_type.min()) < ConstraintType.ASAP
                or int(self.constraint_type.max()) > ConstraintType.MFO
            )
        ):
            raise ValueError("constraint_type codes must be 0..6")
        if self.actual_finish is not None and self.actual_start is not None and n:
            both = (self.actual_finish > NONE) & (self.actual_start > NONE)
            if bool(np.any(self.actual_finish[both] < self.actual_start[both])):
                raise ValueError("actual_finish must not precede actual_start")
