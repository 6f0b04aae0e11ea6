"""Pluggy hook specifications, the plugin manager and the built-in PMO-type plugins."""
