"""Small helpers shared by the rule modules."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from types import MappingProxyType

import numpy as np

from domain.governance.core import PmoType, Severity

MAX_NAMES = 5
"""How many offending items a summary message names; the rest are counted."""


def severities(supportive: Severity, controlling: Severity, directive: Severity) -> Mapping[PmoType, Severity]:
    return MappingProxyType(
        {
            PmoType.SUPPORTIVE: supportive,
            PmoType.CONTROLLING: controlling,
            PmoType.DIRECTIVE: directive,
        }
    )


ADVISORY = severities(Severity.WARNING, Severity.WARNING, Severity.WARNING)
COMPLIANCE = severities(Severity.WARNING, Severity.BLOCKING, Severity.BLOCKING)


def name_some(names: Iterable[str]) -> str:
    """``a, b, c`` or ``a, b, c, d, e and 7 more``: messages stay short on big schedules."""
    items = list(names)
    shown = ", ".join(items[:MAX_NAMES])
    rest = len(items) - MAX_NAMES
    return f"{shown} and {rest} more" if rest > 0 else shown


def working_days(start: date, end: date) -> int:
    """Monday-to-Friday days in ``[start, end)``, negative when ``end`` is before ``start``.

    Snapshots carry no calendar, so holidays are not known here; for the ratios the DCMA
    checks compute that is a small error, and it is documented.
    """
    return int(np.busday_count(start, end))


def percent(part: int, whole: int) -> float:
    return 100.0 * part / whole if whole else 0.0
