"""Benchmark of ``levelResources`` end to end over HTTP: is ``timeLimitSeconds`` kept?

    python benchmarks/level_request.py [--projects 20] [--tasks 250] [--resources 15]
        [--time-limit 1] [--runs 5] [--apply] [--deterministic] [--profile FILE] [--database URL]

Stores the portfolio of ``benchmarks/portfolio_leveling.py`` (same generator and seed) in a fresh
SQLite file through the real stack (portfolio and projects through GraphQL, tasks, links,
resources and assignments bulk-inserted, one ``reschedule``), then posts ``--runs``
``levelResources`` requests (a preview, or ``--apply``) to ``api.app.create_app`` over httpx's
ASGI transport, one untimed request first. Prints per request the wall and CPU seconds of the
whole request and of its three parts: reading the plan, the search, and the rest (re-reading
the inputs in the transaction, storing the delays, rescheduling, governance, the report);
then the median and max against the limit: the request must end within 10 % + 0.2 s of it.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import insert, select
from sqlmodel import col

from api.app import create_app
from api.config import Settings
from api.runtime import Runtime
from domain.access.tokens import create_token
from domain.base.authz import Role
from domain.base.ids import from_global_id
from domain.entities import Assignment, Dependency, Resource, Task
from domain.planning import schedule
from domain.resources import leveling, leveling_plan

sys.path.insert(0, str(Path(__file__).resolve().parent))
from mutation import gql
from portfolio_leveling import make_portfolio

START = date(2026, 1, 5)


async def build(runtime: Runtime, client: httpx.AsyncClient, token: str, args: argparse.Namespace) -> str:
    problem = make_portfolio(args.projects, args.tasks, args.resources, args.seed)
    data = await gql(
        client,
        token,
        "mutation($i: CreatePortfolioInput!) { createPortfolio(input: $i) { portfolio { id } } }",
        {"i": {"name": "Bench", "pmoType": "SUPPORTIVE"}},
    )
    portfolio = data["createPortfolio"]["portfolio"]["id"]
    portfolio_pk = from_global_id(portfolio)[1]
    releases = [0] * args.projects
    for t in problem.tasks:
        releases[t.project] = t.release or 0
    project_pks = []
    for p in range(args.projects):
        data = await gql(
            client,
            token,
            "mutation($i: CreateProjectInput!) { createProject(input: $i) { project { id } } }",
            {
                "i": {
                    "portfolioId": portfolio,
                    "name": f"P{p}",
                    "key": f"P{p}",
                    # Working days of release, roughly: weekends are skipped by the calendar.
                    "startDate": (START + timedelta(days=releases[p] * 7 // 5)).isoformat(),
                }
            },
        )
        project_pks.append(from_global_id(data["createProject"]["project"]["id"])[1])
    async with runtime.db.transaction() as session:
        await session.execute(
            insert(Resource),
            [
                {"portfolio_id": portfolio_pk, "name": f"R{r}", "role": "Engineer", "capacity": res.capacity}
                for r, res in enumerate(problem.resources)
            ],
        )
        resource_pks = list(
            (
                await session.execute(select(col(Resource.id)).where(col(Resource.portfolio_id) == portfolio_pk))
            ).scalars()
        )
        await session.execute(
            insert(Task),
            [
                {
                    "project_id": project_pks[t.project],
                    "name": f"T{k}",
                    "duration": t.duration,
                    "milestone": t.duration == 0,
                }
                for k, t in enumerate(problem.tasks)
            ],
        )
        task_pks = list(
            (
                await session.execute(
                    select(col(Task.id)).where(col(Task.project_id).in_(project_pks)).order_by(col(Task.id))
                )
            ).scalars()
        )
        await session.execute(
            insert(Dependency),
            [
                {
                    "predecessor_id": task_pks[link.pred],
                    "successor_id": task_pks[link.succ],
                    "type": link.type.value,
                    "lag": link.lag,
                }
                for link in problem.links
            ],
        )
        await session.execute(
            insert(Assignment),
            [
                {"task_id": task_pks[k], "resource_id": resource_pks[r], "units": q}
                for k, t in enumerate(problem.tasks)
                for r, q in t.demand.items()
            ],
        )
        await schedule.reschedule(session, project_pks)
    print(f"portfolio: {args.projects} projects x {args.tasks} tasks, {args.resources} resources, seed {args.seed}")
    return str(portfolio)


def timed(into: list[float], fn: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
    async def run(*a: Any, **k: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return await fn(*a, **k)
        finally:
            into.append(time.perf_counter() - t0)

    return run


async def main(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database or f"sqlite:///{Path(tmp) / 'bench.db'}"
        runtime = await Runtime.start(Settings(database_url=url))
        app = create_app(runtime.settings, runtime=runtime)
        loads: list[float] = []
        searches: list[float] = []
        # The mutation calls both through the module, so wrapping them there times each request's parts.
        setattr(leveling_plan, "load_plan", timed(loads, leveling_plan.load_plan))  # noqa: B010
        setattr(leveling_plan, "solve", timed(searches, leveling_plan.solve))  # noqa: B010
        # And the store phase's steps, as leveling.level_resources calls them.
        steps: dict[str, list[float]] = {}
        for name in ("load_plan", "_task_dates", "_finishes", "_over_allocations", "_write_delays"):
            setattr(leveling, name, timed(steps.setdefault(name, []), getattr(leveling, name)))
        reschedule = steps.setdefault("reschedule", [])
        setattr(schedule, "reschedule", timed(reschedule, schedule.reschedule))  # noqa: B010
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://bench", timeout=600
        ) as client:
            async with runtime.db.transaction() as session:
                token = await create_token(session, name="bench", role=Role.ADMIN)
            portfolio = await build(runtime, client, token, args)
            query = (
                "mutation($i: LevelResourcesInput!) { levelResources(input: $i) {"
                " applied finishAfter projects { finishAfter } userErrors { field message } } }"
            )
            variables = {
                "i": {
                    "portfolioId": portfolio,
                    "apply": args.apply,
                    "timeLimitSeconds": args.time_limit,
                    "deterministic": args.deterministic,
                }
            }
            walls: list[float] = []
            profiler = cProfile.Profile(time.process_time) if args.profile else None
            for run in range(args.runs + 1):
                if profiler and run == 1:
                    profiler.enable()
                loads.clear()
                searches.clear()
                for into in steps.values():
                    into.clear()
                t0, c0 = time.perf_counter(), time.process_time()
                data = await gql(client, token, query, variables)
                wall, cpu = time.perf_counter() - t0, time.process_time() - c0
                if data["levelResources"]["userErrors"]:
                    raise SystemExit(f"refused: {data['levelResources']['userErrors']}")
                if run == 0:
                    continue  # untimed: loads the compiled kernels
                walls.append(wall)
                # The first load is outside the transaction; a second one re-reads the inputs inside it.
                rest = wall - loads[0] - searches[0]
                print(
                    f"request {run}: wall {wall:.2f} s  CPU {cpu:.2f} s  "
                    f"(read {loads[0]:.2f}, search {searches[0]:.2f}, store and report {rest:.2f}: "
                    + ", ".join(f"{name} {sum(into):.2f}" for name, into in steps.items())
                    + ")"
                )
            if profiler:
                profiler.disable()
                profiler.dump_stats(args.profile)
        await runtime.stop()
    bound = 1.1 * args.time_limit + 0.2
    print(
        f"limit {args.time_limit:g} s{' (deterministic)' if args.deterministic else ''}: "
        f"wall median {statistics.median(walls):.2f} s, max {max(walls):.2f} s; "
        f"over 1.1 x limit + 0.2 s ({bound:.2f} s): {sum(w > bound for w in walls)}/{len(walls)}"
    )


def parse(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    p.add_argument("--projects", type=int, default=20)
    p.add_argument("--tasks", type=int, default=250)
    p.add_argument("--resources", type=int, default=15)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--time-limit", type=float, default=1.0)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--apply", action="store_true", help="apply (default: preview)")
    p.add_argument("--deterministic", action="store_true", help="a work budget instead of the wall clock")
    p.add_argument("--profile", metavar="FILE", help="write cProfile statistics of the timed requests")
    p.add_argument("--database", help="a database URL instead of a fresh SQLite file (it must be empty)")
    return p.parse_args(argv)


if __name__ == "__main__":
    asyncio.run(main(parse(sys.argv[1:])))
