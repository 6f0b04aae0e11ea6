"""Portfolio leveling benchmark: our search against the best one-pass rule.

    python benchmarks/portfolio_leveling.py [--projects 20] [--tasks 250] [--resources 15]
        [--time-limit 5] [--seed 1] [--classes 1] [--deterministic] [--runs 1]

Generates a seeded portfolio (see ``make_portfolio``), then prints for each run:

* ``rule``: one pass of the serial SGS with per-project latest-finish priorities plus half the
  project's CPM finish (``domain.resources.core.search.rules.portfolio_rule_keys``), its sum of project
  finishes and its wall time;
* ``ours``: ``domain.resources.core.level`` (the code the API calls) with ``--time-limit``, its sum
  of project finishes, makespan, wall and CPU time, and the gain over the rule.

Every schedule is re-checked (links, capacities) from scratch. The objective is the core's:
the sum of project finishes per priority class (class 0 first), then the makespan; with the
default ``--classes 1`` every project has the same priority and the first figure is the sum of
all project finishes.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from domain.resources.core import (  # noqa: E402
    LevelingOptions,
    LevelingProblem,
    Link,
    LinkType,
    Project,
    Resource,
    Task,
    level,
)
from domain.resources.core.search.compiled import compile_problem  # noqa: E402
from domain.resources.core.search.decoder import Decoder  # noqa: E402
from domain.resources.core.search.objective import objective  # noqa: E402
from domain.resources.core.search.rules import portfolio_rule_keys  # noqa: E402

UNITS = (0.5, 1.0, 1.0, 1.0, 2.0)


def _project(
    rng: np.random.Generator, p: int, first: int, size: int, n_res: int, release: int
) -> tuple[list[Task], list[Link]]:
    """One project: a layered network (10 to 20 layers), 1 to 3 predecessors per task from the
    two layers before, 80 % FS links (the rest SS with a lag or FF), durations 1..15 working
    days (5 % milestones), each task on 1 to 3 resources, mostly from the project's own team
    of 5 resources (80 %), units 0.5 / 1 / 2."""
    layers = int(rng.integers(10, 21))
    layer = np.sort(rng.integers(0, layers, size))
    layer[0] = 0
    team = rng.choice(n_res, min(5, n_res), replace=False)
    tasks: list[Task] = []
    links: list[Link] = []
    for k in range(size):
        duration = 0 if rng.random() < 0.05 else int(rng.integers(1, 16))
        demand: dict[int, float] = {}
        if duration:
            for _ in range(int(rng.choice(3, p=[0.6, 0.3, 0.1])) + 1):
                r = int(rng.choice(team)) if rng.random() < 0.8 else int(rng.integers(n_res))
                demand[r] = float(rng.choice(UNITS))
        tasks.append(Task(duration, p, demand, release=release))
        earlier = np.flatnonzero((layer < layer[k]) & (layer >= layer[k] - 2))
        if earlier.size:
            for pred in rng.choice(earlier, min(earlier.size, int(rng.integers(1, 4))), replace=False).tolist():
                kind = rng.random()
                if kind < 0.8:
                    links.append(Link(first + pred, first + k, LinkType.FS, 0))
                elif kind < 0.9:
                    links.append(Link(first + pred, first + k, LinkType.SS, int(rng.integers(1, 4))))
                else:
                    links.append(Link(first + pred, first + k, LinkType.FF, 0))
    return tasks, links


def make_portfolio(projects: int, tasks: int, resources: int, seed: int, classes: int = 1) -> LevelingProblem:
    """A seeded portfolio: ``projects`` projects of ``tasks`` tasks on ``resources`` shared
    resources of 5 to 11 units each, project starts staggered over the first 40 days, with
    ``classes`` priority levels drawn at random (1: all equal)."""
    rng = np.random.default_rng(seed)
    pool = tuple(Resource(float(rng.integers(5, 12))) for _ in range(resources))
    all_tasks: list[Task] = []
    all_links: list[Link] = []
    for p in range(projects):
        release = int(rng.integers(0, 41))
        t, links = _project(rng, p, len(all_tasks), tasks, resources, release)
        all_tasks += t
        all_links += links
    prios = tuple(Project(int(rng.integers(classes)) if classes > 1 else 0) for _ in range(projects))
    return LevelingProblem(tuple(all_tasks), tuple(all_links), pool, prios)


def check(problem: LevelingProblem, starts: list[int]) -> None:
    """Links and capacities, from scratch (no core code)."""
    tasks = problem.tasks
    for link in problem.links:
        p, s = tasks[link.pred], tasks[link.succ]
        sp, ss = starts[link.pred], starts[link.succ]
        ok = {
            LinkType.FS: ss >= sp + p.duration + link.lag,
            LinkType.SS: ss >= sp + link.lag,
            LinkType.FF: ss + s.duration >= sp + p.duration + link.lag,
            LinkType.SF: ss + s.duration >= sp + link.lag,
        }[link.type]
        if not ok:
            raise AssertionError(f"link {link} broken")
    horizon = max(s + t.duration for s, t in zip(starts, tasks, strict=True))
    usage = np.zeros((len(problem.resources), horizon))
    for start, task in zip(starts, tasks, strict=True):
        if start < (task.release or 0):
            raise AssertionError("task before its release")
        for r, q in task.demand.items():
            usage[r, start : start + task.duration] += q
    caps = np.array([r.capacity for r in problem.resources])[:, None]
    if np.any(usage > caps + 1e-9):
        raise AssertionError("capacity exceeded")


def rule_schedule(problem: LevelingProblem) -> tuple[tuple[int, ...], float]:
    """The baseline: one serial SGS pass with the portfolio rule; (objective, wall seconds)."""
    began = time.perf_counter()
    c = compile_problem(problem)
    starts = Decoder(c).forward(portfolio_rule_keys(c))
    seconds = time.perf_counter() - began
    check(problem, starts.tolist())
    return objective(c, starts), seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--projects", type=int, default=20)
    parser.add_argument("--tasks", type=int, default=250)
    parser.add_argument("--resources", type=int, default=15)
    parser.add_argument("--classes", type=int, default=1)
    parser.add_argument("--time-limit", type=float, default=5.0)
    parser.add_argument("--seed", type=int, default=1, help="portfolio seed (the search uses seed 0)")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--deterministic", action="store_true", help="work budget instead of wall clock")
    args = parser.parse_args(argv)
    problem = make_portfolio(args.projects, args.tasks, args.resources, args.seed, args.classes)
    level(make_portfolio(2, 10, 2, 0), LevelingOptions(time_limit=0.05))  # load the numba cache
    print(f"portfolio: {args.projects} projects x {args.tasks} tasks, {args.resources} resources, seed {args.seed}")
    rule, rule_s = rule_schedule(problem)
    print(f"rule: sum of project finishes {rule[:-2]}  makespan {rule[-2]}  wall {rule_s:.2f} s")
    gains: list[float] = []
    for run in range(args.runs):
        options = LevelingOptions(time_limit=args.time_limit, seed=run, deterministic=args.deterministic)
        began, began_cpu = time.perf_counter(), time.process_time()
        result = level(problem, options)
        wall, cpu = time.perf_counter() - began, time.process_time() - began_cpu
        check(problem, list(result.starts))
        ours = result.objective
        gain = 100.0 * (rule[0] - ours[0]) / rule[0]
        gains.append(gain)
        print(
            f"ours (seed {run}, {args.time_limit:g} s{' deterministic' if args.deterministic else ''}): "
            f"sum of project finishes {ours[:-2]}  makespan {ours[-2]}  wall {wall:.2f} s  CPU {cpu:.2f} s  "
            f"better than the rule by {gain:.1f} %"
        )
    if args.runs > 1:
        print(f"median gain over the rule: {statistics.median(gains):.1f} %")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
