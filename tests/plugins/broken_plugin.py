"""A plugin module that fails on import, as a plugin with a missing dependency would."""

raise ImportError("No module named 'pmo_missing_dependency'")
