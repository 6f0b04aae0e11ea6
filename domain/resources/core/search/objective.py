"""The leveling objective: lexicographic over priority classes.

``(F_0, F_1, ..., F_{K-1}, makespan, sum of starts)`` where ``F_k`` is the sum
of finish days of the projects in priority class ``k`` (class 0 holds the
highest priority), compared lexicographically.  The last term only prefers the
tidier of two schedules that are otherwise equal.
"""

from __future__ import annotations

import numpy as np

from domain.resources.core.search.compiled import Compiled, IntArray


def project_finishes(c: Compiled, starts: IntArray) -> IntArray:
    finish = np.zeros(c.n_projects, dtype=np.int64)
    if c.n:
        np.maximum.at(finish, c.project, starts + c.durations)
    return finish


def project_classes(c: Compiled) -> IntArray:
    classes = np.zeros(c.n_projects, dtype=np.int64)
    # Projects without tasks sit in the lowest class; their finish is 0 anyway.
    classes[:] = c.n_classes - 1
    classes[c.project] = c.class_rank
    return classes


def objective(c: Compiled, starts: IntArray) -> tuple[int, ...]:
    finish = project_finishes(c, starts)
    per_class = np.zeros(c.n_classes, dtype=np.int64)
    np.add.at(per_class, project_classes(c), finish)
    makespan = int(np.max(starts + c.durations, initial=0))
    tidiness = int(np.sum(starts[~c.fixed]))
    return (*(int(v) for v in per_class), makespan, tidiness)
