"""The pluggy markers for the ``pmo_engine`` project name.

Plugins decorate their hook implementations with :data:`hookimpl`; the specs in
``plugins.hookspecs`` use :data:`hookspec`.
"""

from __future__ import annotations

import pluggy

PROJECT_NAME = "pmo_engine"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)
