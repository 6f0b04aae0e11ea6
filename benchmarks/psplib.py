"""PSPLIB quality benchmark of the allocation core.

    python benchmarks/psplib.py DIR [--time-limit SECONDS] --out RESULTS.json
        [--jobs N] [--limit K] [--seed S] [--deterministic]

Levels every ``*.sm`` in DIR with ``domain.resources.core.level`` (the code the API
uses), checks every schedule independently, and compares the makespans with
``DIR/optimum.csv`` and with one pass of the serial SGS with the latest finish
time rule. ``--time-limit`` is wall clock per instance (as the API's default), or with
``--deterministic`` a work budget; wall and CPU seconds per instance are reported either way
(mean and max, and how many instances ended past 1.1 x the limit + 0.2 s).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from domain.resources.core import LevelingOptions, LevelingProblem, level, parse_psplib, warm_up  # noqa: E402
from domain.resources.core.search.compiled import compile_problem  # noqa: E402
from domain.resources.core.search.decoder import Decoder  # noqa: E402
from domain.resources.core.search.rules import priority_rules  # noqa: E402


@dataclass(frozen=True, slots=True)
class Outcome:
    name: str
    makespan: int
    starts: list[int]
    lft_makespan: int
    feasible: bool
    seconds: float
    cpu_seconds: float
    proven_optimal: bool


def natural_key(path: Path) -> list[int | str]:
    return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", path.name)]


def feasible(problem: LevelingProblem, starts: list[int]) -> bool:
    """Finish-to-start precedences and per-period capacities, checked from scratch."""
    tasks = problem.tasks
    for link in problem.links:
        if starts[link.succ] < starts[link.pred] + tasks[link.pred].duration:
            return False
    if any(s < 0 for s in starts):
        return False
    horizon = max((s + t.duration for s, t in zip(starts, tasks, strict=True)), default=0)
    for r, res in enumerate(problem.resources):
        usage = [0.0] * horizon
        for s, t in zip(starts, tasks, strict=True):
            for day in range(s, s + t.duration):
                usage[day] += t.demand.get(r, 0.0)
        if any(u > res.capacity + 1e-9 for u in usage):
            return False
    return True


def lft_single_pass(problem: LevelingProblem) -> int:
    c = compile_problem(problem)
    starts = Decoder(c).forward(priority_rules(c)["LFT"])
    return int((starts + c.durations).max())


def run_one(path: Path, time_limit: float, seed: int, deterministic: bool) -> Outcome:
    problem = parse_psplib(path.read_text())
    began, began_cpu = time.perf_counter(), time.process_time()
    result = level(problem, LevelingOptions(time_limit=time_limit, seed=seed, deterministic=deterministic))
    seconds, cpu = time.perf_counter() - began, time.process_time() - began_cpu
    starts = list(result.starts)
    return Outcome(
        name=path.name,
        makespan=result.makespan,
        starts=starts,
        lft_makespan=lft_single_pass(problem),
        feasible=feasible(problem, starts),
        seconds=seconds,
        cpu_seconds=cpu,
        proven_optimal=result.proven_optimal,
    )


def read_reference(folder: Path) -> dict[str, tuple[int | None, int]]:
    """problem -> (lower bound, upper bound); equal when the optimum is proven.

    ``lb..ub`` marks an open instance; ``..ub`` one whose lower bound is not given.
    """
    ref: dict[str, tuple[int | None, int]] = {}
    path = folder / "optimum.csv"
    if not path.exists():
        return ref
    for line in path.read_text().splitlines()[1:]:
        if not line.strip():
            continue
        name, value = line.strip().split(",")
        lo, _, hi = value.partition("..")
        ref[name] = (int(lo) if lo else None, int(hi or lo))
    return ref


def _pct(values: list[float]) -> float:
    return 100.0 * sum(values) / len(values) if values else float("nan")


def report(
    outcomes: list[Outcome], ref: dict[str, tuple[int | None, int]], time_limit: float, deterministic: bool
) -> None:
    known = [o for o in outcomes if o.name in ref]
    over_ub = [(o.makespan - ref[o.name][1]) / ref[o.name][1] for o in known]
    lower = [(o.makespan, lb) for o in known if (lb := ref[o.name][0]) is not None]
    over_lb = [(m - lb) / lb for m, lb in lower]
    lft_ub = [(o.lft_makespan - ref[o.name][1]) / ref[o.name][1] for o in known]
    proven = [o for o in known if ref[o.name][0] == ref[o.name][1]]
    open_ = [o for o in known if ref[o.name][0] != ref[o.name][1]]
    mode = "work budget (deterministic)" if deterministic else "wall clock"
    print(f"instances: {len(outcomes)}  time limit: {time_limit:g} s per instance, {mode}")
    print(f"feasible: {sum(o.feasible for o in outcomes)}/{len(outcomes)}")
    print(
        "mean % over optimum (best known upper bound where open): "
        f"{_pct(over_ub):.3f} %  (single-pass serial SGS, LFT rule: {_pct(lft_ub):.3f} %)"
    )
    print(f"mean % over the known lower bound ({len(lower)} instances): {_pct(over_lb):.3f} %")
    print(
        f"optimal: {sum(o.makespan == ref[o.name][1] for o in proven)}/{len(proven)} "
        f"proven-optimum instances matched; open instances matching or beating best known: "
        f"{sum(o.makespan <= ref[o.name][1] for o in open_)}/{len(open_)}"
    )
    print(f"proven optimal by the core itself: {sum(o.proven_optimal for o in outcomes)}")
    for label, secs in (
        ("wall", [o.seconds for o in outcomes]),
        ("CPU", [o.cpu_seconds for o in outcomes]),
    ):
        over = sum(t > 1.1 * time_limit + 0.2 for t in secs)
        print(
            f"{label} seconds per instance: mean {sum(secs) / len(secs):.3f}, max {max(secs):.3f} "
            f"(limit {time_limit:g}; past 1.1 x limit + 0.2 s: {over})"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("dir", type=Path)
    parser.add_argument("--time-limit", type=float, default=1.0)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--limit", type=int, default=0, help="only K instances, evenly spaced over the set")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--deterministic", action="store_true", help="a work budget instead of the wall clock")
    args = parser.parse_args(argv)
    files = sorted(args.dir.glob("*.sm"), key=natural_key)
    if 0 < args.limit < len(files):
        step = len(files) / args.limit
        files = [files[int(i * step)] for i in range(args.limit)]
    if not files:
        print(f"no *.sm files in {args.dir}", file=sys.stderr)
        return 2
    # Load the compiled kernels first, as the server does at start: not inside an instance's limit.
    if args.jobs > 1:
        with ProcessPoolExecutor(max_workers=args.jobs, initializer=warm_up) as pool:
            futures = [pool.submit(run_one, f, args.time_limit, args.seed, args.deterministic) for f in files]
            outcomes = [fut.result() for fut in futures]
    else:
        warm_up()
        outcomes = [run_one(f, args.time_limit, args.seed, args.deterministic) for f in files]
    args.out.write_text(
        json.dumps(
            {
                o.name: {"makespan": o.makespan, "starts": o.starts, "seconds": o.seconds, "cpu_seconds": o.cpu_seconds}
                for o in outcomes
            }
        )
    )
    report(outcomes, read_reference(args.dir), args.time_limit, args.deterministic)
    return 0 if all(o.feasible for o in outcomes) else 1


if __name__ == "__main__":
    raise SystemExit(main())
