"""Project risks."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from domain.base.changes import apply_changes, check_version
from domain.base.errors import Validator
from domain.base.records import describe, get_or_404
from domain.base.work import Work
from domain.entities import Risk
from domain.planning.tasks import project_for_edit

RISK_STATUSES = ("OPEN", "MITIGATING", "CLOSED", "OCCURRED")


def _check(v: Validator, fields: Mapping[str, Any]) -> None:
    v.not_null(fields, "title", "probability", "impact", "status")
    v.name("title", fields.get("title"))
    probability = fields.get("probability")
    if probability is not None and not 0.0 <= probability <= 1.0:
        v.add("probability", "probability must be between 0 and 1")
    impact = fields.get("impact")
    if impact is not None and (not isinstance(impact, int) or not 1 <= impact <= 5):
        v.add("impact", "impact must be a whole number from 1 to 5")
    if fields.get("status") is not None and fields["status"] not in RISK_STATUSES:
        v.add("status", f"status must be one of {', '.join(RISK_STATUSES)}")


async def create_risk(work: Work, *, project_id: int, fields: Mapping[str, Any]) -> Risk:
    project = await project_for_edit(work, project_id, "projectId", "add risks to this project")
    v = Validator()
    _check(v, {"title": "", **fields})
    v.raise_if_any()
    risk = Risk(project_id=project_id, **fields)
    work.session.add(risk)
    await work.session.flush()
    work.record("risk.created", risk, project.portfolio_id)
    work.touched_projects.add(project_id)
    return risk


async def update_risk(work: Work, risk_id: int, changes: Mapping[str, Any], version: int | None) -> Risk:
    risk = await get_or_404(work.session, Risk, risk_id, "id", for_update=True)
    project = await project_for_edit(work, risk.project_id, "id", "change this risk")
    check_version(risk, version)
    v = Validator()
    _check(v, changes)
    v.raise_if_any()
    before = describe(risk)
    if apply_changes(risk, changes):
        work.record("risk.updated", risk, project.portfolio_id, before=before)
        work.touched_projects.add(risk.project_id)
    return risk


async def delete_risk(work: Work, risk_id: int) -> Risk:
    risk = await get_or_404(work.session, Risk, risk_id, "id", for_update=True)
    project = await project_for_edit(work, risk.project_id, "id", "delete this risk")
    work.record("risk.deleted", risk, project.portfolio_id, before=describe(risk))
    await work.session.delete(risk)
    await work.session.flush()
    work.touched_projects.add(risk.project_id)
    return risk
