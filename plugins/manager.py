"""Building the plugin manager: entry-point plugins first, then the built-ins.

There is no global manager. The application builds one at start-up (``get_plugin_manager``
or ``load_governance``), keeps it on the app state and hands the facade to services; tests
build their own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from importlib.metadata import entry_points

import pluggy

from plugins import hookspecs
from plugins.builtin import BUILTIN_PLUGINS
from plugins.errors import PluginStartupError
from plugins.facade import Governance
from plugins.markers import PROJECT_NAME

ENTRY_POINT_GROUP = "pmo_engine.plugins"


def _register(pm: pluggy.PluginManager, name: str, plugin: object) -> None:
    try:
        pm.register(plugin, name=name)
    except pluggy.PluginValidationError as err:
        raise PluginStartupError(name, f"invalid hook implementation: {err}") from err
    except ValueError as err:  # the name (or the same object) is registered already
        raise PluginStartupError(name, str(err)) from err


def get_plugin_manager(
    disabled: Iterable[str] = frozenset(),
    *,
    plugins: Sequence[tuple[str, object]] = (),
    load_entry_points: bool = True,
) -> pluggy.PluginManager:
    """A plugin manager with every enabled plugin registered and checked.

    ``disabled`` holds plugin names to skip: entry-point names for installed plugins,
    ``builtin.*`` names (see ``plugins.builtin``) for the built-ins; names that match nothing
    are ignored, so a stale setting does not stop start-up. ``plugins`` are extra
    ``(name, plugin)`` pairs registered like installed ones (tests use it).

    Raises :class:`PluginStartupError` naming the plugin when one fails to import, has an
    invalid or unknown ``pmo_`` hook, or declares a rule id another plugin declares.
    """
    skip = set(disabled)
    pm = pluggy.PluginManager(PROJECT_NAME)
    pm.add_hookspecs(hookspecs)
    if load_entry_points:
        for ep in entry_points(group=ENTRY_POINT_GROUP):
            if ep.name in skip:
                continue
            try:
                plugin = ep.load()
            except Exception as err:  # any import-time failure is the plugin's, name it
                raise PluginStartupError(ep.name, f"failed to load entry point {ep.value!r}: {err!r}") from err
            _register(pm, ep.name, plugin)
    for name, plugin in plugins:
        if name not in skip:
            _register(pm, name, plugin)
    # Registered last but marked trylast, so installed plugins run first and can override.
    for name, plugin in BUILTIN_PLUGINS:
        if name not in skip:
            _register(pm, name, plugin)
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as err:
        raise PluginStartupError(pm.get_name(err.plugin) or repr(err.plugin), f"unknown hook: {err}") from err
    Governance(pm)  # collects declarations now: a bad one fails start-up, not a request
    return pm


def load_governance(
    disabled: Iterable[str] = frozenset(),
    *,
    plugins: Sequence[tuple[str, object]] = (),
    load_entry_points: bool = True,
) -> Governance:
    """The facade over a fresh plugin manager: what the application builds at start-up."""
    return Governance(get_plugin_manager(disabled, plugins=plugins, load_entry_points=load_entry_points))
