"""Pure resource allocation core: load, over-allocation and leveling."""

from domain.allocation.leveling import level
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
    "Project",
    "Resource",
    "Task",
    "level",
    "parse_psplib",
]
