"""Builders for test data through the public API."""

from __future__ import annotations

from typing import Any

from tests.conftest import Api

TASK_FIELDS = (
    "id name duration milestone earlyStart earlyFinish lateStart lateFinish start finish"
    " totalFloat freeFloat critical levelingDelay version"
)


async def portfolio(api: Api, name: str = "Division", pmo_type: str = "SUPPORTIVE", **extra: Any) -> str:
    payload = await api.ok("createPortfolio", {"name": name, "pmoType": pmo_type, **extra}, "portfolio { id }")
    return str(payload["portfolio"]["id"])


async def project(api: Api, portfolio_id: str, key: str = "P1", start: str = "2026-01-05", **extra: Any) -> str:
    payload = await api.ok(
        "createProject",
        {"portfolioId": portfolio_id, "name": f"Project {key}", "key": key, "startDate": start, **extra},
        "project { id }",
    )
    return str(payload["project"]["id"])


async def task(api: Api, project_id: str, name: str = "Task", duration: int = 1, **extra: Any) -> dict[str, Any]:
    payload = await api.ok(
        "createTask",
        {"projectId": project_id, "name": name, "duration": duration, **extra},
        f"task {{ {TASK_FIELDS} }}",
    )
    result: dict[str, Any] = payload["task"]
    return result


async def link(api: Api, pred: str, succ: str, type: str = "FS", lag: int = 0) -> str:
    payload = await api.ok(
        "addDependency", {"predecessorId": pred, "successorId": succ, "type": type, "lag": lag}, "dependency { id }"
    )
    return str(payload["dependency"]["id"])


async def get_task(api: Api, task_id: str) -> dict[str, Any]:
    data = await api.data(f"query($id: ID!) {{ node(id: $id) {{ ... on Task {{ {TASK_FIELDS} }} }} }}", {"id": task_id})
    node: dict[str, Any] = data["node"]
    return node
