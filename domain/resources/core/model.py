"""Plain input and output records of the allocation core.

Everything is indexed by position: a link names tasks by their index in
``LevelingProblem.tasks``, a demand names resources by their index in
``LevelingProblem.resources`` and a task names its project by its index in
``LevelingProblem.projects``.  The API layer keeps the mapping to its own ids.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class LinkType(StrEnum):
    FS = "FS"
    SS = "SS"
    FF = "FF"
    SF = "SF"


@dataclass(frozen=True, slots=True)
class Task:
    duration: int
    project: int = 0
    demand: Mapping[int, float] = field(default_factory=dict)
    release: int | None = None
    fixed_start: int | None = None


@dataclass(frozen=True, slots=True)
class Link:
    pred: int
    succ: int
    type: LinkType = LinkType.FS
    lag: int = 0


@dataclass(frozen=True, slots=True)
class Resource:
    """Units available per day; ``profile[t]`` overrides ``capacity`` on day ``t``."""

    capacity: float
    profile: tuple[float, ...] = ()

    def capacity_on(self, day: int) -> float:
        if 0 <= day < len(self.profile):
            return self.profile[day]
        return self.capacity


@dataclass(frozen=True, slots=True)
class Project:
    priority: int = 0


@dataclass(frozen=True, slots=True)
class LevelingProblem:
    tasks: tuple[Task, ...]
    links: tuple[Link, ...] = ()
    resources: tuple[Resource, ...] = ()
    # Empty means every task's project gets priority 0.
    projects: tuple[Project, ...] = ()


@dataclass(frozen=True, slots=True)
class LevelingOptions:
    """``time_limit`` is wall-clock seconds for the whole call; with ``deterministic`` it is a
    work budget instead (the same result on any machine, however loaded; docs/leveling.md)."""

    time_limit: float = 1.0
    seed: int = 0
    use_cp_sat: bool = True
    deterministic: bool = False


@dataclass(frozen=True, slots=True)
class ImpossibleDemand:
    task: int
    resource: int
    demand: float
    capacity: float


@dataclass(frozen=True, slots=True)
class LevelingResult:
    starts: tuple[int, ...]
    makespan: int
    project_finish: tuple[int, ...]
    early_start: tuple[int, ...]
    delay: tuple[int, ...]
    impossible: tuple[ImpossibleDemand, ...]
    # Links into a fixed task are facts of progress, not constraints; those the
    # recorded progress violates are listed here (indices into problem.links).
    overridden_links: tuple[int, ...]
    # Lexicographic objective value, see docs/leveling.md.
    objective: tuple[int, ...]
    lower_bound: int
    proven_optimal: bool
