"""Governance mutations: phase transitions, gate decisions, rule configuration."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.scalars import JSON

from api.context import Info
from api.features.base.common import Payload, input_id, perform
from api.features.governance.types import ConfiguredRule, GateRequest
from api.features.portfolio.project_mutations import ProjectPayload
from api.features.portfolio.project_types import Project
from domain.base.work import Work
from domain.governance import gates, rule_config
from domain.governance.core.enums import Severity
from domain.governance.core.rules import ConfiguredRule as DomainConfiguredRule
from domain.governance.core.rules import ExpressionRuleDefinition
from domain.governance.gates import GateResult


@strawberry.input(description="Ask to move a project into a phase (the next one, or back for rework).")
class TransitionPhaseInput:
    project_id: strawberry.ID
    to_phase: str


@strawberry.input
class DecideGateInput:
    gate_request_id: strawberry.ID
    approve: bool
    comment: str | None = None


@strawberry.input(description="Settings not sent keep their stored value.")
class ConfigureRuleInput:
    portfolio_id: strawberry.ID
    rule_id: str
    enabled: bool | None = strawberry.UNSET
    severity: Severity | None = strawberry.field(
        default=strawberry.UNSET, description="null: back to the PMO type's default."
    )
    parameters: JSON | None = strawberry.field(
        default=strawberry.UNSET, description="Only the parameters you set, e.g. {max_percent: 10}; null: defaults."
    )


@strawberry.input(description="A rule written in CEL that must hold; see docs/governance.md for the view.")
class DefineRuleInput:
    portfolio_id: strawberry.ID
    rule_id: str = strawberry.field(description="Dotted lower-case words, e.g. custom.budget_cap.")
    applies_to: str = strawberry.field(description="project, task, risk or dependency.")
    expression: str
    severity: Severity
    message: str
    enabled: bool = True


@strawberry.type
class GateRequestPayload(Payload):
    gate_request: GateRequest | None
    project: Project | None


@strawberry.type
class RulePayload(Payload):
    rule: ConfiguredRule | None


def _given(value: Any) -> Any:
    return rule_config.KEEP if value is strawberry.UNSET else value


@strawberry.type
class GovernanceMutations:
    @strawberry.mutation(
        description="Move a project to a phase through its gate: it moves, is refused with the reasons, "
        "or waits for the PMO's approval (gateRequest)."
    )
    async def transition_phase(self, info: Info, input: TransitionPhaseInput) -> ProjectPayload:
        async def act(w: Work) -> GateResult:
            project_id = input_id(input.project_id, "Project", "projectId")
            return await gates.transition_phase(w, info.context.governance, project_id, input.to_phase)

        out = await perform(info, act)
        return ProjectPayload(
            project=Project.of(out.value.project) if out.value else None,
            gate_request=GateRequest.of(out.value.gate_request) if out.value and out.value.gate_request else None,
            user_errors=out.user_errors,
            violations=out.violations,
        )

    @strawberry.mutation(description="Approve or reject a pending gate request (PMO or admin of the portfolio).")
    async def decide_gate(self, info: Info, input: DecideGateInput) -> GateRequestPayload:
        async def act(w: Work) -> GateResult:
            request_id = input_id(input.gate_request_id, "GateRequest", "gateRequestId")
            return await gates.decide_gate(w, info.context.governance, request_id, input.approve, input.comment)

        out = await perform(info, act)
        return GateRequestPayload(
            gate_request=GateRequest.of(out.value.gate_request) if out.value and out.value.gate_request else None,
            project=Project.of(out.value.project) if out.value else None,
            user_errors=out.user_errors,
            violations=out.violations,
        )

    @strawberry.mutation(description="Turn a rule on or off, set its severity and parameters (admin).")
    async def configure_rule(self, info: Info, input: ConfigureRuleInput) -> RulePayload:
        async def act(w: Work) -> DomainConfiguredRule:
            return await rule_config.configure_rule(
                w,
                info.context.governance,
                portfolio_id=input_id(input.portfolio_id, "Portfolio", "portfolioId"),
                rule_id=input.rule_id,
                enabled=_given(input.enabled),
                severity=_given(input.severity),
                parameters=_given(input.parameters),
            )

        out = await perform(info, act)
        return RulePayload(
            rule=ConfiguredRule.of(out.value) if out.value else None,
            user_errors=out.user_errors,
            violations=out.violations,
        )

    @strawberry.mutation(description="Add or replace an expression rule (CEL) of a portfolio (admin).")
    async def define_rule(self, info: Info, input: DefineRuleInput) -> RulePayload:
        async def act(w: Work) -> DomainConfiguredRule:
            definition = ExpressionRuleDefinition(
                rule_id=input.rule_id,
                applies_to=input.applies_to,
                expression=input.expression,
                severity=input.severity,
                message=input.message,
                enabled=input.enabled,
            )
            return await rule_config.define_rule(
                w,
                info.context.governance,
                portfolio_id=input_id(input.portfolio_id, "Portfolio", "portfolioId"),
                definition=definition,
            )

        out = await perform(info, act)
        return RulePayload(
            rule=ConfiguredRule.of(out.value) if out.value else None,
            user_errors=out.user_errors,
            violations=out.violations,
        )
