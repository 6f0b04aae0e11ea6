"""The built-in plugins: ordinary plugins, registered after installed ones with every hook
implementation marked ``trylast``, so an installed plugin runs first and can override them.
Each can be disabled by its name."""

from __future__ import annotations

from plugins.builtin import (
    controlling,
    default_methodology,
    directive,
    rule_catalog,
    supportive,
)

BUILTIN_PLUGINS: tuple[tuple[str, object], ...] = (
    ("builtin.default_methodology", default_methodology),
    ("builtin.rule_catalog", rule_catalog),
    ("builtin.supportive", supportive),
    ("builtin.controlling", controlling),
    ("builtin.directive", directive),
)
