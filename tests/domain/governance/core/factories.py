"""Project snapshots for governance tests: a sound one, and ways to spoil it.

``sound_project()`` passes every built-in rule: it has a manager, objectives, scope and a
budget, its high risk is owned and mitigated, and its schedule is a clean finish-to-start
chain (start milestone, three assigned tasks, finish milestone) on the critical path.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import numpy as np

from domain.governance.core import (
    DependencySnapshot,
    PmoType,
    ProjectSnapshot,
    RiskSnapshot,
    TaskSnapshot,
)

START = date(2025, 1, 6)  # a Monday


def workday(offset: int) -> date:
    """The date of working day ``offset`` counted from :data:`START` (Mon-Fri)."""
    day: date = np.busday_offset(START, offset, roll="forward").astype(date)
    return day


def chain(durations: tuple[int, ...] = (5, 10, 5)) -> tuple[tuple[TaskSnapshot, ...], tuple[DependencySnapshot, ...]]:
    """Start milestone, one task per duration, finish milestone, linked FS in a chain."""
    tasks = [
        TaskSnapshot(
            "T0",
            "Start",
            0,
            milestone=True,
            start=START,
            finish=START,
            total_float=0,
            free_float=0,
            critical=True,
            successor_count=1,
        )
    ]
    offset = 0
    for i, duration in enumerate(durations, start=1):
        first, last = workday(offset), workday(offset + duration - 1)
        tasks.append(
            TaskSnapshot(
                f"T{i}",
                f"Task {i}",
                duration,
                early_start=first,
                early_finish=last,
                late_start=first,
                late_finish=last,
                start=first,
                finish=last,
                total_float=0,
                free_float=0,
                critical=True,
                assignment_count=1,
                predecessor_count=1,
                successor_count=1,
                baseline_start=first,
                baseline_finish=last,
            )
        )
        offset += duration
    end = workday(offset - 1)
    n = len(durations) + 1
    tasks.append(
        TaskSnapshot(
            f"T{n}",
            "Finish",
            0,
            milestone=True,
            start=end,
            finish=end,
            total_float=0,
            free_float=0,
            critical=True,
            predecessor_count=1,
            baseline_finish=end,
        )
    )
    links = tuple(DependencySnapshot(f"D{i}", f"T{i}", f"T{i + 1}") for i in range(n))
    return tuple(tasks), links


def sound_project(**changes: Any) -> ProjectSnapshot:
    tasks, links = chain()
    project = ProjectSnapshot(
        id="P1",
        key="ALPHA",
        name="Alpha",
        phase="Initiation",
        pmo_type=PmoType.CONTROLLING,
        methodology="Default",
        start_date=START,
        portfolio_id="PF1",
        objectives="Ship the thing",
        scope="The thing, not the other thing",
        manager="Ada",
        budget=Decimal("100000.00"),
        finish_date=tasks[-1].finish,
        baseline_finish=tasks[-1].finish,
        tasks=tasks,
        dependencies=links,
        risks=(RiskSnapshot("R1", "Supplier late", 0.6, 4, owner="Bob", mitigation="Second supplier"),),
    )
    return replace(project, **changes)


def deficient_project(**changes: Any) -> ProjectSnapshot:
    """Not ready to leave Initiation: no manager, no objectives."""
    return sound_project(manager=None, objectives="", **changes)


def with_task(project: ProjectSnapshot, index: int, **changes: Any) -> ProjectSnapshot:
    tasks = list(project.tasks)
    tasks[index] = replace(tasks[index], **changes)
    return replace(project, tasks=tuple(tasks))
