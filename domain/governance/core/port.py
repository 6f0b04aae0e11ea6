"""The port the domain services call; ``plugins.facade.Governance`` implements it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from domain.governance.core.enums import PmoType
from domain.governance.core.methodology import Methodology
from domain.governance.core.outcomes import GateDecision, GovernanceEvent, ReportSection, Violation
from domain.governance.core.rules import (
    ConfigProblem,
    ConfiguredRule,
    ExpressionRuleDefinition,
    PortfolioRules,
    RuleDescriptor,
    RuleOverride,
)
from domain.governance.core.snapshots import Change, ProjectSnapshot


class GovernancePort(Protocol):
    """Governance as the services see it. Every method is synchronous and pure with respect
    to the database: it reads snapshots and returns values."""

    def methodologies(self) -> Sequence[Methodology]:
        """Every installed methodology (``Query.methodologies``)."""
        ...

    def methodology(self, name: str) -> Methodology | None: ...

    def rule_catalog(self) -> Sequence[RuleDescriptor]:
        """Every rule any installed plugin declares (``Query.ruleCatalog``)."""
        ...

    def rules_in_force(self, pmo_type: PmoType, rules: PortfolioRules) -> list[ConfiguredRule]:
        """The effective rule set of a portfolio (``Portfolio.rules``)."""
        ...

    def check_override(
        self, override: RuleOverride, expression_rules: Sequence[ExpressionRuleDefinition] = ()
    ) -> list[ConfigProblem]:
        """Problems with a ``configureRule`` input; empty when it may be stored. Pass the
        portfolio's expression rules so they can be configured too."""
        ...

    def check_expression_rule(self, definition: ExpressionRuleDefinition) -> list[ConfigProblem]:
        """Problems with a ``defineRule`` input; empty when it may be stored."""
        ...

    def validates(
        self, pmo_type: PmoType, methodology: str, phase: str, change_kind: str, rules: PortfolioRules
    ) -> bool:
        """Whether ``validate`` would look at a project for this kind of change (so the engine
        can skip building a snapshot nobody reads)."""
        ...

    def validate(
        self,
        project: ProjectSnapshot,
        change: Change,
        rules: PortfolioRules,
        *,
        previous: ProjectSnapshot | None = None,
    ) -> list[Violation]:
        """Violations of the proposed state; any BLOCKING one refuses the change."""
        ...

    def gate(self, project: ProjectSnapshot, from_phase: str, to_phase: str, rules: PortfolioRules) -> GateDecision:
        """Decide a phase transition."""
        ...

    def assess(self, project: ProjectSnapshot, rules: PortfolioRules) -> list[Violation]:
        """Current findings (``Project.violations``)."""
        ...

    def report(self, project: ProjectSnapshot, rules: PortfolioRules) -> list[ReportSection]: ...

    def on_event(self, event: GovernanceEvent) -> None:
        """Tell plugins about a committed change; never raises."""
        ...
