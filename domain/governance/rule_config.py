"""A portfolio's governance configuration: rule settings (``configureRule``) and
admin-authored expression rules (``defineRule``). Both need the admin role on the portfolio;
both are checked by governance before anything is stored."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from sqlmodel import SQLModel, select

from domain.base.authz import Role
from domain.base.changes import apply_changes
from domain.base.errors import DomainError, ErrorCode, FieldProblem
from domain.base.records import describe, get_or_404
from domain.base.work import Work
from domain.entities import CustomRule, Portfolio, RuleConfig
from domain.governance.core.enums import PmoType, Severity
from domain.governance.core.port import GovernancePort
from domain.governance.core.rules import ConfigProblem, ConfiguredRule, ExpressionRuleDefinition, RuleOverride
from domain.governance.snapshots.build import portfolio_rules

RowT = TypeVar("RowT", bound=SQLModel)

# Governance's problem codes, as the API's error codes (the specific problem is in the message).
_CODES = {"UNKNOWN_RULE": ErrorCode.NOT_FOUND, "DUPLICATE_RULE_ID": ErrorCode.DUPLICATE}

KEEP: Any = object()
"""Marks a setting the client did not send: the stored one (or the default) stays."""


def _refuse(problems: Sequence[ConfigProblem]) -> DomainError:
    return DomainError([FieldProblem(p.field, p.message, _CODES.get(p.code, ErrorCode.INVALID)) for p in problems])


async def rule_in_force(work: Work, governance: GovernancePort, portfolio: Portfolio, rule_id: str) -> ConfiguredRule:
    assert portfolio.id is not None
    rules = await portfolio_rules(work.session, portfolio.id)
    in_force = governance.rules_in_force(PmoType(portfolio.pmo_type), rules)
    return next(r for r in in_force if r.rule_id == rule_id)


async def configure_rule(
    work: Work,
    governance: GovernancePort,
    *,
    portfolio_id: int,
    rule_id: str,
    enabled: bool | None = KEEP,
    severity: Severity | None = KEEP,
    parameters: object = KEEP,
) -> ConfiguredRule:
    """Turn a rule on or off and set its severity and parameters for one portfolio.

    Settings not sent keep their stored value; ``severity`` null goes back to the PMO type's
    default; ``parameters`` holds only what the admin sets (null or ``{}``: all defaults)."""
    portfolio = await get_or_404(work.session, Portfolio, portfolio_id, "portfolioId")
    work.viewer.require(portfolio_id, Role.ADMIN, "configure governance rules")
    if parameters is not KEEP and parameters is not None and not isinstance(parameters, Mapping):
        raise DomainError.single("parameters", "parameters must be a JSON object of parameter names to values")
    if enabled is None:
        raise DomainError.single("enabled", "enabled cannot be null")
    stored = await work.session.scalar(
        select(RuleConfig).where(RuleConfig.portfolio_id == portfolio_id, RuleConfig.rule_id == rule_id)
    )
    chosen: dict[str, Any] = {}
    if parameters is KEEP:
        chosen = dict(stored.parameters) if stored else {}
    elif isinstance(parameters, Mapping):
        chosen = {str(k): v for k, v in parameters.items()}
    override = RuleOverride(
        rule_id,
        enabled=(stored.enabled if stored else True) if enabled is KEEP else enabled,
        severity=(Severity(stored.severity) if stored and stored.severity else None) if severity is KEEP else severity,
        parameters=chosen,
    )
    rules = await portfolio_rules(work.session, portfolio_id)
    problems = governance.check_override(override, rules.expression_rules)
    if problems:
        raise _refuse(problems)
    values: dict[str, Any] = {
        "enabled": override.enabled,
        "severity": override.severity.value if override.severity else None,
        "parameters": dict(override.parameters),
    }
    await _upsert(
        work,
        stored,
        lambda: RuleConfig(portfolio_id=portfolio_id, rule_id=rule_id, **values),
        values,
        "rule.configured",
        portfolio_id,
    )
    return await rule_in_force(work, governance, portfolio, rule_id)


async def _upsert(
    work: Work,
    stored: RowT | None,
    make: Callable[[], RowT],
    values: Mapping[str, Any],
    kind: str,
    portfolio_id: int,
) -> None:
    """Store a new row, or apply ``values`` to the stored one; record the event if anything changed."""
    if stored is None:
        row = make()
        work.session.add(row)
        await work.session.flush()
        work.record(kind, row, portfolio_id)
        return
    before = describe(stored)
    if apply_changes(stored, values):
        await work.session.flush()
        work.record(kind, stored, portfolio_id, before=before)


async def define_rule(
    work: Work,
    governance: GovernancePort,
    *,
    portfolio_id: int,
    definition: ExpressionRuleDefinition,
) -> ConfiguredRule:
    """Add or replace an admin-authored expression rule (CEL) of one portfolio."""
    portfolio = await get_or_404(work.session, Portfolio, portfolio_id, "portfolioId")
    work.viewer.require(portfolio_id, Role.ADMIN, "define governance rules")
    problems = governance.check_expression_rule(definition)
    if problems:
        raise _refuse(problems)
    values: dict[str, Any] = {
        "applies_to": definition.applies_to,
        "expression": definition.expression,
        "severity": definition.severity.value,
        "message": definition.message,
        "enabled": definition.enabled,
    }
    stored = await work.session.scalar(
        select(CustomRule).where(CustomRule.portfolio_id == portfolio_id, CustomRule.rule_id == definition.rule_id)
    )
    await _upsert(
        work,
        stored,
        lambda: CustomRule(portfolio_id=portfolio_id, rule_id=definition.rule_id, **values),
        values,
        "rule.defined",
        portfolio_id,
    )
    return await rule_in_force(work, governance, portfolio, definition.rule_id)
