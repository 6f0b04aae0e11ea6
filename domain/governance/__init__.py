"""Governance: gates, the rule configuration of a portfolio, and the step every change runs.

``core`` holds governance as pure values (the snapshots hooks receive, what they return, the
port the services call); ``snapshots`` builds those snapshots from the database.

This package re-exports ``core``'s values: ``from domain.governance import ProjectSnapshot,
Violation, ...`` is the import path plugins are written against (docs/plugins.md), so it stays
stable however the package is organised inside. Importing it loads no database code.
"""

# The plugin-facing path re-exports the core as it is; one list of names, in core/__init__.py.
from domain.governance.core import *  # noqa: F403
from domain.governance.core import __all__ as __all__
