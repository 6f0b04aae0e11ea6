"""Errors raised by the scheduling core."""

from __future__ import annotations


class CycleError(ValueError):
    """The network handed to :func:`compute_schedule` has a dependency cycle.

    ``tasks`` lists the task indices of one cycle in link order: each task has a
    link to the next one and the last one links back to the first.
    """

    def __init__(self, tasks: list[int]) -> None:
        self.tasks = tasks
        super().__init__(f"dependency cycle through tasks {tasks}")
