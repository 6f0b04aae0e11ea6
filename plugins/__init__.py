"""Pluggy hook specifications, the plugin manager and the built-in PMO-type plugins.

Writing a plugin: implement any of the ``pmo_*`` hooks in ``plugins.hookspecs`` in a module
(or class) and mark them with :data:`hookimpl`::

    # my_pmo_plugin.py
    from domain.governance.core import GateSpec, Methodology
    from plugins import hookimpl

    @hookimpl
    def pmo_register_methodologies():
        return [Methodology("Stage-Gate", "Cooper's stage-gate", ("Discovery", "Scoping"),
                            gates=(GateSpec("Scoping", requires=("project.manager",)),))]

Declaring the entry point, in the plugin's ``pyproject.toml``::

    [project.entry-points."pmo_engine.plugins"]
    stage_gate = "my_pmo_plugin"

Install it into the engine's environment (``pip install my-pmo-plugin``) and restart: the
entry-point name (``stage_gate``) is the plugin's name in error messages, in
``RuleDescriptor.source`` and for disabling it. ``tests/plugin_example`` is a complete
example; ``docs/plugins.md`` documents every hook.

The application builds the manager once at start-up with :func:`load_governance` (or
:func:`get_plugin_manager` and :class:`Governance`) and calls hooks only through the
:class:`Governance` facade.
"""

from plugins.errors import PluginStartupError
from plugins.facade import Governance
from plugins.manager import ENTRY_POINT_GROUP, get_plugin_manager, load_governance
from plugins.markers import hookimpl, hookspec

__all__ = [
    "ENTRY_POINT_GROUP",
    "Governance",
    "PluginStartupError",
    "get_plugin_manager",
    "hookimpl",
    "hookspec",
    "load_governance",
]
