"""SQLModel tables. Importing this package registers every table on ``SQLModel.metadata``."""

from domain.entities.event import Event
from domain.entities.governance import CustomRule, GateRequest, RuleConfig
from domain.entities.monitoring import ActualCost, ProgressEntry
from domain.entities.portfolio import Calendar, Portfolio, Program
from domain.entities.project import Baseline, BaselineTask, Project
from domain.entities.resource import Assignment, Resource
from domain.entities.risk import Risk
from domain.entities.task import Dependency, Task
from domain.entities.user import ApiToken, RoleGrant, User

__all__ = [
    "ActualCost",
    "ApiToken",
    "Assignment",
    "Baseline",
    "BaselineTask",
    "Calendar",
    "CustomRule",
    "Dependency",
    "Event",
    "GateRequest",
    "Portfolio",
    "Program",
    "ProgressEntry",
    "Project",
    "Resource",
    "Risk",
    "RoleGrant",
    "RuleConfig",
    "Task",
    "User",
]
