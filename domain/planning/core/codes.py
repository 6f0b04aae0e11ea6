"""Integer codes shared by the API contract, the kernels and the benchmark files."""

from __future__ import annotations

from enum import IntEnum


class LinkType(IntEnum):
    """Dependency type of a link ``pred -> succ`` (the codes are part of the API contract)."""

    FS = 0
    """Finish-to-start: ``ES_succ >= EF_pred + lag``."""
    SS = 1
    """Start-to-start: ``ES_succ >= ES_pred + lag``."""
    FF = 2
    """Finish-to-finish: ``EF_succ >= EF_pred + lag``."""
    SF = 3
    """Start-to-finish: ``EF_succ >= ES_pred + lag``."""


class ConstraintType(IntEnum):
    """Date constraint of a task; the constraint day is a working-day index."""

    ASAP = 0
    """As soon as possible (no constraint)."""
    SNET = 1
    """Start no earlier than: ``ES >= day``."""
    SNLT = 2
    """Start no later than: ``LS <= day``."""
    FNET = 3
    """Finish no earlier than: ``EF >= day``."""
    FNLT = 4
    """Finish no later than: ``LF <= day``."""
    MSO = 5
    """Must start on: ``ES >= day`` and ``LS <= day``."""
    MFO = 6
    """Must finish on: ``EF >= day`` and ``LF <= day``."""


NONE = -1
"""Marker for "no value" in the optional per-task arrays (release, progress, caps)."""
