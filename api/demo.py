"""A realistic demo portfolio, so a newcomer sees data at once (``pmo demo``)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlmodel import select

from api.runtime import Runtime
from domain.base.authz import Viewer
from domain.base.ids import to_global_id
from domain.entities import Portfolio, Project
from domain.monitoring import actuals
from domain.planning import baselines, dependencies, tasks
from domain.portfolio import portfolios, projects, risks
from domain.resources import resources

# (key, name, start, budget, priority, objectives, tasks: (name, duration, predecessors by index, role))
_PROJECTS = [
    (
        "CRM",
        "CRM replacement",
        date(2026, 1, 5),
        Decimal("450000.00"),
        800,
        "Replace the legacy CRM before its support ends.",
        [
            ("Requirements", 10, [], "Analyst"),
            ("Vendor selection", 15, [0], "Analyst"),
            ("Data migration design", 8, [0], "Engineer"),
            ("Configuration", 20, [1], "Engineer"),
            ("Migration dry run", 5, [2, 3], "Engineer"),
            ("User training", 10, [3], "Trainer"),
            ("Go-live", 0, [4, 5], None),
        ],
    ),
    (
        "WEB",
        "Customer portal",
        date(2026, 2, 2),
        Decimal("250000.00"),
        600,
        "Self-service portal for customers.",
        [
            ("UX research", 10, [], "Analyst"),
            ("Design system", 12, [0], "Engineer"),
            ("Portal build", 25, [1], "Engineer"),
            ("Security review", 5, [2], "Engineer"),
            ("Launch", 0, [3], None),
        ],
    ),
    (
        "DWH",
        "Analytics warehouse",
        date(2026, 1, 12),
        Decimal("300000.00"),
        400,
        "One warehouse for sales and service reporting.",
        [
            ("Source inventory", 5, [], "Analyst"),
            ("Model design", 10, [0], "Engineer"),
            ("Pipelines", 20, [1], "Engineer"),
            ("Dashboards", 10, [2], "Analyst"),
            ("Handover", 0, [3], None),
        ],
    ),
]
_RESOURCES = [
    ("Ada", "Engineer", 1.0, Decimal("800.00")),
    ("Grace", "Engineer", 1.0, Decimal("850.00")),
    ("Alan", "Analyst", 1.0, Decimal("700.00")),
    ("Edsger", "Trainer", 0.5, Decimal("600.00")),
]
_RISKS = [
    ("CRM", "Vendor contract delayed", 0.4, 4, "Procurement lead", "Start negotiation in parallel with selection"),
    ("CRM", "Data quality worse than expected", 0.6, 4, None, None),
    ("WEB", "Penetration test findings", 0.3, 3, "Security officer", "Book the test early"),
    ("DWH", "Source system API limits", 0.2, 2, "Data engineer", "Nightly batch fallback"),
]


async def load_demo(runtime: Runtime, *, only_if_empty: bool) -> str:
    """Create the demo portfolio; returns its global ID."""
    async with runtime.db.reader() as session:
        existing = await session.scalar(select(Portfolio.id).limit(1))
    if only_if_empty and existing is not None:
        return to_global_id("Portfolio", existing)
    async with runtime.work(Viewer.system()) as work:
        portfolio = await portfolios.create_portfolio(
            work,
            name="Demo: Digital transformation",
            pmo_type="SUPPORTIVE",
            description="Three projects sharing one team; the CRM go-live gates the portal launch.",
        )
        assert portfolio.id is not None
        await work.session.flush()
        people = {}
        for name, skill, capacity, rate in _RESOURCES:
            people[name] = await resources.create_resource(
                work,
                portfolio_id=portfolio.id,
                fields={"name": name, "role": skill, "capacity": capacity, "cost_rate": rate},
            )
        by_role = {"Engineer": ["Ada", "Grace"], "Analyst": ["Alan"], "Trainer": ["Edsger"]}
        keyed = {}
        for key, name, start, budget, priority, objectives, plan in _PROJECTS:
            project = await projects.create_project(
                work,
                portfolio_id=portfolio.id,
                fields={
                    "key": key,
                    "name": name,
                    "start_date": start,
                    "budget": budget,
                    "priority": priority,
                    "objectives": objectives,
                    "scope": f"{name}: see the project charter.",
                },
            )
            assert project.id is not None
            made = []
            for i, (task_name, duration, preds, role) in enumerate(plan):
                task = await tasks.create_task(
                    work,
                    project_id=project.id,
                    fields={"name": task_name, "duration": duration, "milestone": duration == 0},
                )
                assert task.id is not None
                made.append(task.id)
                for p in preds:
                    await dependencies.add_dependency(work, predecessor_id=made[p], successor_id=task.id)
                if role is not None:
                    who = by_role[role][i % len(by_role[role])]
                    res_id = people[who].id
                    assert res_id is not None
                    await resources.assign_resource(
                        work, task_id=task.id, resource_id=res_id, units=1.0 if role != "Trainer" else 0.5
                    )
            keyed[key] = (project, made)
        # The portal launches only after the CRM goes live (a cross-project dependency).
        await dependencies.add_dependency(work, predecessor_id=keyed["CRM"][1][-1], successor_id=keyed["WEB"][1][-1])
        for key, title, probability, impact, owner, mitigation in _RISKS:
            project_id = keyed[key][0].id
            assert project_id is not None
            await risks.create_risk(
                work,
                project_id=project_id,
                fields={
                    "title": title,
                    "probability": probability,
                    "impact": impact,
                    "owner": owner,
                    "mitigation": mitigation,
                },
            )
    await _monitor_crm(runtime, *keyed["CRM"])
    return to_global_id("Portfolio", portfolio.id)


# The CRM project four weeks in: baselined, behind schedule and over cost, with dated actuals.
# (task index, percent complete, actual costs by date); its status date is Friday 6 February 2026.
_CRM_STATUS = date(2026, 2, 6)
_CRM_PROGRESS = [
    (0, 100.0, [(date(2026, 1, 9), "4100.00"), (date(2026, 1, 16), "4300.00")]),
    (1, 60.0, [(date(2026, 1, 23), "3500.00"), (date(2026, 1, 30), "3000.00"), (date(2026, 2, 6), "2500.00")]),
    (2, 50.0, [(date(2026, 1, 23), "2400.00"), (date(2026, 2, 6), "2400.00")]),
]


async def _monitor_crm(runtime: Runtime, crm: Project, task_ids: list[int]) -> None:
    assert crm.id is not None
    async with runtime.work(Viewer.system()) as work:  # the tasks are scheduled once the first work commits
        await baselines.save_baseline(work, project_id=crm.id, name="Approved plan")
    async with runtime.work(Viewer.system()) as work:
        await projects.update_project(work, crm.id, {"status_date": _CRM_STATUS}, None)
        for index, percent, spent in _CRM_PROGRESS:
            await tasks.update_task(work, task_ids[index], {"percent_complete": percent}, None)
            for day, amount in spent:
                await actuals.record_actual_cost(
                    work, task_id=task_ids[index], day=day, amount=Decimal(amount), note="Timesheets"
                )
