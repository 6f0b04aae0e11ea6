"""Errors that stop start-up. Each names the plugin at fault, so the operator knows what to
fix, uninstall or disable."""

from __future__ import annotations


class PluginStartupError(RuntimeError):
    """A plugin could not be loaded or declared something invalid."""

    def __init__(self, plugin: str, message: str) -> None:
        super().__init__(f"plugin {plugin!r}: {message}")
        self.plugin = plugin
