"""Methodologies: ordered lifecycle phases and what each phase gate requires."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class GateSpec:
    """The gate into ``to_phase``.

    ``requires`` names rules (catalog ids) that are evaluated when a project asks to enter the
    phase, and stay in force afterwards; how strict they are (severity, parameters) is the
    portfolio's rule set's business, not the methodology's.
    """

    to_phase: str
    description: str = ""
    requires: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Methodology:
    name: str
    description: str
    phases: tuple[str, ...]
    """In lifecycle order; a new project starts in the first."""
    gates: tuple[GateSpec, ...] = ()

    def __post_init__(self) -> None:
        if not self.phases:
            raise ValueError(f"methodology {self.name!r} has no phases")
        if len(set(self.phases)) != len(self.phases):
            raise ValueError(f"methodology {self.name!r} repeats a phase")
        unknown = [g.to_phase for g in self.gates if g.to_phase not in self.phases]
        if unknown:
            raise ValueError(f"methodology {self.name!r} has gates into unknown phases {unknown}")

    def gate_into(self, phase: str) -> GateSpec | None:
        return next((g for g in self.gates if g.to_phase == phase), None)

    def position(self, phase: str) -> int | None:
        """Index of ``phase`` in the lifecycle, ``None`` if it is not one of its phases."""
        try:
            return self.phases.index(phase)
        except ValueError:
            return None

    def gates_passed(self, phase: str) -> tuple[GateSpec, ...]:
        """Gates a project in ``phase`` has gone through (into this phase and earlier ones)."""
        here = self.position(phase)
        if here is None:
            return ()
        return tuple(g for g in self.gates if (self.position(g.to_phase) or 0) <= here)
