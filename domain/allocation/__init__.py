"""Pure resource allocation core: load, over-allocation and leveling."""

from domain.allocation.leveling import level
from domain.allocation.load import (
    Period,
    PeriodLoad,
    ResourceLoad,
    resource_load,
    roll_up,
    tasks_on_over_allocated_days,
)
from domain.allocation.model import (
    ImpossibleDemand,
    LevelingOptions,
    LevelingProblem,
    LevelingResult,
    Link,
    LinkType,
    Project,
    Resource,
    Task,
)
from domain.allocation.psplib import parse_psplib

__all__ = [
    "ImpossibleDemand",
    "LevelingOptions",
    "LevelingProblem",
    "LevelingResult",
    "Link",
    "LinkType",
    "Period",
    "PeriodLoad",
    "Project",
    "Resource",
    "ResourceLoad",
    "Task",
    "level",
    "parse_psplib",
    "resource_load",
    "roll_up",
    "tasks_on_over_allocated_days",
]
