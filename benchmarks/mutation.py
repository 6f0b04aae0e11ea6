"""Benchmark of one ``updateTask`` on a large project, end to end over HTTP.

    python benchmarks/mutation.py [--tasks 5000] [--links-per-task 2] [--runs 50] [--seed 1]
                                  [--no-governance] [--profile FILE] [--database sqlite:///PATH]

Builds a project of ``--tasks`` tasks with about ``--links-per-task`` links each on a fresh
SQLite file through the real stack (the portfolio and project through GraphQL, the task and
link rows bulk-inserted, then one ``reschedule`` in one transaction, as any change would run),
then times ``--runs`` ``updateTask`` mutations (a new duration for a random task) posted to
``api.app.create_app`` over httpx's ASGI transport, as the test suite talks to the app.

Prints, each on a line of its own: ``median_ms``, ``p90_ms``, ``min_ms`` (whole requests, wall
time), ``cpu_median_ms`` (CPU time of the process, all threads, per request: steadier than wall
time on a loaded machine), and
the median time each after-change step took inside them: ``schedule_step_median_ms`` (the
rescheduling, ``domain/planning/schedule/``) and ``governance_step_median_ms`` (governance
rules and their project snapshot). ``--no-governance`` leaves the governance step out.
``--profile FILE`` writes cProfile statistics of the timed requests and prints the top lines.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import pstats
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import insert, update
from sqlmodel import col, select

from api.app import create_app
from api.config import Settings
from api.runtime import Runtime, settle_heap
from domain.access.tokens import create_token
from domain.base.authz import Role
from domain.base.ids import from_global_id, to_global_id
from domain.base.work import AfterChange, Work
from domain.entities import Dependency, Project, Task
from domain.planning import schedule

LINK_TYPES = ("FS",) * 7 + ("SS", "FF", "SF")


def timed(step: AfterChange, into: list[float]) -> AfterChange:
    async def run(work: Work) -> None:
        t0 = time.perf_counter()
        await step(work)
        into.append(time.perf_counter() - t0)

    return run


async def gql(client: httpx.AsyncClient, token: str, query: str, variables: dict[str, Any]) -> dict[str, Any]:
    response = await client.post(
        "/graphql", json={"query": query, "variables": variables}, headers={"Authorization": f"Bearer {token}"}
    )
    body: dict[str, Any] = response.json()
    if response.status_code != 200 or body.get("errors"):
        raise SystemExit(f"request failed: {response.status_code} {body}")
    data: dict[str, Any] = body["data"]
    return data


async def build(runtime: Runtime, client: httpx.AsyncClient, token: str, args: argparse.Namespace) -> dict[int, int]:
    """A project of ``args.tasks`` tasks; links go a short random distance forward, as real plans do."""
    data = await gql(
        client,
        token,
        "mutation($i: CreatePortfolioInput!) { createPortfolio(input: $i) { portfolio { id } } }",
        {"i": {"name": "Bench", "pmoType": args.pmo_type}},
    )
    portfolio = data["createPortfolio"]["portfolio"]["id"]
    data = await gql(
        client,
        token,
        "mutation($i: CreateProjectInput!) { createProject(input: $i) { project { id } } }",
        {"i": {"portfolioId": portfolio, "name": "Big", "key": "BIG", "startDate": "2026-01-05"}},
    )
    project_id = from_global_id(data["createProject"]["project"]["id"])[1]
    rng = random.Random(args.seed)
    async with runtime.db.transaction() as session:
        # Set directly: the gates would (rightly) ask for a manager, budget and a clean schedule first.
        await session.execute(update(Project).where(col(Project.id) == project_id).values(phase=args.phase))
        await session.execute(
            insert(Task),
            [{"project_id": project_id, "name": f"T{i}", "duration": rng.randint(1, 20)} for i in range(args.tasks)],
        )
        rows = (
            await session.execute(select(col(Task.id), col(Task.duration)).where(Task.project_id == project_id))
        ).all()
        durations = {int(r.id): int(r.duration) for r in rows}
        order = list(durations)
        rng.shuffle(order)
        links: set[tuple[int, int]] = set()
        for k in range(1, len(order)):
            for _ in range(args.links_per_task):
                links.add((order[max(0, k - rng.randint(1, 50))], order[k]))
        await session.execute(
            insert(Dependency),
            [
                {
                    "predecessor_id": p,
                    "successor_id": s,
                    "type": rng.choice(LINK_TYPES),
                    "lag": rng.choice((0, 0, 0, 2)),
                }
                for p, s in sorted(links)
            ],
        )
        t0 = time.perf_counter()
        await schedule.reschedule(session, [project_id])
        print(f"tasks {len(durations)}")
        print(f"links {len(links)}")
        print(f"first_schedule_ms {1000 * (time.perf_counter() - t0):.1f}")
    return durations


async def main(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database or f"sqlite:///{Path(tmp) / 'bench.db'}"
        runtime = await Runtime.start(Settings(database_url=url))
        settle_heap()  # as the server does after start-up
        step_times: list[list[float]] = [[] for _ in runtime.after_change]
        steps = [timed(s, into) for s, into in zip(runtime.after_change, step_times, strict=True)]
        runtime.after_change = tuple(steps[:1] if args.no_governance else steps)
        app = create_app(runtime.settings, runtime=runtime)
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench") as client:
            async with runtime.db.transaction() as session:
                token = await create_token(session, name="bench", role=Role.ADMIN)
            durations = await build(runtime, client, token, args)
            ids = list(durations)
            rng = random.Random(args.seed + 1)
            query = (
                "mutation($i: UpdateTaskInput!) { updateTask(input: $i) {"
                " task { id start finish totalFloat } userErrors { field message } } }"
            )

            cpu: list[float] = []

            async def one() -> float:
                pk = rng.choice(ids)
                # Always a real change (an unchanged duration would skip the rescheduling).
                durations[pk] = rng.choice([d for d in range(1, 21) if d != durations[pk]])
                t0, c0 = time.perf_counter(), time.process_time()
                data = await gql(
                    client, token, query, {"i": {"id": to_global_id("Task", pk), "duration": durations[pk]}}
                )
                elapsed = time.perf_counter() - t0
                cpu.append(time.process_time() - c0)
                if data["updateTask"]["userErrors"]:
                    raise SystemExit(f"refused: {data['updateTask']['userErrors']}")
                return elapsed

            for _ in range(args.warmup):
                await one()
            for into in step_times:
                into.clear()
            cpu.clear()
            profiler = cProfile.Profile() if args.profile else None
            times: list[float] = []
            for _ in range(args.runs):
                if profiler:
                    profiler.enable()
                times.append(await one())
                if profiler:
                    profiler.disable()
        await runtime.stop()
    ms = sorted(1000 * t for t in times)
    print(f"runs {len(ms)}")
    print(f"median_ms {statistics.median(ms):.1f}")
    print(f"p90_ms {ms[min(len(ms) - 1, int(0.9 * len(ms)))]:.1f}")
    print(f"min_ms {ms[0]:.1f}")
    print(f"cpu_median_ms {1000 * statistics.median(cpu):.1f}")
    names = ("schedule_step", "governance_step")
    for name, into in zip(names, step_times[: len(runtime.after_change)], strict=False):
        if into:
            print(f"{name}_median_ms {1000 * statistics.median(into):.1f}")
    if profiler:
        profiler.dump_stats(args.profile)
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(40)
        print(out.getvalue())


def parse(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    p.add_argument("--tasks", type=int, default=5000)
    p.add_argument("--links-per-task", type=int, default=2)
    p.add_argument("--runs", type=int, default=50)
    p.add_argument("--warmup", type=int, default=3, help="untimed requests first (JIT, caches)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--no-governance", action="store_true", help="run the rescheduling step only")
    p.add_argument(
        "--phase",
        default="Initiation",
        help="the project phase; from Execution on, the DCMA checks run on every change",
    )
    p.add_argument("--pmo-type", default="SUPPORTIVE", choices=["SUPPORTIVE", "CONTROLLING", "DIRECTIVE"])
    p.add_argument("--profile", metavar="FILE", help="write cProfile statistics of the timed requests")
    p.add_argument("--database", help="a database URL instead of a fresh SQLite file (it must be empty)")
    return p.parse_args(argv)


if __name__ == "__main__":
    asyncio.run(main(parse(sys.argv[1:])))
