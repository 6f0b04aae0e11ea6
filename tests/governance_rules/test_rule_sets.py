from __future__ import annotations

import pytest

from domain.governance.core import PmoType, RuleOverride, RuleSetEntry, Severity
from governance_rules.catalog import BUILTIN_RULES
from governance_rules.rule_sets import (
    RuleSetError,
    check_rule_set,
    effective_rule_set,
    load_default_rule_set,
    parse_rule_set,
)

CATALOG = {r.id: r for r in BUILTIN_RULES}


@pytest.mark.parametrize("pmo_type", list(PmoType))
def test_default_rule_sets_are_valid_and_complete(pmo_type: PmoType) -> None:
    entries = load_default_rule_set(pmo_type)
    assert {e.rule_id for e in entries} == set(CATALOG)
    assert check_rule_set(entries, CATALOG, str(pmo_type)) == []


def test_supportive_blocks_nothing() -> None:
    configured = effective_rule_set(BUILTIN_RULES, PmoType.SUPPORTIVE, [load_default_rule_set(PmoType.SUPPORTIVE)])
    assert all(r.severity is not Severity.BLOCKING for r in configured)


@pytest.mark.parametrize("pmo_type", [PmoType.CONTROLLING, PmoType.DIRECTIVE])
def test_compliance_types_block_definition_rules(pmo_type: PmoType) -> None:
    configured = {r.rule_id: r for r in effective_rule_set(BUILTIN_RULES, pmo_type, [load_default_rule_set(pmo_type)])}
    for rule_id in ("project.manager", "project.objectives", "project.scope", "project.budget", "risk.high_risk_owned"):
        assert configured[rule_id].severity is Severity.BLOCKING


def test_layers_then_overrides() -> None:
    base = [RuleSetEntry("dcma.lags", severity=Severity.INFO, parameters={"max_percent": 10})]
    plugin = [RuleSetEntry("dcma.lags", parameters={"max_percent": 20}, changes=("task.*",))]
    override = RuleOverride("dcma.lags", enabled=False, parameters={"max_percent": 30})
    [lags] = [
        r
        for r in effective_rule_set(BUILTIN_RULES, PmoType.CONTROLLING, [base, plugin], [override])
        if r.rule_id == "dcma.lags"
    ]
    assert lags.severity is Severity.INFO  # from the base layer, no one changed it
    assert lags.parameters["max_percent"] == 30
    assert lags.changes == ("task.*",)
    assert not lags.enabled


def test_override_severity_and_stale_parameters() -> None:
    override = RuleOverride("dcma.lags", severity=Severity.BLOCKING, parameters={"max_percent": "lots", "gone": 1})
    [lags] = [
        r for r in effective_rule_set(BUILTIN_RULES, PmoType.SUPPORTIVE, [], [override]) if r.rule_id == "dcma.lags"
    ]
    assert lags.severity is Severity.BLOCKING
    assert lags.parameters == {"max_percent": 5.0}  # invalid value ignored, default kept


def test_without_layers_rules_use_their_declared_defaults() -> None:
    configured = {r.rule_id: r for r in effective_rule_set(BUILTIN_RULES, PmoType.CONTROLLING)}
    assert configured["project.manager"].severity is Severity.BLOCKING
    assert configured["dcma.lags"].severity is Severity.WARNING
    assert configured["dcma.lags"].parameters == {"max_percent": 5.0}


@pytest.mark.parametrize(
    ("document", "text"),
    [
        ({"rules": []}, "must be a table"),
        ({"rules": {"a.b": 1}}, "rule 'a.b' must be a table"),
        ({"rules": {"a.b": {"severity": "FATAL"}}}, "severity must be one of"),
        ({"rules": {"a.b": {"enabled": "yes"}}}, "enabled must be"),
        ({"rules": {"a.b": {"gates": "Planning"}}}, "gates must be a list"),
        ({"rules": {"a.b": {"colour": "red"}}}, "unknown keys"),
        ({"rules": {"a.b": {"parameters": 3}}}, "parameters must be a table"),
    ],
)
def test_malformed_rule_sets_name_file_and_rule(document: dict[str, object], text: str) -> None:
    with pytest.raises(RuleSetError, match=text) as caught:
        parse_rule_set(document, "x.toml")
    assert str(caught.value).startswith("x.toml")


def test_rule_set_parameter_problems() -> None:
    entries = [
        RuleSetEntry("dcma.lags", parameters={"max_percent": -1}),
        RuleSetEntry("not.installed", parameters={"any": 1}),
    ]
    [problem] = check_rule_set(entries, CATALOG, "mine")
    assert problem.startswith("mine:") and "max_percent" in problem
