"""The work breakdown structure: a dependency on a summary task binds the tasks under it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def leaves(children: Mapping[int, Sequence[int]], task: int) -> list[int]:
    """The leaf tasks under ``task`` (the task itself when it has no children)."""
    out, stack = [], [task]
    while stack:
        t = stack.pop()
        if children.get(t):
            stack.extend(children[t])
        else:
            out.append(t)
    return out
