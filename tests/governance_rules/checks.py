"""Run one catalog rule directly, with its defaults and the given parameters."""

from __future__ import annotations

from typing import Any

from domain.governance.core import Finding, ProjectSnapshot, Rule, RuleContext
from governance_rules.catalog import BUILTIN_RULES
from governance_rules.schema import check_parameters, defaults


def rule(rule_id: str) -> Rule:
    return next(r for r in BUILTIN_RULES if r.id == rule_id)


def findings(rule_id: str, project: ProjectSnapshot, **parameters: Any) -> list[Finding]:
    target = rule(rule_id)
    values = defaults(target.parameters)
    given, problems = check_parameters(rule_id, target.parameters, parameters)
    assert not problems
    values.update(given)
    return list(target.check(RuleContext(project, values)))
