"""Enumerations shared by the governance snapshots, the hooks and the API.

They are ``StrEnum`` so their values are the GraphQL enum names and survive a JSON round
trip unchanged (rule sets are stored as TOML/JSON with these strings).
"""

from __future__ import annotations

from enum import StrEnum


class Severity(StrEnum):
    """How much a violation matters. Only BLOCKING refuses a change or a phase gate."""

    INFO = "INFO"
    WARNING = "WARNING"
    BLOCKING = "BLOCKING"


class PmoType(StrEnum):
    """How much control the portfolio's PMO takes (see ``docs/governance.md``)."""

    SUPPORTIVE = "SUPPORTIVE"
    CONTROLLING = "CONTROLLING"
    DIRECTIVE = "DIRECTIVE"


class GateOutcome(StrEnum):
    """What a phase gate decides. When plugins disagree the strictest wins:
    DENY over REQUIRE_APPROVAL over ALLOW."""

    ALLOW = "ALLOW"
    REQUIRE_APPROVAL = "REQUIRE_APPROVAL"
    DENY = "DENY"
