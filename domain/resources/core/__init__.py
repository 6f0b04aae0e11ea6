"""Pure resource allocation core: load, over-allocation and leveling."""

from domain.resources.core.leveling import level, warm_up
from domain.resources.core.load import (
    Period,
    PeriodLoad,
    ResourceLoad,
    resource_load,
    roll_up,
    tasks_on_over_allocated_days,
)
from domain.resources.core.model import (
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
from domain.resources.core.psplib import parse_psplib

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
    "warm_up",
]
