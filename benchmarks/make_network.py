"""Generate a random acyclic CPM network for the benchmarks.

    python benchmarks/make_network.py --activities 100000 --links 300000 --seed 1 \
        --out /tmp/net100k.json

Links go from a task to one a short random distance later in a hidden order (so paths
are long, like real plans), then task numbers are shuffled so the file order says
nothing about the topological order. Types are mostly FS with some SS/FF/SF; about a
fifth of the lags are non-zero and a third of those negative. Durations are 0..20 with
some milestones.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import numpy.typing as npt

TYPE_NAMES = ("FS", "SS", "FF", "SF")


def make_network(activities: int, links: int, seed: int) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """``(durations, links)`` with links as an ``(m, 4)`` array ``pred, succ, type, lag``."""
    if activities < 2 and links:
        raise ValueError("links need at least two activities")
    rng = np.random.default_rng(seed)
    durations = rng.integers(1, 21, activities)
    durations[rng.random(activities) < 0.05] = 0
    rank_pred = rng.integers(0, max(activities - 1, 1), links)
    reach = np.minimum(rng.geometric(0.02, links), activities - 1 - rank_pred)
    rank_succ = rank_pred + np.maximum(reach, 1)
    # Shuffled numbering: the rank order stays a valid topological order, hidden.
    label = rng.permutation(activities)
    link_type = rng.choice(4, links, p=[0.7, 0.1, 0.1, 0.1])
    lag = np.zeros(links, np.int64)
    lagged = rng.random(links) < 0.2
    lag[lagged] = rng.integers(-5, 11, int(lagged.sum()))
    table = np.column_stack((label[rank_pred], label[rank_succ], link_type, lag))
    return durations.astype(np.int64), table.astype(np.int64)


def write_network(path: Path, durations: npt.NDArray[np.int64], links: npt.NDArray[np.int64]) -> None:
    """Write the benchmark JSON format, formatting millions of rows without ``json.dumps``."""
    names = np.array(TYPE_NAMES)[links[:, 2]]
    rows = [
        f'[{p},{s},"{t}",{lag}]'
        for p, s, t, lag in zip(
            links[:, 0].tolist(),
            links[:, 1].tolist(),
            names.tolist(),
            links[:, 3].tolist(),
            strict=True,
        )
    ]
    with path.open("w") as out:
        out.write('{"durations": [')
        out.write(",".join(map(str, durations.tolist())))
        out.write('],\n"links": [')
        out.write(",\n".join(rows))
        out.write("]}\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--activities", type=int, required=True)
    parser.add_argument("--links", type=int, required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    durations, links = make_network(args.activities, args.links, args.seed)
    write_network(args.out, durations, links)


if __name__ == "__main__":
    main()
