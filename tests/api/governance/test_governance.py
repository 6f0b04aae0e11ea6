"""Issue 5 over GraphQL: the same deficient project under the three PMO types, phase gates,
gate requests and who may decide them."""

from __future__ import annotations

from typing import Any

from domain.base.authz import Role
from tests.api.helpers import portfolio
from tests.conftest import Api

MOVE = "project { id phase version } gateRequest { id status fromPhase toPhase reasons requestedBy }"
DECIDE = "gateRequest { id status reasons decidedBy comment } project { phase }"


async def _deficient(api: Api, pmo_type: str, manager: str, key: str = "ERP") -> str:
    """A project with a manager but no objectives or scope, in a new portfolio."""
    pid = await portfolio(api, f"{pmo_type} division", pmo_type)
    payload = await api.ok(
        "createProject",
        {"portfolioId": pid, "name": "ERP roll-out", "key": key, "startDate": "2026-01-05"},
        "project { id phase }",
        token=manager,
    )
    assert payload["project"]["phase"] == "Initiation"
    return str(payload["project"]["id"])


async def _phase(api: Api, project_id: str) -> str:
    data = await api.data("query($id: ID!) { node(id: $id) { ... on Project { phase } } }", {"id": project_id})
    return str(data["node"]["phase"])


def _rules(payload: dict[str, Any]) -> set[tuple[str, str]]:
    return {(v["ruleId"], v["severity"]) for v in payload["violations"]}


async def test_supportive_allows_the_move_with_warnings(api: Api) -> None:
    mgr = await api.new_token(Role.MANAGER, "mia")
    prj = await _deficient(api, "SUPPORTIVE", mgr)
    moved = await api.ok("transitionPhase", {"projectId": prj, "toPhase": "Planning"}, MOVE, token=mgr)
    assert moved["project"]["phase"] == "Planning"
    assert moved["project"]["version"] == 2
    assert moved["gateRequest"] is None
    assert _rules(moved) == {("project.objectives", "WARNING"), ("project.scope", "WARNING")}
    # The findings stay visible on the project, now that the rules are in force.
    data = await api.data(
        "query($id: ID!) { node(id: $id) { ... on Project { violations { ruleId severity subjectId } } } }",
        {"id": prj},
    )
    assert {(v["ruleId"], v["severity"], v["subjectId"]) for v in data["node"]["violations"]} == {
        ("project.objectives", "WARNING", prj),
        ("project.scope", "WARNING", prj),
    }


async def test_controlling_refuses_the_move(api: Api) -> None:
    mgr = await api.new_token(Role.MANAGER, "mia")
    prj = await _deficient(api, "CONTROLLING", mgr)
    refused = await api.mutate("transitionPhase", {"projectId": prj, "toPhase": "Planning"}, MOVE, token=mgr)
    assert refused["project"] is None and refused["gateRequest"] is None
    assert {(e["field"][-1], e["code"]) for e in refused["userErrors"]} == {("toPhase", "GOVERNANCE")}
    assert any("objectives" in e["message"] for e in refused["userErrors"])
    assert _rules(refused) == {("project.objectives", "BLOCKING"), ("project.scope", "BLOCKING")}
    assert await _phase(api, prj) == "Initiation"
    # In Initiation the gate's rules are not in force yet: the project has no findings.
    data = await api.data("query($id: ID!) { node(id: $id) { ... on Project { violations { ruleId } } } }", {"id": prj})
    assert data["node"]["violations"] == []


async def test_directive_refuses_until_fixed_then_waits_for_the_pmo(api: Api) -> None:
    mgr = await api.new_token(Role.MANAGER, "mia")
    viewer = await api.new_token(Role.VIEWER, "vera")
    pmo = await api.new_token(Role.PMO, "petra")
    prj = await _deficient(api, "DIRECTIVE", mgr)
    refused = await api.mutate("transitionPhase", {"projectId": prj, "toPhase": "Planning"}, MOVE, token=mgr)
    assert refused["userErrors"] and _rules(refused) == {
        ("project.objectives", "BLOCKING"),
        ("project.scope", "BLOCKING"),
    }
    await api.ok(
        "updateProject", {"id": prj, "objectives": "One ERP", "scope": "Finance and HR"}, "project { id }", token=mgr
    )
    waiting = await api.ok("transitionPhase", {"projectId": prj, "toPhase": "Planning"}, MOVE, token=mgr)
    request = waiting["gateRequest"]
    assert waiting["project"]["phase"] == "Initiation"
    assert request["status"] == "PENDING"
    assert (request["fromPhase"], request["toPhase"], request["requestedBy"]) == ("Initiation", "Planning", "mia")
    assert request["reasons"] and "approve" in request["reasons"][0]
    again = await api.mutate("transitionPhase", {"projectId": prj, "toPhase": "Planning"}, MOVE, token=mgr)
    assert [(e["field"], e["code"]) for e in again["userErrors"]] == [(["input", "projectId"], "CONFLICT")]

    decide = "mutation($i: DecideGateInput!) { decideGate(input: $i) { gateRequest { status } } }"
    for token in (mgr, viewer):
        body = await api.post(decide, {"i": {"gateRequestId": request["id"], "approve": True}}, token=token)
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await _phase(api, prj) == "Initiation"

    approved = await api.ok(
        "decideGate", {"gateRequestId": request["id"], "approve": True, "comment": "Go"}, DECIDE, token=pmo
    )
    assert approved["gateRequest"]["status"] == "APPROVED"
    assert approved["gateRequest"]["decidedBy"] == "petra"
    assert approved["gateRequest"]["comment"] == "Go"
    assert approved["project"] == {"phase": "Planning"}
    assert await _phase(api, prj) == "Planning"
    twice = await api.mutate("decideGate", {"gateRequestId": request["id"], "approve": False}, DECIDE, token=pmo)
    assert twice["userErrors"][0]["code"] == "CONFLICT" and twice["gateRequest"] is None

    data = await api.data(
        "query($id: ID!) { node(id: $id) { ... on Project { gateRequests { id status } } } }", {"id": prj}
    )
    assert data["node"]["gateRequests"] == [{"id": request["id"], "status": "APPROVED"}]
    data = await api.data(
        "query($id: ID!) { node(id: $id) { ... on GateRequest { status project { id } } } }", {"id": request["id"]}
    )
    assert data["node"] == {"status": "APPROVED", "project": {"id": prj}}
    events = await api.data(
        "query($id: ID!) { node(id: $id) { ... on Project { portfolio { events { nodes { kind actor } } } } } }",
        {"id": prj},
    )
    kinds = [(e["kind"], e["actor"]) for e in events["node"]["portfolio"]["events"]["nodes"]]
    assert ("gate_request.created", "mia") in kinds
    assert kinds[-2:] == [("gate_request.approved", "petra"), ("project.phase_changed", "petra")]


async def test_rejection_records_the_reasons(api: Api) -> None:
    mgr = await api.new_token(Role.MANAGER, "mia")
    pmo = await api.new_token(Role.PMO, "petra")
    prj = await _deficient(api, "DIRECTIVE", mgr)
    await api.ok("updateProject", {"id": prj, "objectives": "o", "scope": "s"}, "project { id }", token=mgr)
    request = (await api.ok("transitionPhase", {"projectId": prj, "toPhase": "Planning"}, MOVE, token=mgr))[
        "gateRequest"
    ]
    rejected = await api.ok(
        "decideGate",
        {"gateRequestId": request["id"], "approve": False, "comment": "Scope is too vague"},
        DECIDE,
        token=pmo,
    )
    assert rejected["gateRequest"]["status"] == "REJECTED"
    assert rejected["gateRequest"]["reasons"][-1] == "Rejected by petra: Scope is too vague"
    assert rejected["project"] == {"phase": "Initiation"}
    # Once decided, a new request may be made.
    again = await api.ok("transitionPhase", {"projectId": prj, "toPhase": "Planning"}, MOVE, token=mgr)
    assert again["gateRequest"]["status"] == "PENDING" and again["gateRequest"]["id"] != request["id"]


async def test_approval_checks_the_gate_again(api: Api) -> None:
    mgr = await api.new_token(Role.MANAGER, "mia")
    prj = await _deficient(api, "DIRECTIVE", mgr)
    await api.ok("updateProject", {"id": prj, "objectives": "o", "scope": "s"}, "project { id }", token=mgr)
    request = (await api.ok("transitionPhase", {"projectId": prj, "toPhase": "Planning"}, MOVE, token=mgr))[
        "gateRequest"
    ]
    # The project breaks while the request waits (in Initiation nothing refuses that).
    await api.ok("updateProject", {"id": prj, "scope": ""}, "project { id }", token=mgr)
    refused = await api.mutate("decideGate", {"gateRequestId": request["id"], "approve": True}, DECIDE)
    assert refused["gateRequest"] is None
    assert [(e["field"], e["code"]) for e in refused["userErrors"]] == [(["input", "gateRequestId"], "GOVERNANCE")]
    assert _rules(refused) == {("project.scope", "BLOCKING")}
    status = await api.data(
        "query($id: ID!) { node(id: $id) { ... on GateRequest { status } } }", {"id": request["id"]}
    )
    assert status["node"] == {"status": "PENDING"}
    await api.ok("updateProject", {"id": prj, "scope": "s"}, "project { id }", token=mgr)
    approved = await api.ok("decideGate", {"gateRequestId": request["id"], "approve": True}, DECIDE)
    assert approved["project"] == {"phase": "Planning"}


async def test_transition_input_errors(api: Api) -> None:
    mgr = await api.new_token(Role.MANAGER, "mia")
    prj = await _deficient(api, "SUPPORTIVE", mgr)
    unknown = await api.mutate("transitionPhase", {"projectId": prj, "toPhase": "Nowhere"}, MOVE)
    assert [(e["field"], e["code"]) for e in unknown["userErrors"]] == [(["input", "toPhase"], "INVALID")]
    assert "Initiation, Planning" in unknown["userErrors"][0]["message"]
    skip = await api.mutate("transitionPhase", {"projectId": prj, "toPhase": "Execution"}, MOVE)
    assert skip["userErrors"][0]["code"] == "GOVERNANCE" and "Planning comes first" in skip["userErrors"][0]["message"]
    missing = await api.mutate("transitionPhase", {"projectId": "UHJvamVjdDo5OTk", "toPhase": "Planning"}, MOVE)
    assert [(e["field"], e["code"]) for e in missing["userErrors"]] == [(["input", "projectId"], "NOT_FOUND")]
    bad = await api.mutate("decideGate", {"gateRequestId": prj, "approve": True}, DECIDE)
    assert bad["userErrors"][0]["field"] == ["input", "gateRequestId"]
    other = await api.new_token(Role.MANAGER, "max")
    body = await api.post(
        'mutation($p: ID!) { transitionPhase(input: {projectId: $p, toPhase: "Planning"}) { project { id } } }',
        {"p": prj},
        token=other,
    )
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await _phase(api, prj) == "Initiation"


async def test_rework_goes_back_and_pmo_staff_may_move_any_project(api: Api) -> None:
    mgr = await api.new_token(Role.MANAGER, "mia")
    pmo = await api.new_token(Role.PMO, "petra")
    prj = await _deficient(api, "SUPPORTIVE", mgr)
    await api.ok("transitionPhase", {"projectId": prj, "toPhase": "Planning"}, MOVE, token=pmo)
    back = await api.ok("transitionPhase", {"projectId": prj, "toPhase": "Initiation"}, MOVE, token=pmo)
    assert back["project"]["phase"] == "Initiation" and back["violations"] == []
