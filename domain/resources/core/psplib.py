"""Parser for the PSPLIB single-mode RCPSP format (``.sm``): text in, problem out."""

from __future__ import annotations

import re

from domain.resources.core.model import LevelingProblem, Link, Resource, Task


def parse_psplib(text: str) -> LevelingProblem:
    """Jobs keep file order (job 1 is task 0); precedences become FS links with lag 0."""
    lines = text.splitlines()

    def block(header: str) -> list[list[int]]:
        start = next(i for i, line in enumerate(lines) if line.startswith(header))
        rows: list[list[int]] = []
        for line in lines[start + 1 :]:
            if line.startswith("*"):
                break
            if re.match(r"^\s*\d", line):
                rows.append([int(x) for x in line.split()])
        return rows

    successors = block("PRECEDENCE RELATIONS:")
    requests = block("REQUESTS/DURATIONS:")
    capacities = block("RESOURCEAVAILABILITIES:")[0]
    tasks = tuple(Task(duration=row[2], demand={r: float(q) for r, q in enumerate(row[3:]) if q}) for row in requests)
    links = tuple(Link(row[0] - 1, s - 1) for row in successors for s in row[3 : 3 + row[2]])
    resources = tuple(Resource(capacity=float(cap)) for cap in capacities)
    return LevelingProblem(tasks=tasks, links=links, resources=resources)
