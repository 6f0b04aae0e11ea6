"""Governance as pure values: the snapshots hooks receive, what they return, and the port the
domain services call. No behaviour lives here; ``plugins`` implements :class:`GovernancePort`
and ``governance_rules`` holds the rule catalog.
"""

from domain.governance.core.enums import GateOutcome, PmoType, Severity
from domain.governance.core.methodology import GateSpec, Methodology
from domain.governance.core.outcomes import (
    GateDecision,
    GovernanceEvent,
    Kpi,
    ReportSection,
    Violation,
)
from domain.governance.core.port import GovernancePort
from domain.governance.core.rules import (
    ConfigProblem,
    ConfiguredRule,
    ExpressionRuleDefinition,
    Finding,
    ParameterSpec,
    ParameterType,
    ParameterValue,
    PortfolioRules,
    Rule,
    RuleCheck,
    RuleContext,
    RuleDescriptor,
    RuleOverride,
    RuleSetEntry,
)
from domain.governance.core.snapshots import (
    Change,
    ChangeSnapshot,
    DependencySnapshot,
    ProjectSnapshot,
    ResourceOverAllocation,
    RiskSnapshot,
    TaskSnapshot,
)

__all__ = [
    "Change",
    "ChangeSnapshot",
    "ConfigProblem",
    "ConfiguredRule",
    "DependencySnapshot",
    "ExpressionRuleDefinition",
    "Finding",
    "GateDecision",
    "GateOutcome",
    "GateSpec",
    "GovernanceEvent",
    "GovernancePort",
    "Kpi",
    "Methodology",
    "ParameterSpec",
    "ParameterType",
    "ParameterValue",
    "PmoType",
    "PortfolioRules",
    "ProjectSnapshot",
    "ReportSection",
    "ResourceOverAllocation",
    "RiskSnapshot",
    "Rule",
    "RuleCheck",
    "RuleContext",
    "RuleDescriptor",
    "RuleOverride",
    "RuleSetEntry",
    "Severity",
    "TaskSnapshot",
    "Violation",
]
