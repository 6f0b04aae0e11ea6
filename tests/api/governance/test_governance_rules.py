"""Configuring governance over GraphQL: rule settings, expression rules, roles, the catalog,
and a third-party plugin (tests/plugin_example, installed through its entry point)."""

from __future__ import annotations

from typing import Any

from domain.base.authz import Role
from domain.base.ids import expect_global_id
from tests.api.helpers import portfolio, project, task
from tests.conftest import Api

RULE = "rule { ruleId enabled severity parameters gates changes }"
MOVE = "project { phase } gateRequest { status }"


async def _rules(api: Api, pid: str) -> dict[str, dict[str, Any]]:
    data = await api.data(
        "query($id: ID!) { node(id: $id) { ... on Portfolio { rules { ruleId enabled severity parameters } } } }",
        {"id": pid},
    )
    return {r["ruleId"]: r for r in data["node"]["rules"]}


async def _managed(api: Api, pid: str, key: str = "ERP", **fields: Any) -> tuple[str, str]:
    mgr = await api.new_token(Role.MANAGER, f"manager of {key}")
    payload = await api.ok(
        "createProject",
        {"portfolioId": pid, "name": key, "key": key, "startDate": "2026-01-05", **fields},
        "project { id }",
        token=mgr,
    )
    return str(payload["project"]["id"]), mgr


async def test_admin_lowers_a_severity_or_disables_a_rule_and_the_outcome_changes(api: Api) -> None:
    pid = await portfolio(api, "Compliance", "CONTROLLING")
    prj, mgr = await _managed(api, pid)
    refused = await api.mutate("transitionPhase", {"projectId": prj, "toPhase": "Planning"}, MOVE, token=mgr)
    assert refused["userErrors"]
    lowered = await api.ok(
        "configureRule", {"portfolioId": pid, "ruleId": "project.objectives", "severity": "WARNING"}, RULE
    )
    assert lowered["rule"] == {
        "ruleId": "project.objectives",
        "enabled": True,
        "severity": "WARNING",
        "parameters": {"min_length": 1},
        "gates": [],
        "changes": ["project.*"],
    }
    disabled = await api.ok("configureRule", {"portfolioId": pid, "ruleId": "project.scope", "enabled": False}, RULE)
    assert disabled["rule"]["enabled"] is False and disabled["rule"]["severity"] == "BLOCKING"
    moved = await api.ok("transitionPhase", {"projectId": prj, "toPhase": "Planning"}, MOVE, token=mgr)
    assert moved["project"]["phase"] == "Planning"
    assert [(v["ruleId"], v["severity"]) for v in moved["violations"]] == [("project.objectives", "WARNING")]
    rules = await _rules(api, pid)
    assert rules["project.objectives"]["severity"] == "WARNING"
    assert rules["project.scope"]["enabled"] is False
    assert rules["project.manager"]["severity"] == "BLOCKING"
    # Settings not sent are kept; a null severity goes back to the PMO type's default.
    kept = await api.ok("configureRule", {"portfolioId": pid, "ruleId": "project.scope"}, RULE)
    assert kept["rule"]["enabled"] is False
    reset = await api.ok("configureRule", {"portfolioId": pid, "ruleId": "project.objectives", "severity": None}, RULE)
    assert reset["rule"]["severity"] == "BLOCKING"
    events = await api.data(
        'query($id: ID!) { node(id: $id) { ... on Portfolio { events(kind: "rule.configured") { totalCount } } } }',
        {"id": pid},
    )
    # lowered, disabled, reset: "kept" changed nothing, and an update that changes nothing records nothing.
    assert events["node"]["events"]["totalCount"] == 3


async def test_configure_rule_input_errors(api: Api) -> None:
    pid = await portfolio(api)
    cases: list[tuple[dict[str, Any], list[str], str]] = [
        (
            {"ruleId": "dcma.missing_logic", "parameters": {"max_percent": 500}},
            ["parameters", "max_percent"],
            "INVALID",
        ),
        ({"ruleId": "dcma.missing_logic", "parameters": {"nope": 1}}, ["parameters", "nope"], "INVALID"),
        ({"ruleId": "dcma.missing_logic", "parameters": [1, 2]}, ["parameters"], "INVALID"),
        ({"ruleId": "no.such_rule"}, ["ruleId"], "NOT_FOUND"),
        ({"ruleId": "dcma.lags", "enabled": None}, ["enabled"], "INVALID"),
    ]
    for input, field, code in cases:
        payload = await api.mutate("configureRule", {"portfolioId": pid, **input}, RULE)
        assert payload["rule"] is None
        assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [(["input", *field], code)], input
    assert (
        "max_percent"
        in (
            await api.mutate(
                "configureRule", {"portfolioId": pid, "ruleId": "dcma.lags", "parameters": {"max_percent": -1}}, RULE
            )
        )["userErrors"][0]["message"]
    )
    assert (await _rules(api, pid))["dcma.missing_logic"]["parameters"] == {"max_percent": 5.0}
    ok = await api.ok(
        "configureRule", {"portfolioId": pid, "ruleId": "dcma.missing_logic", "parameters": {"max_percent": 10}}, RULE
    )
    assert ok["rule"]["parameters"] == {"max_percent": 10.0}


async def test_only_admins_configure_and_only_pmo_staff_decide(api: Api) -> None:
    pid = await portfolio(api, "Directive", "DIRECTIVE")
    configure = (
        'mutation($p: ID!) { configureRule(input: {portfolioId: $p, ruleId: "dcma.lags", enabled: false})'
        " { rule { ruleId } } }"
    )
    define = (
        'mutation($p: ID!) { defineRule(input: {portfolioId: $p, ruleId: "custom.cap", appliesTo: "project",'
        ' expression: "project.budget < 10.0", severity: WARNING, message: "cap"}) { rule { ruleId } } }'
    )
    for role in (Role.VIEWER, Role.MANAGER, Role.PMO):
        token = await api.new_token(role, role.name.lower())
        for query in (configure, define):
            body = await api.post(query, {"p": pid}, token=token)
            assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN", (role, query)
    assert (await _rules(api, pid))["dcma.lags"]["enabled"] is True
    assert "custom.cap" not in await _rules(api, pid)
    other = await portfolio(api, "Elsewhere")
    scoped = await api.new_token(Role.ADMIN, "other division's admin", expect_global_id(other, "Portfolio", "id"))
    body = await api.post(configure, {"p": pid}, token=scoped)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    body = await api.post("{ ruleCatalog { id } }", token="")
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_expression_rule_fires_and_an_invalid_one_is_refused(api: Api) -> None:
    pid = await portfolio(api, "Capped", "SUPPORTIVE")
    prj = await project(api, pid, "CAP", budget="800.00")
    defined = await api.ok(
        "defineRule",
        {
            "portfolioId": pid,
            "ruleId": "custom.budget_cap",
            "appliesTo": "project",
            "expression": "project.budget <= 1000.0",
            "severity": "BLOCKING",
            "message": "The budget is above the 1000 cap",
        },
        RULE,
    )
    assert defined["rule"]["severity"] == "BLOCKING" and defined["rule"]["changes"] == ["*"]
    refused = await api.mutate("updateProject", {"id": prj, "budget": "5000.00"}, "project { budget { amount } }")
    assert refused["project"] is None
    assert refused["userErrors"][0]["code"] == "GOVERNANCE"
    assert refused["userErrors"][0]["field"] == ["input", "governance", "custom.budget_cap"]
    assert [(v["ruleId"], v["severity"], v["message"]) for v in refused["violations"]] == [
        ("custom.budget_cap", "BLOCKING", "The budget is above the 1000 cap")
    ]
    ok = await api.ok("updateProject", {"id": prj, "budget": "900.00"}, "project { budget { amount } }")
    assert ok["project"]["budget"] == {"amount": "900.00"}

    per_task = await api.ok(
        "defineRule",
        {
            "portfolioId": pid,
            "ruleId": "custom.short_tasks",
            "appliesTo": "task",
            "expression": "task.milestone || task.duration <= 20",
            "severity": "WARNING",
            "message": "Split tasks longer than 20 days",
        },
        RULE,
    )
    assert per_task["rule"]["ruleId"] == "custom.short_tasks"
    long = await api.ok("createTask", {"projectId": prj, "name": "Build", "duration": 30}, "task { id }")
    assert [(v["ruleId"], v["severity"], v["subjectId"]) for v in long["violations"]] == [
        ("custom.short_tasks", "WARNING", long["task"]["id"])
    ]

    invalid = {
        "portfolioId": pid,
        "ruleId": "custom.broken",
        "appliesTo": "project",
        "severity": "WARNING",
        "message": "m",
    }
    syntax = await api.mutate("defineRule", {**invalid, "expression": "project.budget <="}, RULE)
    assert syntax["rule"] is None
    assert [(e["field"], e["code"]) for e in syntax["userErrors"]] == [(["input", "expression"], "INVALID")]
    unknown = await api.mutate("defineRule", {**invalid, "expression": "project.no_such_field > 1"}, RULE)
    assert unknown["userErrors"][0]["field"] == ["input", "expression"]
    assert "no_such_field" in unknown["userErrors"][0]["message"]
    taken = await api.mutate(
        "defineRule", {**invalid, "ruleId": "project.budget", "expression": "true", "appliesTo": "thing"}, RULE
    )
    assert {(e["field"][-1], e["code"]) for e in taken["userErrors"]} == {
        ("ruleId", "DUPLICATE"),
        ("appliesTo", "INVALID"),
    }
    rules = await _rules(api, pid)
    assert "custom.broken" not in rules and rules["custom.budget_cap"]["severity"] == "BLOCKING"
    # An expression rule can be configured like any other: turned off, the cap no longer blocks.
    await api.ok("configureRule", {"portfolioId": pid, "ruleId": "custom.budget_cap", "enabled": False}, RULE)
    over = await api.ok("updateProject", {"id": prj, "budget": "5000.00"}, "project { budget { amount } }")
    assert [v["ruleId"] for v in over["violations"]] == ["custom.short_tasks"]


async def test_a_change_is_refused_for_what_it_breaks_not_for_what_was_broken(api: Api) -> None:
    pid = await portfolio(api, "Capped", "CONTROLLING")
    prj, mgr = await _managed(api, pid, budget="5000.00")
    await api.ok(
        "defineRule",
        {
            "portfolioId": pid,
            "ruleId": "custom.budget_cap",
            "appliesTo": "project",
            "expression": "project.budget <= 1000.0",
            "severity": "BLOCKING",
            "message": "The budget is above the cap",
        },
        RULE,
    )
    # Already over the cap before this change: the rename commits, with a warning.
    renamed = await api.ok("updateProject", {"id": prj, "name": "Renamed"}, "project { name }", token=mgr)
    assert renamed["project"] == {"name": "Renamed"}
    assert [(v["ruleId"], v["severity"]) for v in renamed["violations"]] == [("custom.budget_cap", "WARNING")]
    assert "already so before this change" in renamed["violations"][0]["message"]
    # A change that breaks another rule is still refused.
    await api.ok(
        "defineRule",
        {
            "portfolioId": pid,
            "ruleId": "custom.named",
            "appliesTo": "project",
            "expression": "size(project.name) >= 3",
            "severity": "BLOCKING",
            "message": "Name too short",
        },
        RULE,
    )
    refused = await api.mutate("updateProject", {"id": prj, "name": "X"}, "project { name }", token=mgr)
    assert [e["field"][-1] for e in refused["userErrors"]] == ["custom.named"]
    assert {(v["ruleId"], v["severity"]) for v in refused["violations"]} == {
        ("custom.budget_cap", "WARNING"),
        ("custom.named", "BLOCKING"),
    }


async def test_catalog_and_methodologies_list_builtins_and_the_plugin(api: Api) -> None:
    data = await api.data(
        "{ methodologies { name description phases gates { toPhase requires } }"
        " ruleCatalog { id description appliesTo parameters source defaultSeverities { pmoType severity } } }"
    )
    methodologies = {m["name"]: m for m in data["methodologies"]}
    assert methodologies["Default"]["phases"] == ["Initiation", "Planning", "Execution", "Closing", "Closed"]
    stage_gate = methodologies["Stage-Gate"]
    assert stage_gate["phases"][:3] == ["Discovery", "Scoping", "Business Case"]
    assert {
        "toPhase": "Development",
        "requires": ["project.budget", "stage_gate.business_case", "risk.high_risk_owned"],
    } in stage_gate["gates"]
    catalog = {r["id"]: r for r in data["ruleCatalog"]}
    assert catalog["project.budget"]["source"] == "builtin.rule_catalog"
    assert catalog["dcma.missing_logic"]["parameters"]["max_percent"]["default"] == 5.0
    business_case = catalog["stage_gate.business_case"]
    assert business_case["source"] == "stage_gate"
    assert business_case["appliesTo"] == "project"
    assert business_case["parameters"]["min_return_ratio"]["type"] == "float"
    assert {"pmoType": "CONTROLLING", "severity": "BLOCKING"} in business_case["defaultSeverities"]


async def test_plugin_methodology_and_rule_take_effect(api: Api) -> None:
    pid = await portfolio(api, "Products", "CONTROLLING", methodology="Stage-Gate")
    prj, mgr = await _managed(
        api, pid, objectives="A new product", scope="Design to launch", budget="100.00", revenue="50.00"
    )
    assert (await api.data("query($id: ID!) { node(id: $id) { ... on Project { phase } } }", {"id": prj}))["node"] == {
        "phase": "Discovery"
    }
    for phase in ("Scoping", "Business Case"):
        moved = await api.ok("transitionPhase", {"projectId": prj, "toPhase": phase}, MOVE, token=mgr)
        assert moved["project"]["phase"] == phase
    refused = await api.mutate("transitionPhase", {"projectId": prj, "toPhase": "Development"}, MOVE, token=mgr)
    assert [(v["ruleId"], v["severity"]) for v in refused["violations"]] == [("stage_gate.business_case", "BLOCKING")]
    assert "does not cover" in refused["userErrors"][0]["message"]
    # The admin relaxes the plugin's rule parameter; the gate passes.
    configured = await api.ok(
        "configureRule",
        {"portfolioId": pid, "ruleId": "stage_gate.business_case", "parameters": {"min_return_ratio": 0.5}},
        RULE,
    )
    assert configured["rule"]["parameters"] == {"min_return_ratio": 0.5}
    moved = await api.ok("transitionPhase", {"projectId": prj, "toPhase": "Development"}, MOVE, token=mgr)
    assert moved["project"]["phase"] == "Development" and moved["violations"] == []
    # Once past its gate the rule is in force for changes to the project.
    cut = await api.mutate("updateProject", {"id": prj, "revenue": "10.00"}, "project { id }", token=mgr)
    assert [v["ruleId"] for v in cut["violations"]] == ["stage_gate.business_case"] and cut["userErrors"]
    # The plugin's default rule set for directive portfolios asks for a 20 % margin.
    directive = await portfolio(api, "Directive products", "DIRECTIVE", methodology="Stage-Gate")
    assert (await _rules(api, directive))["stage_gate.business_case"]["parameters"] == {"min_return_ratio": 1.2}


async def test_violations_are_batched_across_projects(api: Api) -> None:
    async def count(pid: str) -> tuple[int, int]:
        statements, data = await api.counted(
            "query($id: ID!) { node(id: $id) { ... on Portfolio { rules { ruleId }"
            " projects(first: 50) { nodes { violations { ruleId } } } } } }",
            {"id": pid},
        )
        return statements, len(data["node"]["projects"]["nodes"])

    small = await portfolio(api, "Small")
    large = await portfolio(api, "Large")
    for i in range(2):
        await task(api, await project(api, small, f"S{i}"), "t", 2)
    for i in range(8):
        await task(api, await project(api, large, f"L{i}"), "t", 2)
    (few, n_small), (many, n_large) = await count(small), await count(large)
    assert (n_small, n_large) == (2, 8)
    assert few == many
