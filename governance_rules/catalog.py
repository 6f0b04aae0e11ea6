"""The built-in rule catalog: every rule this package provides."""

from __future__ import annotations

from domain.governance.core import Rule
from governance_rules import dcma, definition, resources, risk

BUILTIN_RULES: tuple[Rule, ...] = definition.RULES + risk.RULES + resources.RULES + dcma.RULES
