"""Benchmark of the CPM core (domain.planning.core) with a networkx baseline.

    python benchmarks/cpm.py NETWORK.json --out RESULT.json [--repeat 3] [--compare-networkx]

Prints ``jit_warmup_seconds`` (numba load or first compile, outside the timing),
``load_seconds`` (JSON parsing), and ``compute_seconds`` on a line of its own: the best
wall time of ``--repeat`` runs of exactly what the API does,
``compute_schedule(Network(...))`` (validation, CSR build, topological order, forward and
backward passes, floats); ``compute_cpu_seconds`` is the best CPU time of the same runs.
With ``--compare-networkx`` it also times a straightforward networkx implementation of
the same passes on the same network, checks that both agree, and prints the speed-up.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import warnings
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import numpy.typing as npt

from domain.planning.core import LinkType, Network, Schedule, compute_schedule, warm_up

IntArray = npt.NDArray[np.int64]
TYPE_CODES = {t.name: int(t) for t in LinkType}
# The fast loader turns "FS"/"SS"/"FF"/"SF" into the digits 10/0/11/1 with one
# bytes.translate (F -> 1, S -> 0); this table maps those back to LinkType codes.
_DIGITS_TO_TYPE = np.full(12, -1, np.int64)
_DIGITS_TO_TYPE[[10, 0, 11, 1]] = [LinkType.FS, LinkType.SS, LinkType.FF, LinkType.SF]


def load_network(path: Path) -> Network:
    """Read the benchmark JSON; a bytes-level fast path with ``json`` as the fallback."""
    raw = path.read_bytes()
    try:
        return _load_fast(raw)
    except ValueError:
        return _load_json(raw)


def _load_fast(raw: bytes) -> Network:
    durations_match = re.search(rb'"durations"\s*:\s*\[([^\]]*)\]', raw)
    links_match = re.search(rb'"links"\s*:\s*\[', raw)
    if durations_match is None or links_match is None:
        raise ValueError("not the benchmark layout")
    durations = _parse_ints(durations_match.group(1))
    start = links_match.end()
    if raw[start:].lstrip().startswith(b"]"):
        table = np.empty((0, 4), np.int64)
    else:
        end_match = re.compile(rb"\]\s*\]").search(raw, start)
        if end_match is None:
            raise ValueError("unterminated links")
        body = raw[start : end_match.end() - 1].translate(bytes.maketrans(b"FS", b"10"), b'[]" \t\r\n')
        flat = _parse_ints(body)
        if flat.shape[0] % 4:
            raise ValueError("links are not 4-tuples")
        table = flat.reshape(-1, 4)
        codes = table[:, 2]
        if codes.size and (int(codes.min()) < 0 or int(codes.max()) > 11):
            raise ValueError("unknown link type")
        types = _DIGITS_TO_TYPE[codes]
        if types.size and int(types.min()) < 0:
            raise ValueError("unknown link type")
        table[:, 2] = types
    return Network(durations, table[:, 0], table[:, 1], table[:, 2], table[:, 3])


def _parse_ints(text: bytes) -> IntArray:
    if not text.strip():
        return np.empty(0, np.int64)
    # numpy only warns when it stops before the end of malformed text; make that an error.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            values = np.fromstring(text, dtype=np.int64, sep=",")
        except (DeprecationWarning, ValueError) as error:
            raise ValueError("malformed integer list") from error
    return values


def _load_json(raw: bytes) -> Network:
    data: dict[str, Any] = json.loads(raw)
    links = data["links"]
    return Network(
        np.array(data["durations"], np.int64),
        np.array([link[0] for link in links], np.int64),
        np.array([link[1] for link in links], np.int64),
        np.array([TYPE_CODES[link[2]] for link in links], np.int64),
        np.array([link[3] for link in links], np.int64),
    )


def schedule_with_networkx(network: Network) -> tuple[dict[str, list[int]], int]:
    """The textbook passes on a networkx DiGraph (no progress or constraints)."""
    graph: nx.MultiDiGraph[int] = nx.MultiDiGraph()
    graph.add_nodes_from(range(network.task_count))
    graph.add_edges_from(
        (p, s, {"type": t, "lag": lag})
        for p, s, t, lag in zip(
            network.pred.tolist(),
            network.succ.tolist(),
            network.link_type.tolist(),
            network.lag.tolist(),
            strict=True,
        )
    )
    duration = network.durations.tolist()
    order = list(nx.topological_sort(graph))
    es = [0] * len(duration)
    ef = [0] * len(duration)
    for task in order:
        start = 0
        for p, _, data in graph.in_edges(task, data=True):
            kind, lag = data["type"], data["lag"]
            if kind == LinkType.FS:
                start = max(start, ef[p] + lag)
            elif kind == LinkType.SS:
                start = max(start, es[p] + lag)
            elif kind == LinkType.FF:
                start = max(start, ef[p] + lag - duration[task])
            else:
                start = max(start, es[p] + lag - duration[task])
        es[task] = start
        ef[task] = start + duration[task]
    finish = max(ef, default=0)
    ls = [0] * len(duration)
    lf = [0] * len(duration)
    free = [0] * len(duration)
    for task in reversed(order):
        late = finish
        slack: int | None = None
        for _, s, data in graph.out_edges(task, data=True):
            kind, lag = data["type"], data["lag"]
            if kind == LinkType.FS:
                late, gap = min(late, ls[s] - lag), es[s] - lag - ef[task]
            elif kind == LinkType.SS:
                late, gap = min(late, ls[s] - lag + duration[task]), es[s] - lag - es[task]
            elif kind == LinkType.FF:
                late, gap = min(late, lf[s] - lag), ef[s] - lag - ef[task]
            else:
                late, gap = min(late, lf[s] - lag + duration[task]), ef[s] - lag - es[task]
            slack = gap if slack is None else min(slack, gap)
        lf[task] = late
        ls[task] = late - duration[task]
        free[task] = finish - ef[task] if slack is None else slack
    dates = {"es": es, "ef": ef, "ls": ls, "lf": lf, "free_float": free}
    return dates, finish


def write_result(path: Path, schedule: Schedule) -> None:
    """Write RESULT.json; ``tolist`` + ``json.dump`` of flat int lists is fast enough."""
    result = {
        "early_start": schedule.es.tolist(),
        "early_finish": schedule.ef.tolist(),
        "late_start": schedule.ls.tolist(),
        "late_finish": schedule.lf.tolist(),
        "total_float": schedule.total_float.tolist(),
        "free_float": schedule.free_float.tolist(),
        "finish": schedule.finish,
    }
    with path.open("w") as out:
        json.dump(result, out, separators=(",", ":"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("network", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs; the best counts")
    parser.add_argument("--compare-networkx", action="store_true")
    args = parser.parse_args(argv)

    began = time.perf_counter()
    warm_up()
    print(f"jit_warmup_seconds {time.perf_counter() - began:.4f}")
    began = time.perf_counter()
    loaded = load_network(args.network)
    print(f"load_seconds {time.perf_counter() - began:.4f}")
    print(f"activities {loaded.task_count} links {loaded.link_count}")

    timings = []
    cpu_timings = []
    schedule = None
    for _ in range(max(args.repeat, 1)):
        began, cpu_began = time.perf_counter(), time.process_time()
        network = Network(loaded.durations, loaded.pred, loaded.succ, loaded.link_type, loaded.lag)
        schedule = compute_schedule(network)
        timings.append(time.perf_counter() - began)
        cpu_timings.append(time.process_time() - cpu_began)
    assert schedule is not None
    best = min(timings)
    print("runs_seconds " + " ".join(f"{t:.4f}" for t in timings))
    # CPU time of this process: on a shared machine it shows the cost without the waits.
    print(f"compute_cpu_seconds {min(cpu_timings):.4f}")
    print(f"compute_seconds {best:.4f}")
    print(f"finish {schedule.finish}")
    write_result(args.out, schedule)

    if args.compare_networkx:
        began = time.perf_counter()
        dates, finish = schedule_with_networkx(loaded)
        baseline = time.perf_counter() - began
        agree = finish == schedule.finish and all(
            np.array_equal(np.asarray(dates[name]), getattr(schedule, name))
            for name in ("es", "ef", "ls", "lf", "free_float")
        )
        print(f"networkx_seconds {baseline:.4f}")
        print(f"networkx_agrees {agree}")
        print(f"speedup_vs_networkx {baseline / best:.1f}x")
        if not agree:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
